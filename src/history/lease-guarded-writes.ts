/**
 * The store as a snapshot part's reading writes to it under the snapshot's lease: once the lease
 * is lost, another process may be resuming the part, so nothing more is written here.
 */
import type { HistoryStore } from "../store/store.js";
import type { HeldSnapshotLease } from "./snapshot-lease.js";

/** `history` whose account and container writes throw SnapshotLeaseLostError once `lease` is lost. */
export function leaseGuardedWrites(history: HistoryStore, lease: HeldSnapshotLease | null): HistoryStore {
  if (!lease) return history;
  return Object.create(history, {
    writeAccounts: {
      value: (...args: Parameters<HistoryStore["writeAccounts"]>) => {
        lease.check();
        return history.writeAccounts(...args);
      },
    },
    writeContainers: {
      value: (...args: Parameters<HistoryStore["writeContainers"]>) => {
        lease.check();
        return history.writeContainers(...args);
      },
    },
  }) as HistoryStore;
}
