/**
 * Following a snapshot another process is taking: read from the store until it ends. The store is
 * what every process sharing it sees, so whichever replica takes it, the answer is the same.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { Store } from "../store/store.js";
import { type SnapshotRecord, SnapshotStatus } from "./snapshot.js";

/**
 * The snapshot once it has ended, read every `pollMs`. With `unheld`, told when nobody holds it
 * any more (the process taking it stopped): its answer is the answer then.
 */
export async function followed(
  store: Store,
  id: string,
  pollMs: number,
  unheld?: () => Promise<SnapshotRecord>,
): Promise<SnapshotRecord> {
  for (;;) {
    const snapshot = await store.history.getSnapshot(id);
    if (!snapshot) throw new Error(`snapshot ${id} is no longer in the store`);
    if (snapshot.status !== SnapshotStatus.RUNNING) return snapshot;
    if (unheld && (await store.history.unheldSnapshots(new Date())).includes(id)) return unheld();
    await sleep(pollMs);
  }
}
