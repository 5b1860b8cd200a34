/**
 * The demo takes a snapshot as it starts, so the console's people matrix (which reads the latest
 * snapshot, not the vendors) has something to show the first time a person opens it. A real
 * deployment takes its first on demand or on `snapshots.schedule`: reading every tool at once is a
 * decision, not a side effect of starting.
 */
import type { RunningRollcall } from "../app.js";
import { SnapshotStatus, SnapshotTrigger } from "../history/snapshot.js";
import { SCHEDULE_CALLER } from "../history/snapshot-schedule.js";
import { takeSnapshot } from "../history/take-snapshot.js";

export interface FirstSnapshotLog {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

/** Takes it; what goes wrong is logged, never thrown: the demo serves without it. */
export async function takeFirstSnapshot(rollcall: RunningRollcall, log: FirstSnapshotLog): Promise<void> {
  try {
    const snapshot = await takeSnapshot(rollcall.gateway, rollcall.store, {
      trigger: SnapshotTrigger.MANUAL,
      takenBy: SCHEDULE_CALLER,
      onTrouble: rollcall.gateway.snapshotTrouble,
    });
    if (snapshot.status === SnapshotStatus.COMPLETE)
      log.info(
        { snapshot: snapshot.id },
        "took the demo's first snapshot: the console's people matrix reads it",
      );
    else
      log.error(
        { snapshot: snapshot.id, status: snapshot.status },
        `the demo's first snapshot is ${snapshot.status}: the matrix shows the sources it could read`,
      );
  } catch (error) {
    log.error(
      { err: { message: error instanceof Error ? error.message : String(error) } },
      "could not take the demo's first snapshot",
    );
  }
}
