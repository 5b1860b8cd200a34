/**
 * The first schema: account links, plans and their steps, the audit trail as intents and results
 * in separate tables (an outcome is a new row, never an update: append-only by construction).
 */
import type { Kysely, Migration } from "kysely";
import type { StoreEngine } from "../store-url.js";
import { autoIdColumn } from "./columns.js";

export function initial(engine: StoreEngine): Migration {
  return {
    // biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was then, not StoreTables
    async up(db: Kysely<any>) {
      await db.schema
        .createTable("account_links")
        .addColumn("source_id", "text", (c) => c.notNull())
        .addColumn("remote_id", "text", (c) => c.notNull())
        .addColumn("person_key", "text", (c) => c.notNull())
        .addColumn("created_at", "timestamptz", (c) => c.notNull())
        .addColumn("created_by", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("account_links_pk", ["source_id", "remote_id"])
        .execute();
      await db.schema.createIndex("account_links_person").on("account_links").column("person_key").execute();

      await db.schema
        .createTable("plans")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("created_at", "timestamptz", (c) => c.notNull())
        .addColumn("created_by", "text", (c) => c.notNull())
        .addColumn("summary", "text", (c) => c.notNull())
        .addColumn("request", "text")
        .execute();
      await db.schema.createIndex("plans_newest").on("plans").columns(["created_at", "id"]).execute();

      await db.schema
        .createTable("plan_steps")
        .addColumn("plan_id", "text", (c) => c.notNull().references("plans.id").onDelete("cascade"))
        .addColumn("step_id", "text", (c) => c.notNull())
        .addColumn("position", "integer", (c) => c.notNull())
        .addColumn("source_id", "text", (c) => c.notNull())
        .addColumn("action", "text", (c) => c.notNull())
        .addColumn("user_id", "text")
        .addColumn("email", "text")
        .addColumn("project_id", "text")
        .addColumn("group_id", "text")
        .addColumn("team_id", "text")
        .addColumn("label", "text", (c) => c.notNull())
        .addColumn("from_state", "text")
        .addColumn("to_state", "text")
        .addColumn("possible", "integer", (c) => c.notNull())
        .addColumn("reason", "text")
        .addColumn("depends_on", "text", (c) => c.notNull())
        .addColumn("state", "text", (c) => c.notNull())
        .addColumn("result", "text")
        .addColumn("attempts", "integer", (c) => c.notNull())
        .addColumn("finished_at", "timestamptz")
        .addPrimaryKeyConstraint("plan_steps_pk", ["plan_id", "step_id"])
        .execute();

      await autoIdColumn(engine, db.schema.createTable("audit_intents"))
        .addColumn("at", "timestamptz", (c) => c.notNull())
        .addColumn("caller", "text", (c) => c.notNull())
        .addColumn("operation", "text", (c) => c.notNull())
        .addColumn("plan_id", "text")
        .addColumn("step_id", "text")
        .addColumn("source_id", "text", (c) => c.notNull())
        .addColumn("target", "text", (c) => c.notNull())
        .addColumn("person_key", "text")
        .addColumn("action", "text", (c) => c.notNull())
        .addColumn("before_state", "text")
        .addColumn("after_state", "text")
        .execute();
      // One index per audit filter; the id (the paging order) rides along in each.
      for (const column of ["at", "caller", "source_id", "person_key", "action", "plan_id"])
        await db.schema
          .createIndex(`audit_intents_${column}`)
          .on("audit_intents")
          .columns([column, "id"])
          .execute();

      await autoIdColumn(engine, db.schema.createTable("audit_results"))
        .addColumn("event_id", engine === "postgres" ? "bigint" : "integer", (c) =>
          c.notNull().references("audit_intents.id"),
        )
        .addColumn("at", "timestamptz", (c) => c.notNull())
        .addColumn("outcome", "text", (c) => c.notNull())
        .addColumn("code", "text")
        .addColumn("message", "text")
        .addColumn("vendor_status", "integer")
        .addColumn("settled", "integer", (c) => c.notNull())
        .execute();
      // The latest result of an event is its highest id.
      await db.schema
        .createIndex("audit_results_latest")
        .on("audit_results")
        .columns(["event_id", "id"])
        .execute();
    },
  };
}
