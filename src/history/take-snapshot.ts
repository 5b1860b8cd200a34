/**
 * Taking a snapshot: every (or the chosen) source read at once, each into the store page by page
 * (history/read-source.ts), with its progress recorded as it goes, so `snapshot(id:)` answers
 * while it runs. One source failing fails its own part only: its rows are cleared and it is
 * FAILED with the error — never "no accounts" — and the others go on. The snapshot ends COMPLETE,
 * PARTIAL (some sources failed) or FAILED (all did).
 *
 * One snapshot runs at a time per store, whichever processes share it: the store itself holds one
 * RUNNING at most (migration 005; SnapshotRunningError), so asking for another while one runs —
 * here, on another replica, in the CLI, or at the same instant — answers the running one (its
 * record, or its end for `takeSnapshot`), whoever asked and for whichever sources: a second full
 * read of every source would only double the vendors' load for the same picture.
 *
 * On replicas sharing a PostgreSQL store, a snapshot is offered to every replica's worker through
 * the job engine instead (snapshot-jobs.ts), and taken under a lease in the store: a source's part
 * is what is resumed when the replica taking it dies (runSnapshot reads only the parts not done).
 */
import type { Gateway } from "../gateway.js";
import { ErrorCode, InputError, SourceError } from "../model/errors.js";
import { indexLinks } from "../people/join.js";
import { DEFAULT_LEASE_MS, THIS_RUNNER } from "../plans/plan-lease.js";
import type { HistoryStore, Store } from "../store/store.js";
import { detached, withOperationSignal } from "../vendors/http/operation-signal.js";
import { vendorFor } from "../vendors/registry.js";
import { failInterrupted } from "./interrupted.js";
import { readSourceInto } from "./read-source.js";
import {
  type SnapshotRecord,
  type SnapshotSourceProgress,
  SnapshotSourceStatus,
  SnapshotStatus,
  type SnapshotTrigger,
} from "./snapshot.js";
import { followed } from "./snapshot-follow.js";
import { newSnapshotId } from "./snapshot-id.js";
import {
  type HeldSnapshotLease,
  holdSnapshotLease,
  SnapshotBusyError,
  SnapshotLeaseLostError,
} from "./snapshot-lease.js";
import { SnapshotRunningError } from "./snapshot-running.js";
import { SnapshotStoppedError, snapshotStopSignal, trackedSnapshot } from "./snapshot-stop.js";

export interface SnapshotRequest {
  readonly trigger: SnapshotTrigger;
  /** Caller id (`key:<name>`, `token:…`), `cli` or `system`. */
  readonly takenBy: string;
  /** Only these sources (ids); all configured ones when absent. */
  readonly sourceIds?: readonly string[] | null;
  /** The input field an unknown source id is named by (`input.sources`, `--sources`). */
  readonly sourcesField?: string;
  /** Told of every change of a source's progress, as it is stored. */
  readonly onProgress?: (progress: SnapshotSourceProgress) => void;
  /** Told of what went wrong beyond a source's failure (the store), for the server's log. */
  readonly onTrouble?: (error: unknown, doing: string) => void;
  /** The snapshot's id, when every replica asking must name the same one (a schedule's tick). */
  readonly id?: string;
}

/** Who holds a snapshot's lease, and for how long without renewing it (snapshot-lease.ts). */
export interface SnapshotLeaseSettings {
  readonly runner: string;
  readonly ms: number;
}

interface RunningSnapshot {
  readonly id: string;
  readonly done: Promise<SnapshotRecord>;
  readonly listeners: Set<(progress: SnapshotSourceProgress) => void>;
}

const running = new WeakMap<Store, RunningSnapshot>();

/** The chosen sources in config order; an unknown id is the caller's input error. */
export function chosenSources(gateway: Gateway, request: SnapshotRequest): string[] {
  const all = gateway.connectors.map((c) => c.source.id);
  if (!request.sourceIds) return all;
  const field = request.sourcesField ?? "sources";
  for (const id of request.sourceIds)
    if (!gateway.connector(id))
      throw new InputError(`Unknown source "${id}" (sources: ${all.join(", ")})`, field);
  if (request.sourceIds.length === 0) throw new InputError("Name at least one source", field);
  const wanted = new Set(request.sourceIds);
  return all.filter((id) => wanted.has(id));
}

/** What the vendor declares about last-login times (VendorModule.logins); null when it declares nothing. */
function loginsReported(gateway: Gateway, sourceId: string): boolean | null {
  const kind = gateway.connector(sourceId)?.source.kind;
  return (kind === undefined ? undefined : vendorFor(kind)?.logins?.reported) ?? null;
}

