/**
 * A snapshot's lease: the process taking a snapshot holds it in the store and renews it every third
 * of its length. A process that died stops renewing; once its lease has run out another may take
 * the snapshot and resume it (snapshot-jobs.ts, snapshot-elsewhere.ts). While one holds it, no
 * other reads the snapshot's sources.
 *
 * A snapshot is stored with its lease already held (HistoryStore.createSnapshot, one statement),
 * never RUNNING and unheld in between: another process asking in that moment would take it for one
 * a stopped process left, and fail it as interrupted (embedded store) or resume it itself (shared
 * store). Held by the process that will run it (snapshotLaunchLease), whose run then renews it; or,
 * offered through the job engine, by the engine's queue (QUEUED_FOR_WORKER) until a worker takes
 * it over.
 */
import { holdRenewedLease } from "../store/renewed-lease.js";
import type { HistoryStore, StoredLease } from "../store/store.js";
import type { SnapshotLeaseSettings } from "./snapshot-request.js";

/**
 * The holder of a snapshot offered through the job engine and not yet fetched by a worker. Any
 * replica's worker fetching its job takes the lease over at once (`takeOverFrom`); every other
 * process sees it held, and follows it. Should no worker fetch it before the hold runs out (no
 * replica working, the offer lost), it is a snapshot nobody holds, which another may rightly resume.
 */
export const QUEUED_FOR_WORKER = "job-engine#queued";

/** Another process holds the snapshot's lease: it is being taken there. */
export class SnapshotBusyError extends Error {
  constructor(snapshotId: string) {
    super(`snapshot ${snapshotId} is being taken by another Rollcall process`);
  }
}

/** This process lost the snapshot's lease (it could not renew it in time): another may resume it. */
export class SnapshotLeaseLostError extends Error {
  constructor(snapshotId: string) {
    super(`lost the lease of snapshot ${snapshotId}: it stopped writing, another process resumes it`);
  }
}

export interface HeldSnapshotLease {
  /** Throws SnapshotLeaseLostError once a renewal failed: nothing more may be written. */
  check(): void;
  release(): Promise<void>;
}

/** The lease a snapshot is stored with: `settings.runner`'s, a lease's length from `now`. */
export function leaseFrom(settings: SnapshotLeaseSettings, now: Date): StoredLease {
  return { runner: settings.runner, until: new Date(now.getTime() + settings.ms) };
}

/**
 * Takes the snapshot's lease (SnapshotBusyError when another holds it) and renews it until released.
 * `settings.takeOverFrom`: a holder whose lease is taken even while it runs (QUEUED_FOR_WORKER).
 */
export async function holdSnapshotLease(
  history: HistoryStore,
  snapshotId: string,
  settings: SnapshotLeaseSettings,
): Promise<HeldSnapshotLease> {
  const lease = await holdRenewedLease({
    take: (now, until) =>
      history.leaseSnapshot(snapshotId, settings.runner, now, until, settings.takeOverFrom),
    release: () => history.releaseSnapshot(snapshotId, settings.runner),
    ms: settings.ms,
    busy: () => new SnapshotBusyError(snapshotId),
  });
  return {
    check() {
      if (lease.lost) throw new SnapshotLeaseLostError(snapshotId);
    },
    release: () => lease.release(),
  };
}
