/**
 * The staff roster's rows. Every replacement holds the roster's write lock from before it reads the
 * roster until it commits, so replacements made at once — by two callers, or two replicas — run one
 * after the other and each replaces the roster the previous one left. On PostgreSQL the lock is on
 * roster_entries, in a mode that conflicts with itself and with every write to the table but not
 * with reads (SHARE ROW EXCLUSIVE): the review reads the committed roster meanwhile. On SQLite it is
 * the write transaction itself: libsql begins each one IMMEDIATE, which another process on the file
 * waits for, and the dialect runs one transaction at a time in this one (sqlite-dialect.ts).
 */
import { type Kysely, sql, type Transaction } from "kysely";
import type { RosterEntry } from "../history/snapshot.js";
import { insertIntent, insertResult } from "./audit-rows.js";
import { inChunks, toSqlDate } from "./sql-values.js";
import type { RecordedRosterReplacement } from "./store.js";
import { CommitOutcomeUnknownError } from "./store-error.js";
import type { StoreTables } from "./store-tables.js";
import type { StoreEngine } from "./store-url.js";

/** Rows per INSERT: four columns each, far under either engine's bound-parameter limit. */
const ROWS_PER_INSERT = 200;

export async function readRoster(db: Kysely<StoreTables>): Promise<RosterEntry[]> {
  const rows = await db.selectFrom("roster_entries").selectAll().orderBy("person_key").execute();
  return rows.map((r) => ({ personKey: r.person_key, name: r.name }));
}

/** Replaces the roster whole (an email listed twice once, the last wins); answers how many it holds. */
export async function replaceRosterRows(
  db: Kysely<StoreTables>,
  engine: StoreEngine,
  entries: readonly RosterEntry[],
  by: string,
  at: Date,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await lockRoster(trx, engine);
    return writeRoster(trx, entries, by, at);
  });
}

/**
 * Replaces the roster and records its audit event as one unit (HistoryStore.replaceRosterRecorded):
 * under the lock, the roster is read, `describe` tells the event from it, and the event, its outcome
 * and the new roster commit together. A failure before the commit rolls it all back and is thrown
 * as it came; a failure of the commit itself may or may not have kept it, and says so
 * (CommitOutcomeUnknownError).
 */
export async function replaceRosterRecorded(
  db: Kysely<StoreTables>,
  engine: StoreEngine,
  entries: readonly RosterEntry[],
  by: string,
  describe: (roster: RosterEntry[]) => RecordedRosterReplacement,
): Promise<string> {
  let committing = false;
  try {
    return await db.transaction().execute(async (trx) => {
      await lockRoster(trx, engine);
      const recorded = describe(await readRoster(trx));
      const id = await insertIntent(trx, recorded.intent);
      if (recorded.replace) await writeRoster(trx, entries, by, recorded.intent.at);
      await insertResult(trx, Number(id), { ...recorded.outcome, at: new Date(), settled: false });
      committing = true;
      return id;
    });
  } catch (error) {
    if (committing)
      throw new CommitOutcomeUnknownError("a replacement of the staff roster and its audit event", error);
    throw error;
  }
}

async function lockRoster(trx: Transaction<StoreTables>, engine: StoreEngine): Promise<void> {
  if (engine === "postgres") await sql`lock table roster_entries in share row exclusive mode`.execute(trx);
}

async function writeRoster(
  trx: Transaction<StoreTables>,
  entries: readonly RosterEntry[],
  by: string,
  at: Date,
): Promise<number> {
  const unique = new Map(entries.map((e) => [e.personKey, e]));
  const suppliedAt = toSqlDate(at);
  const rows = [...unique.values()].map((e) => ({
    person_key: e.personKey,
    name: e.name,
    supplied_at: suppliedAt,
    supplied_by: by,
  }));
  await trx.deleteFrom("roster_entries").execute();
  for (const chunk of inChunks(rows, ROWS_PER_INSERT))
    await trx.insertInto("roster_entries").values(chunk).execute();
  return rows.length;
}
