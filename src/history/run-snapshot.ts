/**
 * Running a snapshot stored RUNNING in this process: under its lease, as a run a stop waits for,
 * its reads under the stop's signal (read-snapshot-parts.ts reads them).
 */
import type { Gateway } from "../gateway.js";
import type { Store } from "../store/store.js";
import { withOperationSignal } from "../vendors/http/operation-signal.js";
import { readSnapshotParts } from "./read-snapshot-parts.js";
import type { SnapshotRecord, SnapshotSourceProgress } from "./snapshot.js";
import { holdSnapshotLease } from "./snapshot-lease.js";
import type { SnapshotLeaseSettings, SnapshotRequest } from "./snapshot-request.js";
import { SnapshotStoppedError, snapshotStopSignal, trackedSnapshot } from "./snapshot-stop.js";

/** Snapshots this process is taking now (by id): a job offered for one is another's to wait for. */
const takingHere = new Set<string>();

export function isTakingHere(snapshotId: string): boolean {
  return takingHere.has(snapshotId);
}

export interface RunOptions {
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
  if (stop.aborted) {
    // A snapshot stored holding this run's lease (take-snapshot.ts) is let go, as a stop leaves one.
    if (options.lease && !takingHere.has(id)) await store.history.releaseSnapshot(id, options.lease.runner);
    throw new SnapshotStoppedError(id);
  }
  const lease = options.lease ? await holdSnapshotLease(store.history, id, options.lease) : null;
  takingHere.add(id);
  try {
    // Its reads run under the stop's signal: a stop cancels them where they wait.
    return await withOperationSignal(stop, () =>
      readSnapshotParts({
        gateway,
        store,
        id,
        listeners: options.listeners ?? new Set(),
        onTrouble: options.onTrouble,
        lease,
        stop,
      }),
    );
  } finally {
    takingHere.delete(id);
    await lease?.release();
  }
}
