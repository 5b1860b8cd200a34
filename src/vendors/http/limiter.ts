import pLimit from "p-limit";

/** Runs at most `concurrency` tasks at once; the rest wait their turn (FIFO). */
export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

export function createLimiter(concurrency: number): Limiter {
  const limit = pLimit(concurrency);
  return (task) => limit(task);
}
