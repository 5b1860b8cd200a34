/**
 * A process that stops while a snapshot runs leaves it RUNNING and unheld (or held by a lease it no
 * longer renews): on the embedded store such a snapshot is marked FAILED — at start-up, or when its
 * lease runs out (running-at-start.ts), or when a process asking finds it so (snapshot-elsewhere.ts)
 * — with each source still PENDING or RUNNING failed as interrupted (their rows cleared: a part read
 * half way is no part). Sources that finished keep what they read.
 */
import { ErrorCode } from "../model/errors.js";
import type { HistoryStore } from "../store/store.js";
import { type SnapshotRecord, SnapshotSourceStatus, SnapshotStatus } from "./snapshot.js";

export const INTERRUPTED = {
  code: ErrorCode.SOURCE_UNAVAILABLE,
  message: "Interrupted: Rollcall stopped while this source was being read",
} as const;

/** Marks one interrupted snapshot FAILED, its parts not done failed as interrupted. */
export async function failInterrupted(
  history: HistoryStore,
  snapshot: SnapshotRecord,
  now: () => Date = () => new Date(),
): Promise<void> {
  for (const source of snapshot.sources) {
    if (source.status !== SnapshotSourceStatus.PENDING && source.status !== SnapshotSourceStatus.RUNNING)
      continue;
    await history.clearSource(snapshot.id, source.sourceId);
    await history.updateSource(snapshot.id, source.sourceId, {
      status: SnapshotSourceStatus.FAILED,
      finishedAt: now(),
      error: INTERRUPTED,
    });
  }
  await history.finishSnapshot(snapshot.id, SnapshotStatus.FAILED, now());
}
