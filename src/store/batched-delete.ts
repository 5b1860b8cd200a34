/**
 * Deleting a snapshot's rows a bounded batch at a time. One DELETE of a part of 5,000 accounts with
 * their grants and memberships is ~20,000 rows in one statement: on SQLite (libsql runs it
 * synchronously on the main thread) the server answers nobody until it ends; on PostgreSQL it is one
 * long statement and transaction. Each batch here is one statement of at most `BATCH_ROWS` rows, its
 * own transaction, with a turn of the event loop before the next (as the writes take theirs:
 * history-store.ts), so other store work and requests go on in between.
 */
import { type Kysely, sql } from "kysely";
import { nextTurn } from "./next-turn.js";
import type { StoreTables } from "./store-tables.js";
import type { StoreEngine } from "./store-url.js";

/** Rows one statement deletes at most. */
export const BATCH_ROWS = 1000;

/** The tables a snapshot's accounts and containers are kept in, children of `snapshots`. */
export type SnapshotRowTable =
  | "snapshot_grants"
  | "snapshot_memberships"
  | "snapshot_accounts"
  | "snapshot_containers";

/** Which rows: those of these snapshots, and of one source of them when `sourceId` is given. */
export interface RowsOf {
  readonly snapshotIds: readonly string[];
  readonly sourceId?: string;
}

/**
 * Deletes every row of `table` that `rows` names, `batchRows` at a time; answers how many went.
 * A batch names its rows by their physical id (SQLite's rowid, PostgreSQL's ctid, read through the
 * table's snapshot-first index), since neither engine's DELETE takes a LIMIT and snapshot_grants
 * has no key of its own.
 */
export async function deleteInBatches(
  db: Kysely<StoreTables>,
  engine: StoreEngine,
  table: SnapshotRowTable,
  rows: RowsOf,
  batchRows: number = BATCH_ROWS,
): Promise<number> {
  if (rows.snapshotIds.length === 0) return 0;
  const where = sql`snapshot_id in (${sql.join([...rows.snapshotIds])})${
    rows.sourceId === undefined ? sql`` : sql` and source_id = ${rows.sourceId}`
  }`;
  const from = sql.table(table);
  // PostgreSQL plans `ctid = any(array(...))` as a TID scan of the rows picked; `ctid in (select …)`
  // may be planned as a scan of the whole table.
  const statement =
    engine === "postgres"
      ? sql`delete from ${from} where ctid = any(array(select ctid from ${from} where ${where} limit ${batchRows}))`
      : sql`delete from ${from} where rowid in (select rowid from ${from} where ${where} limit ${batchRows})`;
  let deleted = 0;
  for (;;) {
    const result = await statement.execute(db);
    const n = Number(result.numAffectedRows ?? 0n);
    deleted += n;
    if (n < batchRows) return deleted;
    await nextTurn();
  }
}
