/**
 * Taking a snapshot: every (or the chosen) source read at once, each into the store page by page
 * (history/read-source.ts), with its progress recorded as it goes, so `snapshot(id:)` answers
 * while it runs. One source failing fails its own part only: its rows are cleared and it is
 * FAILED with the error — never "no accounts" — and the others go on. The snapshot ends COMPLETE,
 * PARTIAL (some sources failed) or FAILED (all did).
 *
 * One snapshot runs at a time per store, whichever processes share it: the store itself holds one
 * RUNNING at most (migration 005; SnapshotRunningError), so asking for another while one runs —
 * here, on another replica, in the CLI, or at the same instant — answers the running one (its
 * record, or its end for `takeSnapshot`), whoever asked and for whichever sources: a second full
 * read of every source would only double the vendors' load for the same picture.
 *
 * On replicas sharing a PostgreSQL store, a snapshot is offered to every replica's worker through
 * the job engine instead (snapshot-jobs.ts), and taken under a lease in the store: a source's part
 * is what is resumed when the replica taking it dies (runSnapshot reads only the parts not done).
 *
 * Here: what is asked and which sources (snapshot-request.ts); the snapshot launched in this
 * process (snapshot-launch.ts), its run under the lease (run-snapshot.ts) reading its parts
 * (read-snapshot-parts.ts); one another process takes, followed or resumed (snapshot-elsewhere.ts).
 */
import type { Gateway } from "../gateway.js";
import type { Store } from "../store/store.js";
import type { SnapshotRecord } from "./snapshot.js";
import { runningElsewhere } from "./snapshot-elsewhere.js";
import { newSnapshotId } from "./snapshot-id.js";
import { joinLaunched, prepareLaunch } from "./snapshot-launch.js";
import { leaseFrom } from "./snapshot-lease.js";
import { chosenSources, type SnapshotRequest, type StartedSnapshot } from "./snapshot-request.js";
import { SnapshotRunningError } from "./snapshot-running.js";

/**
 * Starts a snapshot and answers its record (RUNNING, each source PENDING) as soon as it is stored;
 * `done` settles with its final record. While one runs (the store holds one RUNNING at most),
 * answers that one.
 */
export async function startSnapshot(
  gateway: Gateway,
  store: Store,
  request: SnapshotRequest,
): Promise<StartedSnapshot> {
  const jobs = gateway.snapshotJobs;
  if (jobs && store === gateway.store) return jobs.start(gateway, store, request);
  const sourceIds = chosenSources(gateway, request);
  const current = joinLaunched(store, request.onProgress);
  if (current) {
    const snapshot = await store.history.getSnapshot(current.id);
    if (snapshot) return { snapshot, done: current.done };
  }
  const startedAt = new Date();
  const id = request.id ?? newSnapshotId(startedAt);
  const taken = request.id === undefined ? null : await store.history.getSnapshot(request.id);
  if (taken) return { snapshot: taken, done: Promise.resolve(taken) };
  const here = prepareLaunch(store, id, request.onProgress);
  try {
    // Stored holding the lease its run takes over: never seen RUNNING and unheld meanwhile.
    await store.history.createSnapshot({
      id,
      trigger: request.trigger,
      takenBy: request.takenBy,
      startedAt,
      sourceIds,
      lease: leaseFrom(here.lease, new Date()),
    });
  } catch (error) {
    here.forget();
    if (error instanceof SnapshotRunningError)
      return runningElsewhere(gateway, store, error.snapshotId, request, () =>
        startSnapshot(gateway, store, request),
      );
    throw error;
  }
  here.launch(gateway, request);
  const snapshot = (await store.history.getSnapshot(id)) as SnapshotRecord;
  return { snapshot, done: here.done };
}

/** Takes a snapshot and answers it once every source is done (or joins the one running). */
export async function takeSnapshot(
  gateway: Gateway,
  store: Store,
  request: SnapshotRequest,
): Promise<SnapshotRecord> {
  return (await startSnapshot(gateway, store, request)).done;
}
