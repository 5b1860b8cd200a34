/**
 * Access history: snapshots with their per-source progress, the accounts each read (with their
 * grants and memberships) and the sources' projects, groups and teams; and the staff roster.
 * Rows are keyed by snapshot first, so one snapshot's rows read (and compare) by index range.
 */
import type { Kysely, Migration } from "kysely";

export function history(): Migration {
  return {
    // biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was then, not StoreTables
    async up(db: Kysely<any>) {
      await db.schema
        .createTable("snapshots")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("trigger", "text", (c) => c.notNull())
        .addColumn("taken_by", "text", (c) => c.notNull())
        .addColumn("started_at", "timestamptz", (c) => c.notNull())
        .addColumn("finished_at", "timestamptz")
        .execute();

      await db.schema
        .createTable("snapshot_sources")
        .addColumn("snapshot_id", "text", (c) => c.notNull().references("snapshots.id").onDelete("cascade"))
        .addColumn("source_id", "text", (c) => c.notNull())
        .addColumn("position", "integer", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("accounts_read", "integer", (c) => c.notNull())
        .addColumn("accounts_total", "integer")
        .addColumn("logins_reported", "integer")
        .addColumn("started_at", "timestamptz")
        .addColumn("finished_at", "timestamptz")
        .addColumn("error_code", "text")
        .addColumn("error_message", "text")
        .addPrimaryKeyConstraint("snapshot_sources_pk", ["snapshot_id", "source_id"])
        .execute();

      await db.schema
        .createTable("snapshot_accounts")
        .addColumn("snapshot_id", "text", (c) => c.notNull().references("snapshots.id").onDelete("cascade"))
        .addColumn("source_id", "text", (c) => c.notNull())
        .addColumn("remote_id", "text", (c) => c.notNull())
        .addColumn("person_key", "text", (c) => c.notNull())
        .addColumn("person_basis", "text", (c) => c.notNull())
        .addColumn("email", "text")
        .addColumn("login", "text")
        .addColumn("display_name", "text", (c) => c.notNull())
        .addColumn("active", "integer", (c) => c.notNull())
        .addColumn("admin", "integer")
        .addColumn("last_login_at", "timestamptz")
        .addColumn("created_at", "timestamptz")
        .addColumn("archived", "integer", (c) => c.notNull())
        .addColumn("grants_read", "integer", (c) => c.notNull())
        .addColumn("memberships_read", "integer", (c) => c.notNull())
        .addPrimaryKeyConstraint("snapshot_accounts_pk", ["snapshot_id", "source_id", "remote_id"])
        .execute();
      await db.schema
        .createIndex("snapshot_accounts_person")
        .on("snapshot_accounts")
        .columns(["snapshot_id", "person_key"])
        .execute();

      await db.schema
        .createTable("snapshot_grants")
        .addColumn("snapshot_id", "text", (c) => c.notNull().references("snapshots.id").onDelete("cascade"))
        .addColumn("source_id", "text", (c) => c.notNull())
        .addColumn("remote_id", "text", (c) => c.notNull())
        .addColumn("scope", "text", (c) => c.notNull())
        .addColumn("project_name", "text")
        .addColumn("role", "text")
        .addColumn("level", "text", (c) => c.notNull())
        .addColumn("via_type", "text", (c) => c.notNull())
        .addColumn("via_id", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("snapshot_grants_account")
        .on("snapshot_grants")
        .columns(["snapshot_id", "source_id", "remote_id", "scope", "via_type", "via_id"])
        .execute();

      await db.schema
        .createTable("snapshot_memberships")
        .addColumn("snapshot_id", "text", (c) => c.notNull().references("snapshots.id").onDelete("cascade"))
        .addColumn("source_id", "text", (c) => c.notNull())
        .addColumn("remote_id", "text", (c) => c.notNull())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("container_id", "text", (c) => c.notNull())
        .addColumn("container_name", "text")
        .addPrimaryKeyConstraint("snapshot_memberships_pk", [
          "snapshot_id",
          "source_id",
          "remote_id",
          "kind",
          "container_id",
        ])
        .execute();

      await db.schema
        .createTable("snapshot_containers")
        .addColumn("snapshot_id", "text", (c) => c.notNull().references("snapshots.id").onDelete("cascade"))
        .addColumn("source_id", "text", (c) => c.notNull())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("remote_id", "text", (c) => c.notNull())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("active", "integer")
        .addPrimaryKeyConstraint("snapshot_containers_pk", ["snapshot_id", "source_id", "kind", "remote_id"])
        .execute();

      await db.schema
        .createTable("roster_entries")
        .addColumn("person_key", "text", (c) => c.primaryKey())
        .addColumn("name", "text")
        .addColumn("supplied_at", "timestamptz", (c) => c.notNull())
        .addColumn("supplied_by", "text", (c) => c.notNull())
        .execute();
    },
  };
}