/** A source's failure as the snapshot records it: a documented code and a message safe to show. */
function failureOf(error: unknown): { code: string; message: string } {
  // A SourceError's message is scrubbed at the connector boundary (no secret reaches it).
  if (error instanceof SourceError) return { code: error.code, message: error.message };
  return {
    code: ErrorCode.INTERNAL_SERVER_ERROR,
    message: "Rollcall failed while reading or storing this source's part (see the server log)",
  };
}

/** COMPLETE when every source was read, FAILED when none was, PARTIAL in between. */
export function snapshotStatusOf(sources: readonly { status: SnapshotSourceStatus }[]): SnapshotStatus {
  const failed = sources.filter((s) => s.status === SnapshotSourceStatus.FAILED).length;
  if (failed === 0) return SnapshotStatus.COMPLETE;
  return failed === sources.length ? SnapshotStatus.FAILED : SnapshotStatus.PARTIAL;
}

/**
 * Starts a snapshot and answers its record (RUNNING, each source PENDING) as soon as it is stored;
 * `done` settles with its final record. While one runs (the store holds one RUNNING at most),
 * answers that one.
 */
export async function startSnapshot(
  gateway: Gateway,
  store: Store,
  request: SnapshotRequest,
): Promise<{ readonly snapshot: SnapshotRecord; readonly done: Promise<SnapshotRecord> }> {
  const jobs = gateway.snapshotJobs;
  if (jobs && store === gateway.store) return jobs.start(gateway, store, request);
  const sourceIds = chosenSources(gateway, request);
  const current = running.get(store);
  if (current) {
    if (request.onProgress) current.listeners.add(request.onProgress);
    const snapshot = await store.history.getSnapshot(current.id);
    if (snapshot) return { snapshot, done: current.done };
  }
  const startedAt = new Date();
  const id = request.id ?? newSnapshotId(startedAt);
  const taken = request.id === undefined ? null : await store.history.getSnapshot(request.id);
  if (taken) return { snapshot: taken, done: Promise.resolve(taken) };
  const listeners = new Set(request.onProgress ? [request.onProgress] : []);
  let release: (record: Promise<SnapshotRecord>) => void = () => undefined;
  const done = new Promise<SnapshotRecord>((resolve) => {
    release = resolve;
  });
  // Nobody may be waiting (a mutation answered at once): a store that failed under it is the log's.
  done.catch(() => undefined);
  const job: RunningSnapshot = { id, done, listeners };
  running.set(store, job);
  try {
    await store.history.createSnapshot({
      id,
      trigger: request.trigger,
      takenBy: request.takenBy,
      startedAt,
      sourceIds,
    });
  } catch (error) {
    running.delete(store);
    if (error instanceof SnapshotRunningError)
      return runningElsewhere(gateway, store, error.snapshotId, request);
    throw error;
  }
  release(launch(gateway, store, job, request));
  const snapshot = (await store.history.getSnapshot(id)) as SnapshotRecord;
  return { snapshot, done };
}

/**
 * Reads the snapshot's parts not done, outside the asking operation: its end (or its deadline)
 * never cancels the snapshot's reads. Under the snapshot's lease on either engine, so that another
 * process sharing the store (a replica, the CLI) tells one being taken from one left by a stop.
 */
function launch(
  gateway: Gateway,
  store: Store,
  job: RunningSnapshot,
  request: SnapshotRequest,
): Promise<SnapshotRecord> {
  const lease = { runner: THIS_RUNNER, ms: DEFAULT_LEASE_MS };
  const work = detached(() =>
    runSnapshot(gateway, store, job.id, { listeners: job.listeners, onTrouble: request.onTrouble, lease }),
  );
  work.catch(() => undefined);
  work
    .finally(() => {
      if (running.get(store) === job) running.delete(store);
    })
    .catch(() => undefined);
  return work;
}

/** How often a snapshot another process takes is read again, waiting for its end. */
const FOLLOW_MS = 500;

/**
 * The store's RUNNING snapshot is not this process's (no job engine here: the embedded store, or
 * the CLI). Held by another process (its lease live), it is the answer, followed in the store until
 * it ends. Held by nobody, a process that stopped left it: on the embedded store it is failed as
 * interrupted (as the next start would) and a snapshot taken anew; on a shared store this process
 * resumes it, as a replica would. One left so while followed ends the same way (failed, or
 * resumed here), and is the answer.
 */
