/**
 * The server's own snapshots: taken at the configured cron schedule (`snapshots.schedule`), and
 * old ones deleted by the configured retention at start-up and daily. The CLI starts neither.
 * Housekeeping never stops Rollcall: what fails is logged, and the next run tries again.
 *
 * Replicas sharing a store each run the schedule; a tick's snapshot has the same id on all of them
 * (snapshot-id.ts, scheduledSnapshotId), so the first to ask stores it and the others join it.
 */
import { Cron } from "croner";
import type { SnapshotSettings } from "../config/snapshots-schema.js";
import type { Gateway } from "../gateway.js";
import type { Store } from "../store/store.js";
import { SnapshotTrigger } from "./snapshot.js";
import { scheduledSnapshotId } from "./snapshot-id.js";
import { takeSnapshot } from "./take-snapshot.js";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Who the schedule's snapshots are taken by. */
export const SCHEDULE_CALLER = "system";

export interface ScheduleLog {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

const messageOf = (error: unknown) => ({
  err: { message: error instanceof Error ? error.message : String(error) },
});

/** Deletes what the retention says is past keeping; answers how many went. */
export async function pruneSnapshots(
  store: Store,
  settings: Pick<SnapshotSettings, "keepLast" | "keepDays">,
  now: Date = new Date(),
): Promise<number> {
  if (settings.keepLast === 0 && settings.keepDays === 0) return 0;
  return store.history.pruneSnapshots({
    ...(settings.keepLast > 0 && { keepLast: settings.keepLast }),
    ...(settings.keepDays > 0 && { before: new Date(now.getTime() - settings.keepDays * DAY_MS) }),
  });
}

/**
 * The tick being run: the latest scheduled time up to now, give or take the half second a timer
 * may fire early (ticks are a second apart at least). The same on every replica for one tick.
 */
function tickOf(cron: Cron): Date {
  const [tick] = cron.previousRuns(1, new Date(Date.now() + 500));
  return tick ?? new Date(Math.floor(Date.now() / 1000) * 1000);
}

export interface SnapshotSchedule {
  /** When the schedule takes its next snapshot; null without a schedule. */
  nextRun(): Date | null;
  stop(): void;
}

export async function startSnapshotSchedule(
  gateway: Gateway,
  store: Store,
  settings: SnapshotSettings,
  log: ScheduleLog,
): Promise<SnapshotSchedule> {
  const prune = async () => {
    try {
      const deleted = await pruneSnapshots(store, settings);
      if (deleted > 0)
        log.info(
          { deleted, keepLast: settings.keepLast, keepDays: settings.keepDays },
          "pruned old snapshots",
        );
    } catch (error) {
      log.error(messageOf(error), "could not prune old snapshots");
    }
  };
  await prune();
  const daily = setInterval(() => void prune(), DAY_MS);
  daily.unref();

  const cron =
    settings.schedule === null
      ? null
      : new Cron(
          settings.schedule,
          { timezone: settings.timezone, protect: true, unref: true },
          async (self) => {
            try {
              const snapshot = await takeSnapshot(gateway, store, {
                id: scheduledSnapshotId(tickOf(self)),
                trigger: SnapshotTrigger.SCHEDULE,
                takenBy: SCHEDULE_CALLER,
                onTrouble: gateway.snapshotTrouble,
              });
              log.info({ snapshot: snapshot.id, status: snapshot.status }, "took the scheduled snapshot");
            } catch (error) {
              log.error(messageOf(error), "could not take the scheduled snapshot");
            }
          },
        );
  return {
    nextRun: () => cron?.nextRun() ?? null,
    stop: () => {
      clearInterval(daily);
      cron?.stop();
    },
  };
}
