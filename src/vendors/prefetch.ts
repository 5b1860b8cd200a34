/** Start a speculative read and forget it: its failure surfaces where the result is awaited. */
export function quietly(work: Promise<unknown>): void {
  work.catch(() => undefined);
}
