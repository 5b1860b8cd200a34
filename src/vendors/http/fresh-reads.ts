import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Reads that must see the vendor as it is now skip the shared read cache: what a write decides on
 * (its checks, a plan's live state, settling the audit trail), a snapshot (a record of a moment).
 * Marked on the work, like the operation's signal (operation-signal.ts), so every read it makes,
 * however deep in a connector, is fresh without each call passing a flag along.
 */
const storage = new AsyncLocalStorage<true>();

/** Runs `work` (and whatever it starts) with every vendor read going to the vendor. */
export function freshReads<T>(work: () => T): T {
  return storage.run(true, work);
}

/** Whether the work being done here must read the vendor itself. */
export function readsMustBeFresh(): boolean {
  return storage.getStore() === true;
}
