/**
 * Who is taking a snapshot, and until when: on replicas sharing a PostgreSQL store, the replica
 * whose worker took a snapshot's job holds its lease and renews it as it reads, so a replica that
 * died lets go of it when the lease runs out and another resumes the snapshot
 * (src/history/snapshot-jobs.ts).
 */
import type { Kysely, Migration } from "kysely";

export function snapshotLease(): Migration {
  return {
    // biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was then, not StoreTables
    async up(db: Kysely<any>) {
      await db.schema.alterTable("snapshots").addColumn("runner", "text").execute();
      await db.schema.alterTable("snapshots").addColumn("lease_until", "timestamptz").execute();
    },
  };
}
