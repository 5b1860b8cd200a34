/**
 * The store's RUNNING snapshot is not this process's (no job engine here: the embedded store, or
 * the CLI). Held by another process (its lease live), it is the answer, followed in the store until
 * it ends, its progress told as the store records it. Held by nobody, a process that stopped left
 * it: on the embedded store it is failed as interrupted (as the next start would) and a snapshot
 * taken anew; on a shared store this process resumes it, as a replica would. One left so while
 * followed ends the same way (failed, or resumed here), and is the answer.
 */
import type { Gateway } from "../gateway.js";
import type { Store } from "../store/store.js";
import { failInterrupted } from "./interrupted.js";
import type { SnapshotRecord } from "./snapshot.js";
import { followed, progressTeller } from "./snapshot-follow.js";
import { prepareLaunch } from "./snapshot-launch.js";
import { SnapshotBusyError } from "./snapshot-lease.js";
import type { SnapshotRequest, StartedSnapshot } from "./snapshot-request.js";
import { SnapshotRunningError } from "./snapshot-running.js";

/** How often a snapshot another process takes is read again, waiting for its end. */
const FOLLOW_MS = 500;

/**
 * Snapshot `id`, RUNNING in the store and not this process's, as the answer to `request`;
 * `startAnew` takes a snapshot of its own once the one left by a stopped process is failed.
 */
export async function runningElsewhere(
  gateway: Gateway,
  store: Store,
  id: string,
  request: SnapshotRequest,
  startAnew: () => Promise<StartedSnapshot>,
): Promise<StartedSnapshot> {
  const snapshot = await store.history.getSnapshot(id);
  if (!snapshot) throw new SnapshotRunningError(id);
  // Its process stopped while this one waited for it: the answer is its end all the same.
  const left = async () => {
    const now = (await store.history.getSnapshot(id)) ?? snapshot;
    if (store.engine === "postgres") return resumed(gateway, store, now, request).done;
    await failInterrupted(store.history, now);
    return (await store.history.getSnapshot(id)) ?? now;
  };
  const unheld = (await store.history.unheldSnapshots(new Date())).includes(id);
  if (!unheld) {
    const done = following(store, snapshot, request, left);
    done.catch(() => undefined);
    return { snapshot, done };
  }
  if (store.engine === "sqlite") {
    await failInterrupted(store.history, snapshot);
    return startAnew();
  }
  return resumed(gateway, store, snapshot, request);
}

/** The snapshot another process takes, followed until it ends: `request` told of it and its progress. */
function following(
  store: Store,
  snapshot: SnapshotRecord,
  request: SnapshotRequest,
  unheld?: () => Promise<SnapshotRecord>,
): Promise<SnapshotRecord> {
  request.onElsewhere?.(snapshot, "following");
  return followed(store, snapshot.id, {
    pollMs: FOLLOW_MS,
    unheld,
    onRead: progressTeller(request.onProgress),
  });
}

/** Resumes here a snapshot nobody holds; one another process took meanwhile is followed instead. */
function resumed(
  gateway: Gateway,
  store: Store,
  snapshot: SnapshotRecord,
  request: SnapshotRequest,
): StartedSnapshot {
  request.onElsewhere?.(snapshot, "resuming");
  const here = prepareLaunch(store, snapshot.id, request.onProgress);
  here.launch(gateway, request, (run) =>
    run.catch((error: unknown) => {
      if (error instanceof SnapshotBusyError) return following(store, snapshot, request);
      throw error;
    }),
  );
  return { snapshot, done: here.done };
}
