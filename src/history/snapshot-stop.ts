/**
 * A process's graceful stop while it takes snapshots (src/app.ts, close). Its reads are cancelled
 * (they run under the stop's signal: the HTTP client gives up on an aborted operation's calls) and
 * what they leave is not a source's failure: a part in progress stays RUNNING, one not begun
 * PENDING, a part done keeps what it read, and the snapshot stays RUNNING with its lease let go.
 * On a shared PostgreSQL store another replica resumes it at once (snapshot-jobs.ts); on the
 * embedded store the next start marks it interrupted (interrupted.ts), as a crash would leave it.
 */
import { stopSignal, stopWork, tracked } from "../store/graceful-stop.js";
import type { Store } from "../store/store.js";

/** The snapshot was left as it was because this process is stopping: another resumes it. */
export class SnapshotStoppedError extends Error {
  constructor(snapshotId: string) {
    super(`snapshot ${snapshotId} was left RUNNING: this Rollcall process is stopping`);
    this.name = "SnapshotStoppedError";
  }
}

/** Aborted once the process stops taking snapshots on `store`. */
export const snapshotStopSignal = (store: Store): AbortSignal => stopSignal(store);

/** Counts a snapshot run among those a stop waits for. */
export const trackedSnapshot = <T>(store: Store, run: Promise<T>): Promise<T> => tracked(store, run);

/** Cancels the snapshot reads on `store` and waits until every run has let go of its snapshot. */
export const stopSnapshots = (store: Store): Promise<void> => stopWork(store);
