import pLimit from "p-limit";

/** Runs at most `concurrency` tasks at once; the rest wait their turn (FIFO). */
export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

export function createLimiter(concurrency: number): Limiter {
  const limit = pLimit(concurrency);
  return (task) => limit(task);
}

/** Map over items with at most `concurrency` in flight, keeping order. Per-item failures stay per item. */
export async function mapSettled<I, O>(
  items: readonly I[],
  concurrency: number,
  fn: (item: I, index: number) => Promise<O>,
): Promise<Array<O | Error>> {
  const limit = pLimit(concurrency);
  return Promise.all(
    items.map((item, index) =>
      limit(() => fn(item, index)).catch((error: unknown) =>
        error instanceof Error ? error : new Error(String(error)),
      ),
    ),
  );
}
