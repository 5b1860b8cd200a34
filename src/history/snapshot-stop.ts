/**
 * A process's graceful stop while it takes snapshots (src/app.ts, close). Its reads are cancelled
 * (they run under this signal: the HTTP client gives up on an aborted operation's calls) and what
 * they leave is not a source's failure: a part in progress stays RUNNING, one not begun PENDING, a
 * part done keeps what it read, and the snapshot stays RUNNING with its lease let go. On a shared
 * PostgreSQL store another replica resumes it at once (snapshot-jobs.ts); on the embedded store
 * the next start marks it interrupted (interrupted.ts), as a crash would leave it.
 */
import type { Store } from "../store/store.js";

/** The snapshot was left as it was because this process is stopping: another resumes it. */
export class SnapshotStoppedError extends Error {
  constructor(snapshotId: string) {
    super(`snapshot ${snapshotId} was left RUNNING: this Rollcall process is stopping`);
    this.name = "SnapshotStoppedError";
  }
}

interface Stopping {
  readonly controller: AbortController;
  readonly runs: Set<Promise<unknown>>;
}

/** Per store: a process may hold more than one (tests start several gateways). */
const stoppings = new WeakMap<Store, Stopping>();

function stoppingOf(store: Store): Stopping {
  let stopping = stoppings.get(store);
  if (!stopping) {
    stopping = { controller: new AbortController(), runs: new Set() };
    stoppings.set(store, stopping);
  }
  return stopping;
}

/** Aborted once the process stops taking snapshots on `store`. */
export function stopSignal(store: Store): AbortSignal {
  return stoppingOf(store).controller.signal;
}

/** Counts `run` among the snapshot runs a stop waits for. */
export function tracked<T>(store: Store, run: Promise<T>): Promise<T> {
  const { runs } = stoppingOf(store);
  runs.add(run);
  run.finally(() => runs.delete(run)).catch(() => undefined);
  return run;
}

/**
 * Cancels the snapshot reads on `store` and waits until every run has let go (its parts left as
 * they were, its lease released). A run that starts after it finds the signal aborted and leaves
 * the snapshot untouched.
 */
export async function stopSnapshots(store: Store): Promise<void> {
  const { controller, runs } = stoppingOf(store);
  controller.abort(new Error("Rollcall is stopping"));
  await Promise.allSettled([...runs]);
}
