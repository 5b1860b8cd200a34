import { Cron } from "croner";
import { z } from "zod";

/** Access history's snapshots: when they are taken on their own, and how long they are kept. */
export const snapshotsSchema = z.strictObject({
  /**
   * A cron expression (five fields, or six with seconds first; the server's time zone, or
   * `timezone`) at which the server takes a snapshot of every source; null: only on demand.
   */
  schedule: z
    .string()
    .trim()
    .min(1)
    .nullable()
    .default(null)
    .refine(
      (pattern) => {
        if (pattern === null) return true;
        try {
          new Cron(pattern, { paused: true }).stop();
          return true;
        } catch {
          return false;
        }
      },
      { error: 'must be a cron expression, e.g. "0 2 * * *" (every day at 02:00)' },
    ),
  /** An IANA time zone for `schedule` (e.g. "Europe/Paris"); the server's own when absent. */
  timezone: z
    .string()
    .trim()
    .min(1)
    .optional()
    .refine((zone) => zone === undefined || validZone(zone), {
      error: "must be an IANA time zone, e.g. Europe/Paris",
    }),
  /** Keep the newest N finished snapshots; 0: no limit by count. */
  keepLast: z.number().int().min(0).default(0),
  /** Delete finished snapshots started more than N days ago; 0: no limit by age. */
  keepDays: z.number().int().min(0).default(0),
});

function validZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export type SnapshotSettings = z.infer<typeof snapshotsSchema>;
