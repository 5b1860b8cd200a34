/**
 * At most one snapshot RUNNING per store: a partial unique index on `status` where it is RUNNING,
 * so two replicas (or a replica and the CLI) asked for one at the same instant cannot both store
 * theirs — the second insert finds the first (src/store/history-store.ts, createSnapshot).
 *
 * A store that already holds more than one (asked for at the same instant before this) keeps the
 * newest RUNNING; the others end FAILED, each part not done failed as interrupted and its rows
 * deleted, as a start-up after a stop leaves an embedded store's (src/history/interrupted.ts).
 */
import { type Kysely, type Migration, sql } from "kysely";

const INTERRUPTED = {
  code: "SOURCE_UNAVAILABLE",
  message: "Interrupted: another snapshot was running at the same time (one runs at a time)",
};

export function oneRunningSnapshot(): Migration {
  return {
    // biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was then, not StoreTables
    async up(db: Kysely<any>) {
      const running = await db
        .selectFrom("snapshots")
        .select("id")
        .where("status", "=", "RUNNING")
        .orderBy("id")
        .execute();
      const now = new Date().toISOString();
      for (const { id } of running.slice(0, -1)) {
        const parts = await db
          .selectFrom("snapshot_sources")
          .select("source_id")
          .where("snapshot_id", "=", id)
          .where("status", "in", ["PENDING", "RUNNING"])
          .execute();
        for (const { source_id } of parts) {
          for (const table of [
            "snapshot_grants",
            "snapshot_memberships",
            "snapshot_accounts",
            "snapshot_containers",
          ])
            await db
              .deleteFrom(table)
              .where("snapshot_id", "=", id)
              .where("source_id", "=", source_id)
              .execute();
          await db
            .updateTable("snapshot_sources")
            .set({
              status: "FAILED",
              finished_at: now,
              error_code: INTERRUPTED.code,
              error_message: INTERRUPTED.message,
            })
            .where("snapshot_id", "=", id)
            .where("source_id", "=", source_id)
            .execute();
        }
        await db
          .updateTable("snapshots")
          .set({ status: "FAILED", finished_at: now, runner: null, lease_until: null })
          .where("id", "=", id)
          .execute();
      }
      // The literal in the index's condition: DDL takes no bound parameters.
      await sql`create unique index snapshots_one_running on snapshots (status) where status = 'RUNNING'`.execute(
        db,
      );
    },
  };
}
