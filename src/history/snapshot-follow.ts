/**
 * Following a snapshot another process is taking: read from the store until it ends. The store is
 * what every process sharing it sees, so whichever replica takes it, the answer is the same; and
 * it holds each source's progress as the process taking it records it (after every page), so a
 * follower tells the same progress the taker does, a poll behind.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { Store } from "../store/store.js";
import { type SnapshotRecord, type SnapshotSourceProgress, SnapshotStatus } from "./snapshot.js";

export interface Following {
  /** How often the snapshot is read again. */
  readonly pollMs: number;
  /** Told when nobody holds it any more (the process taking it stopped): its answer is the answer then. */
  readonly unheld?: () => Promise<SnapshotRecord>;
  /** Told of the snapshot as every read finds it, its final record too. */
  readonly onRead?: (snapshot: SnapshotRecord) => void;
  /** Ends the following (rejecting with its reason): the process following it stops. */
  readonly signal?: AbortSignal;
}

/** The snapshot once it has ended, read every `pollMs`. */
export async function followed(store: Store, id: string, following: Following): Promise<SnapshotRecord> {
  const { pollMs, unheld, onRead, signal } = following;
  for (;;) {
    signal?.throwIfAborted();
    const snapshot = await store.history.getSnapshot(id);
    if (!snapshot) throw new Error(`snapshot ${id} is no longer in the store`);
    onRead?.(snapshot);
    if (snapshot.status !== SnapshotStatus.RUNNING) return snapshot;
    if (unheld && (await store.history.unheldSnapshots(new Date())).includes(id)) return unheld();
    await sleep(pollMs, undefined, { signal });
  }
}

/**
 * What tells `onProgress` of the sources whose progress a read finds changed since the read
 * before (every source on the first read), as a snapshot's taker tells it of each change it stores.
 */
export function progressTeller(
  onProgress: ((progress: SnapshotSourceProgress) => void) | undefined,
): ((snapshot: SnapshotRecord) => void) | undefined {
  if (!onProgress) return undefined;
  const told = new Map<string, string>();
  return (snapshot) => {
    for (const progress of snapshot.sources) {
      const seen = JSON.stringify(progress);
      if (told.get(progress.sourceId) === seen) continue;
      told.set(progress.sourceId, seen);
      onProgress(progress);
    }
  };
}