async function runningElsewhere(
  gateway: Gateway,
  store: Store,
  id: string,
  request: SnapshotRequest,
): Promise<{ readonly snapshot: SnapshotRecord; readonly done: Promise<SnapshotRecord> }> {
  const snapshot = await store.history.getSnapshot(id);
  if (!snapshot) throw new SnapshotRunningError(id);
  // Its process stopped while this one waited for it: the answer is its end all the same.
  const left = async () => {
    const now = (await store.history.getSnapshot(id)) ?? snapshot;
    if (store.engine === "postgres") return resumed(gateway, store, now, request).done;
    await failInterrupted(store.history, now);
    return (await store.history.getSnapshot(id)) ?? now;
  };
  const unheld = (await store.history.unheldSnapshots(new Date())).includes(id);
  if (!unheld) {
    const done = followed(store, id, FOLLOW_MS, left);
    done.catch(() => undefined);
    return { snapshot, done };
  }
  if (store.engine === "sqlite") {
    await failInterrupted(store.history, snapshot);
    return startSnapshot(gateway, store, request);
  }
  return resumed(gateway, store, snapshot, request);
}

/** Resumes here a snapshot nobody holds; one another process took meanwhile is followed instead. */
function resumed(
  gateway: Gateway,
  store: Store,
  snapshot: SnapshotRecord,
  request: SnapshotRequest,
): { readonly snapshot: SnapshotRecord; readonly done: Promise<SnapshotRecord> } {
  let release: (record: Promise<SnapshotRecord>) => void = () => undefined;
  const done = new Promise<SnapshotRecord>((resolve) => {
    release = resolve;
  });
  done.catch(() => undefined);
  const job: RunningSnapshot = {
    id: snapshot.id,
    done,
    listeners: new Set(request.onProgress ? [request.onProgress] : []),
  };
  running.set(store, job);
  release(
    launch(gateway, store, job, request).catch((error: unknown) => {
      if (error instanceof SnapshotBusyError) return followed(store, snapshot.id, FOLLOW_MS);
      throw error;
    }),
  );
  return { snapshot, done };
}

/** Takes a snapshot and answers it once every source is done (or joins the one running). */
export async function takeSnapshot(
  gateway: Gateway,
  store: Store,
  request: SnapshotRequest,
): Promise<SnapshotRecord> {
  return (await startSnapshot(gateway, store, request)).done;
}

/** Snapshots this process is taking now (by id): a job offered for one is another's to wait for. */
const takingHere = new Set<string>();

export function isTakingHere(snapshotId: string): boolean {
  return takingHere.has(snapshotId);
}

interface RunOptions {
  readonly listeners?: ReadonlySet<(progress: SnapshotSourceProgress) => void>;
  readonly onTrouble?: SnapshotRequest["onTrouble"];
  readonly lease?: SnapshotLeaseSettings;
}

/**
 * Reads the parts of snapshot `id` not done yet and ends it. A part PENDING is read; a part
 * RUNNING was being read by a process that died (its lease ran out): what it wrote is cleared and
 * the part read again; a part COMPLETE or FAILED is kept as it is, never read twice. With `lease`,
 * holds the snapshot's lease throughout (SnapshotBusyError when another holds it) and stops
 * writing once it is lost (SnapshotLeaseLostError: the part in progress is another's to resume).
 * A stop of this process (snapshot-stop.ts) cancels its reads and leaves the parts not done as they
 * were, for another to resume (SnapshotStoppedError), never failed.
 */
export function runSnapshot(
  gateway: Gateway,
  store: Store,
  id: string,
  options: RunOptions,
): Promise<SnapshotRecord> {
  return trackedSnapshot(store, runLeased(gateway, store, id, options));
}

async function runLeased(
  gateway: Gateway,
  store: Store,
  id: string,
  options: RunOptions,
): Promise<SnapshotRecord> {
  const stop = snapshotStopSignal(store);
  if (stop.aborted) throw new SnapshotStoppedError(id);
  const lease = options.lease ? await holdSnapshotLease(store.history, id, options.lease) : null;
  takingHere.add(id);
  try {
    // Its reads run under the stop's signal: a stop cancels them where they wait.
    return await withOperationSignal(stop, () =>
      run(gateway, store, id, options.listeners ?? new Set(), options.onTrouble, lease, stop),
    );
  } finally {
    takingHere.delete(id);
    await lease?.release();
  }
}

