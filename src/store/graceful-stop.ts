/**
 * Work a process does on a shared store under a lease (a plan's apply, a snapshot) and its
 * graceful stop: the work watches `stopSignal(key)` and, once it is aborted, lets go of what it
 * holds, leaving what is not done for another process to resume; `stopWork(key)` aborts it and
 * waits until every run `tracked` under the key has ended (its lease released). Keyed per store
 * object, not per process: a process may hold more than one store (tests start several gateways).
 */
import { setMaxListeners } from "node:events";

interface Stopping {
  readonly controller: AbortController;
  readonly runs: Set<Promise<unknown>>;
}

const stoppings = new WeakMap<object, Stopping>();

function stoppingOf(key: object): Stopping {
  let stopping = stoppings.get(key);
  if (!stopping) {
    stopping = { controller: new AbortController(), runs: new Set() };
    // Each upstream call of a snapshot in flight listens to it: a snapshot has many at once.
    setMaxListeners(0, stopping.controller.signal);
    stoppings.set(key, stopping);
  }
  return stopping;
}

/** Aborted once the process stops the work under `key`. */
export function stopSignal(key: object): AbortSignal {
  return stoppingOf(key).controller.signal;
}

/** Counts `run` among the runs a stop waits for. */
export function tracked<T>(key: object, run: Promise<T>): Promise<T> {
  const { runs } = stoppingOf(key);
  runs.add(run);
  run.finally(() => runs.delete(run)).catch(() => undefined);
  return run;
}

/**
 * Aborts the work under `key` and waits until every tracked run has let go. A run that starts
 * after it finds the signal aborted and leaves its work untouched.
 */
export async function stopWork(key: object): Promise<void> {
  const { controller, runs } = stoppingOf(key);
  controller.abort(new Error("Rollcall is stopping"));
  await Promise.allSettled([...runs]);
}
