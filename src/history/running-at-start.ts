/**
 * At start-up the snapshots the store holds RUNNING are judged by their lease, as every process
 * sharing the store judges them (snapshot-elsewhere.ts, snapshot-jobs.ts). One nobody holds (no
 * lease, or one run out) was left by a process that stopped or crashed: it is taken care of now
 * (`leftBehind`: failed as interrupted on the embedded store, offered again to the job engine's
 * workers on a shared one). One held is its holder's — `rollcall snapshot` on the same SQLite file,
 * another replica — and is left to it: failing it would cut short a snapshot running fine elsewhere.
 *
 * A held one is watched until it ends. A process that crashed just before this start still holds a
 * lease that looks live, for up to its length; once it runs out without being renewed, the snapshot
 * is taken care of as it would have been at start, rather than staying RUNNING until someone asks.
 */
import type { Store } from "../store/store.js";
import { type SnapshotRecord, SnapshotStatus } from "./snapshot.js";
import { followed } from "./snapshot-follow.js";

/** How often a snapshot held elsewhere at start-up is read again, until it ends or its lease runs out. */
const WATCH_MS = 1000;

export interface LeftBehind {
  /**
   * Takes care of a RUNNING snapshot nobody holds (its process stopped or crashed): false when
   * another process took care of it first (offered it again itself).
   */
  take(snapshot: SnapshotRecord): Promise<boolean>;
  /** Told of a snapshot held at start-up and taken care of later, once its lease ran out. */
  lapsed(id: string): void;
  /** Told of a watch that failed (the store): the snapshot is then left to whoever asks next. */
  trouble(error: unknown, doing: string): void;
}

export interface RunningAtStart {
  /** The snapshots nobody held: taken care of. */
  readonly left: readonly string[];
  /** The snapshots another process held: left to it, and watched. */
  readonly held: readonly string[];
  /** Stops watching (this process stops). */
  stop(): void;
}

/** Takes care of the RUNNING snapshots nobody holds, and watches those held elsewhere. */
export async function judgeRunningSnapshots(store: Store, leftBehind: LeftBehind): Promise<RunningAtStart> {
  const running = await store.history.runningSnapshots();
  const unheld = new Set(await store.history.unheldSnapshots(new Date()));
  const watching = new AbortController();
  const left: string[] = [];
  const held: string[] = [];
  try {
    for (const snapshot of running) {
      if (unheld.has(snapshot.id)) {
        await leftBehind.take(snapshot);
        left.push(snapshot.id);
      } else {
        held.push(snapshot.id);
        watch(store, snapshot.id, leftBehind, watching.signal);
      }
    }
  } catch (error) {
    // The start fails: nothing is left watching a store about to close.
    watching.abort();
    throw error;
  }
  return { left, held, stop: () => watching.abort() };
}

function watch(store: Store, id: string, leftBehind: LeftBehind, signal: AbortSignal): void {
  const lapsed = async (): Promise<SnapshotRecord> => {
    // Read again: an ask in this process may have taken care of it meanwhile.
    const now = await store.history.getSnapshot(id);
    if (!now) throw new Error(`snapshot ${id} is no longer in the store`);
    if (now.status === SnapshotStatus.RUNNING && (await leftBehind.take(now))) leftBehind.lapsed(id);
    return now;
  };
  followed(store, id, { pollMs: WATCH_MS, unheld: lapsed, signal }).catch((error: unknown) => {
    if (!signal.aborted) leftBehind.trouble(error, `watching snapshot ${id}, held by another process`);
  });
}