/** The store as a part's reading writes to it: nothing written once the lease is lost. */
function guarded(history: HistoryStore, lease: HeldSnapshotLease | null): HistoryStore {
  if (!lease) return history;
  return Object.create(history, {
    writeAccounts: {
      value: (...args: Parameters<HistoryStore["writeAccounts"]>) => {
        lease.check();
        return history.writeAccounts(...args);
      },
    },
    writeContainers: {
      value: (...args: Parameters<HistoryStore["writeContainers"]>) => {
        lease.check();
        return history.writeContainers(...args);
      },
    },
  }) as HistoryStore;
}

const ABANDONED = "ABANDONED";

async function run(
  gateway: Gateway,
  store: Store,
  id: string,
  listeners: ReadonlySet<(progress: SnapshotSourceProgress) => void>,
  onTrouble: SnapshotRequest["onTrouble"],
  lease: HeldSnapshotLease | null,
  stop: AbortSignal,
): Promise<SnapshotRecord> {
  const history = store.history;
  const snapshot = await history.getSnapshot(id);
  if (!snapshot) throw new Error(`snapshot ${id} is not in the store`);
  if (snapshot.status !== SnapshotStatus.RUNNING) return snapshot;
  const todo = snapshot.sources.filter(
    (s) => s.status === SnapshotSourceStatus.PENDING || s.status === SnapshotSourceStatus.RUNNING,
  );
  const kept = snapshot.sources.filter((s) => !todo.includes(s)).map((s) => ({ status: s.status }));
  // The links as they are now place each account with its person; without them no account could
  // be placed right, so the parts to read fail (each saying why).
  const links = await store.links.all().then(indexLinks, async (error: unknown) => {
    // A store closing under a stopping process fails no part: the parts are another's to read.
    if (stop.aborted) throw new SnapshotStoppedError(id);
    onTrouble?.(error, `snapshot ${id}: reading the account links`);
    const failure = {
      code: ErrorCode.INTERNAL_SERVER_ERROR,
      message: "Rollcall could not read its account links",
    };
    for (const part of todo) {
      lease?.check();
      await history.clearSource(id, part.sourceId);
      await history.updateSource(id, part.sourceId, {
        status: SnapshotSourceStatus.FAILED,
        finishedAt: new Date(),
        error: failure,
      });
    }
    return null;
  });
  if (links === null) {
    await history.finishSnapshot(
      id,
      snapshotStatusOf([...kept, ...todo.map(() => ({ status: SnapshotSourceStatus.FAILED }))]),
      new Date(),
    );
    return (await history.getSnapshot(id)) as SnapshotRecord;
  }
  const writes = guarded(history, lease);
  const update = async (sourceId: string, change: Partial<Omit<SnapshotSourceProgress, "sourceId">>) => {
    lease?.check();
    await history.updateSource(id, sourceId, change);
    if (listeners.size === 0) return;
    const snapshot = await history.getSnapshot(id);
    const progress = snapshot?.sources.find((s) => s.sourceId === sourceId);
    if (progress) for (const listener of listeners) listener(progress);
  };
  const statuses = await Promise.all(
    todo.map(async ({ sourceId, status }) => {
      const connector = gateway.connector(sourceId);
      try {
        if (!connector) throw new Error(`source "${sourceId}" is no longer configured`);
        // A part left RUNNING was read half way by a process that died: no half is kept.
        if (status === SnapshotSourceStatus.RUNNING) {
          lease?.check();
          await history.clearSource(id, sourceId);
        }
        await update(sourceId, {
          status: SnapshotSourceStatus.RUNNING,
          startedAt: new Date(),
          accountsRead: 0,
          accountsTotal: null,
          loginsReported: loginsReported(gateway, sourceId),
        });
        await readSourceInto(connector, writes, id, links, (progress) => update(sourceId, progress));
        await update(sourceId, { status: SnapshotSourceStatus.COMPLETE, finishedAt: new Date() });
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
        await update(sourceId, {
          status: SnapshotSourceStatus.FAILED,
          finishedAt: new Date(),
          error: failureOf(error),
        }).catch((e: unknown) => onTrouble?.(e, `snapshot ${id}: recording "${sourceId}" failed`));
        return { status: SnapshotSourceStatus.FAILED };
      }
    }),
  );
  lease?.check();
  if (statuses.some((s) => s.status === ABANDONED))
    throw stop.aborted ? new SnapshotStoppedError(id) : new SnapshotLeaseLostError(id);
  await history.finishSnapshot(
    id,
    snapshotStatusOf([...kept, ...(statuses as { status: SnapshotSourceStatus }[])]),
    new Date(),
  );
  return (await history.getSnapshot(id)) as SnapshotRecord;
}
