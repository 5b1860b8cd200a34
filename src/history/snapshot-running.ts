/**
 * A store holds one snapshot RUNNING at most (migration 005): asked to store another while one
 * runs, it refuses with the running one's id, whichever process is taking it. Callers answer that
 * one (take-snapshot.ts, snapshot-jobs.ts): a second full read would only double the vendors'
 * load for the same picture.
 */
export class SnapshotRunningError extends Error {
  constructor(readonly snapshotId: string) {
    super(`snapshot ${snapshotId} is running: one snapshot runs at a time`);
    this.name = "SnapshotRunningError";
  }
}
