/**
 * The people matrix read from a snapshot (src/store/review/people-matrix-sql.ts). Each account
 * keeps its highest grant's level (`highest_level`, written with the account; null when it held
 * none or its grants were not read), so a cell, and the filter "at least this level", need no walk
 * through the snapshot's grants: counting the people with ADMIN somewhere had to test a grant
 * subquery per account, 25,000 of them at 5 × 5,000. It keeps what a search looks in too
 * (`search_text`: its name, its email and the address its person is joined by, lower-cased), one
 * column instead of three lower()s per account. And one snapshot's accounts are indexed in person
 * order with the columns that page, filter and search them, so a page of people is one index range
 * and a search reads the index alone. Snapshots taken before this are filled in here, from their
 * grants (their search text lower-cased by the engine: SQLite folds ASCII letters only, where new
 * rows are folded by JavaScript).
 */
import { type Kysely, type Migration, sql } from "kysely";

/** Rollcall's levels as this migration knows them, strongest first (src/people/levels.ts). */
const STRONGEST_FIRST = ["ADMIN", "MANAGE", "EDIT", "EXECUTE", "VIEW", "NONE", "CUSTOM", "UNKNOWN"];

export function peopleMatrix(): Migration {
  return {
    // biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was then, not StoreTables
    async up(db: Kysely<any>) {
      await db.schema.alterTable("snapshot_accounts").addColumn("highest_level", "text").execute();
      await db.schema.alterTable("snapshot_accounts").addColumn("search_text", "text").execute();
      const rank = sql`case g.level ${sql.join(
        STRONGEST_FIRST.map((level, i) => sql`when ${sql.lit(level)} then ${sql.lit(i)}`),
        sql` `,
      )} else ${sql.lit(STRONGEST_FIRST.length)} end`;
      await sql`update snapshot_accounts set highest_level = (select g.level from snapshot_grants g
          where g.snapshot_id = snapshot_accounts.snapshot_id and g.source_id = snapshot_accounts.source_id
            and g.remote_id = snapshot_accounts.remote_id
          order by ${rank} limit 1)
        where grants_read = 1`.execute(db);
      const nl = sql.lit("\n");
      await sql`update snapshot_accounts set search_text = lower(display_name || ${nl} || coalesce(email, '')
        || ${nl} || case when person_basis <> 'NONE' then person_key else '' end)`.execute(db);
      await db.schema
        .createIndex("snapshot_accounts_matrix")
        .on("snapshot_accounts")
        .columns(["snapshot_id", "person_key", "source_id", "highest_level", "search_text"])
        .execute();
    },
  };
}
