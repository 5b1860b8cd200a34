/**
 * Reading a snapshot's parts not done, all at once, and ending the snapshot. One source failing
 * fails its own part only: its rows are cleared and it is FAILED with the error — never "no
 * accounts" — and the others go on. A part abandoned (the lease lost, or this process stopping) is
 * left as it is for another to read again, and the snapshot is not ended here.
 */
import type { Gateway } from "../gateway.js";
import { ErrorCode, SourceError } from "../model/errors.js";
import { indexLinks, type LinkIndex } from "../people/join.js";
import type { Store } from "../store/store.js";
import { vendorFor } from "../vendors/registry.js";
import { leaseGuardedWrites } from "./lease-guarded-writes.js";
import { readSourceInto } from "./read-source.js";
import {
  type SnapshotRecord,
  type SnapshotSourceProgress,
  SnapshotSourceStatus,
  SnapshotStatus,
} from "./snapshot.js";
import { type HeldSnapshotLease, SnapshotLeaseLostError } from "./snapshot-lease.js";
import { failureOf, snapshotStatusOf } from "./snapshot-outcome.js";
import type { SnapshotRequest } from "./snapshot-request.js";
import { SnapshotStoppedError } from "./snapshot-stop.js";

export interface PartsReading {
  readonly gateway: Gateway;
  readonly store: Store;
  readonly id: string;
  readonly listeners: ReadonlySet<(progress: SnapshotSourceProgress) => void>;
  readonly onTrouble: SnapshotRequest["onTrouble"];
  /** The snapshot's lease this process holds; null where none is taken. */
  readonly lease: HeldSnapshotLease | null;
  /** Aborted when this process stops: its reads are cancelled, its parts left for another. */
  readonly stop: AbortSignal;
}

type Change = Partial<Omit<SnapshotSourceProgress, "sourceId">>;

const ABANDONED = "ABANDONED";

/** What the vendor declares about last-login times (VendorModule.logins); null when it declares nothing. */
function loginsReported(gateway: Gateway, sourceId: string): boolean | null {
  const kind = gateway.connector(sourceId)?.source.kind;
  return (kind === undefined ? undefined : vendorFor(kind)?.logins?.reported) ?? null;
}

/**
 * Reads the parts of the snapshot PENDING (and those RUNNING, cleared first) and ends it; answers
 * its final record. A snapshot no longer RUNNING is answered as it is.
 */
export async function readSnapshotParts(reading: PartsReading): Promise<SnapshotRecord> {
  const { store, id, lease } = reading;
  const history = store.history;
  const snapshot = await history.getSnapshot(id);
  if (!snapshot) throw new Error(`snapshot ${id} is not in the store`);
  if (snapshot.status !== SnapshotStatus.RUNNING) return snapshot;
  const todo = snapshot.sources.filter(
    (s) => s.status === SnapshotSourceStatus.PENDING || s.status === SnapshotSourceStatus.RUNNING,
  );
  const kept = snapshot.sources.filter((s) => !todo.includes(s)).map((s) => ({ status: s.status }));
  const links = await linksOrFailedParts(reading, todo);
  if (links === null) {
    await history.finishSnapshot(
      id,
      snapshotStatusOf([...kept, ...todo.map(() => ({ status: SnapshotSourceStatus.FAILED }))]),
      new Date(),
    );
    return (await history.getSnapshot(id)) as SnapshotRecord;
  }
  const statuses = await Promise.all(todo.map((part) => readPart(reading, part, links)));
  lease?.check();
  if (statuses.some((s) => s.status === ABANDONED))
    throw reading.stop.aborted ? new SnapshotStoppedError(id) : new SnapshotLeaseLostError(id);
  await history.finishSnapshot(
    id,
    snapshotStatusOf([...kept, ...(statuses as { status: SnapshotSourceStatus }[])]),
    new Date(),
  );
  return (await history.getSnapshot(id)) as SnapshotRecord;
}

/**
 * The links as they are now place each account with its person; without them no account could be
 * placed right, so the parts to read fail (each saying why) and the answer is null.
 */
async function linksOrFailedParts(
  { store, id, onTrouble, lease, stop }: PartsReading,
  todo: readonly SnapshotSourceProgress[],
): Promise<LinkIndex | null> {
  return store.links.all().then(indexLinks, async (error: unknown) => {
    // A store closing under a stopping process fails no part: the parts are another's to read.
    if (stop.aborted) throw new SnapshotStoppedError(id);
    onTrouble?.(error, `snapshot ${id}: reading the account links`);
    const failure = {
      code: ErrorCode.INTERNAL_SERVER_ERROR,
      message: "Rollcall could not read its account links",
    };
    for (const part of todo) {
      lease?.check();
      await store.history.clearSource(id, part.sourceId);
      await store.history.updateSource(id, part.sourceId, {
        status: SnapshotSourceStatus.FAILED,
        finishedAt: new Date(),
        error: failure,
      });
    }
    return null;
  });
}

/** Stores a part's change and tells the listeners the part's progress as stored. */
async function recordChange(reading: PartsReading, sourceId: string, change: Change): Promise<void> {
  const { store, id, lease, listeners } = reading;
  lease?.check();
  await store.history.updateSource(id, sourceId, change);
  if (listeners.size === 0) return;
  const snapshot = await store.history.getSnapshot(id);
  const progress = snapshot?.sources.find((s) => s.sourceId === sourceId);
  if (progress) for (const listener of listeners) listener(progress);
}

/** Reads one part into the store: COMPLETE, FAILED (its rows cleared), or ABANDONED to another. */
async function readPart(
  reading: PartsReading,
  { sourceId, status }: SnapshotSourceProgress,
  links: LinkIndex,
): Promise<{ status: SnapshotSourceStatus | typeof ABANDONED }> {
  const { gateway, store, id, lease, onTrouble, stop } = reading;
  const history = store.history;
  const update = (change: Change) => recordChange(reading, sourceId, change);
  const connector = gateway.connector(sourceId);
  try {
    if (!connector) throw new Error(`source "${sourceId}" is no longer configured`);
    // A part left RUNNING was read half way by a process that died: no half is kept.
    if (status === SnapshotSourceStatus.RUNNING) {
      lease?.check();
      await history.clearSource(id, sourceId);
    }
    await update({
      status: SnapshotSourceStatus.RUNNING,
      startedAt: new Date(),
      accountsRead: 0,
      accountsTotal: null,
      loginsReported: loginsReported(gateway, sourceId),
    });
    await readSourceInto(connector, leaseGuardedWrites(history, lease), id, links, update);
    await update({ status: SnapshotSourceStatus.COMPLETE, finishedAt: new Date() });
    return { status: SnapshotSourceStatus.COMPLETE };
  } catch (error) {
    // Another process holds the snapshot now, or this one is stopping (its reads were
    // cancelled, no failure of the source's): the part is another's to clear and read again.
    if (error instanceof SnapshotLeaseLostError || stop.aborted) return { status: ABANDONED };
    if (!(error instanceof SourceError)) onTrouble?.(error, `snapshot ${id}: source "${sourceId}"`);
    // A part that failed half way keeps no half: its accounts are unknown, not fewer.
    await history
      .clearSource(id, sourceId)
      .catch((e: unknown) => onTrouble?.(e, `snapshot ${id}: clearing "${sourceId}"`));
    await update({
      status: SnapshotSourceStatus.FAILED,
      finishedAt: new Date(),
      error: failureOf(error),
    }).catch((e: unknown) => onTrouble?.(e, `snapshot ${id}: recording "${sourceId}" failed`));
    return { status: SnapshotSourceStatus.FAILED };
  }
}
