/**
 * Who is applying a plan, and until when: a replica holds a plan's lease while it applies it and
 * renews it as it goes, so a replica that died lets go of it when the lease runs out and another
 * resumes the plan (src/plans/plan-lease.ts).
 */
import type { Kysely, Migration } from "kysely";

export function planLease(): Migration {
  return {
    // biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was then, not StoreTables
    async up(db: Kysely<any>) {
      await db.schema.alterTable("plans").addColumn("runner", "text").execute();
      await db.schema.alterTable("plans").addColumn("lease_until", "timestamptz").execute();
    },
  };
}
