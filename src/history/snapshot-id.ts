import { randomBytes } from "node:crypto";

/**
 * A snapshot id that sorts by time as text (the store pages snapshots by id): the start time in
 * milliseconds, zero-padded base 36, then random bits so two snapshots begun in one millisecond
 * (two replicas) never collide.
 */
export function newSnapshotId(startedAt: Date): string {
  return `snap_${startedAt.getTime().toString(36).padStart(9, "0")}${randomBytes(5).toString("hex")}`;
}

/**
 * The snapshot of a schedule's tick: the same id on every replica for the same tick (the tick's
 * time and no random bits), so replicas sharing a store store one snapshot for it, not one each.
 */
export function scheduledSnapshotId(tick: Date): string {
  return `snap_${tick.getTime().toString(36).padStart(9, "0")}0000000000`;
}

/** What `newSnapshotId` and `scheduledSnapshotId` make: `snap_` and base-36 digits. */
const SNAPSHOT_ID = /^snap_[0-9a-z]{1,40}$/;

/**
 * Whether `id` can be a snapshot's. A snapshot's store id is also its global id (`Node.id`): it
 * has no `:`, so it never reads as a source's object's (`<source>:<Type>:<id>`) or a person's.
 */
export function isSnapshotId(id: string): boolean {
  return SNAPSHOT_ID.test(id);
}
