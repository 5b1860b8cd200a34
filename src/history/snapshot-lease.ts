/**
 * A snapshot's lease, on a shared PostgreSQL store: the process taking a snapshot holds it in the
 * store and renews it every third of its length. A process that died stops renewing; once its
 * lease has run out another may take the snapshot and resume it (snapshot-jobs.ts). While one
 * holds it, no other reads the snapshot's sources.
 */
import { holdRenewedLease } from "../store/renewed-lease.js";
import type { HistoryStore } from "../store/store.js";

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

/** Takes the snapshot's lease (SnapshotBusyError when another holds it) and renews it until released. */
export async function holdSnapshotLease(
  history: HistoryStore,
  snapshotId: string,
  settings: { readonly runner: string; readonly ms: number },
): Promise<HeldSnapshotLease> {
  const lease = await holdRenewedLease({
    take: (now, until) => history.leaseSnapshot(snapshotId, settings.runner, now, until),
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
