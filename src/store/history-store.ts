import { type Kysely, type Selectable, sql, type Updateable } from "kysely";
import {
  type RosterEntry,
  type SnapshotAccount,
  type SnapshotContainer,
  type SnapshotRecord,
  type SnapshotSourceProgress,
  SnapshotSourceStatus,
  SnapshotStatus,
  type SnapshotTrigger,
} from "../history/snapshot.js";
import { SnapshotRunningError } from "../history/snapshot-running.js";
import { ErrorCode } from "../model/errors.js";
import { highestOf } from "../people/levels.js";
import { deleteInBatches, type SnapshotRowTable } from "./batched-delete.js";
import { leaseFreeFor } from "./lease-sql.js";
import { nextTurn } from "./next-turn.js";
import { searchTextOf } from "./review/people-matrix-sql.js";
import { readRoster, replaceRosterRecorded, replaceRosterRows } from "./roster-sql.js";
import {
  fromFlag,
  fromSqlDate,
  fromSqlDateOrNull,
  inChunks,
  toFlag,
  toInt,
  toSqlDate,
} from "./sql-values.js";
import type { HistoryStore, RecordedRosterReplacement } from "./store.js";
import type { SnapshotSourcesTable, SnapshotsTable, StoreTables } from "./store-tables.js";
import type { StoreEngine } from "./store-url.js";

/** Rows per INSERT: at most 16 columns each, well under either engine's bound-parameter limit. */
const ROWS_PER_INSERT = 200;
/** Rows of a snapshot's accounts (theirs, their grants', their memberships') per transaction:
 *  what one commit covers; the event loop is let in between its statements too. */
const ROWS_PER_TRANSACTION = 1000;

/** A snapshot's own rows, children before the accounts they hang on. */
const SNAPSHOT_ROW_TABLES: readonly SnapshotRowTable[] = [
  "snapshot_grants",
  "snapshot_memberships",
  "snapshot_accounts",
  "snapshot_containers",
];

/** The `scope` of an instance-wide grant (a comparable key where SQL NULL would not be). */
export const INSTANCE_SCOPE = "*";

export class SqlHistoryStore implements HistoryStore {
  constructor(
    private readonly db: Kysely<StoreTables>,
    private readonly engine: StoreEngine = "sqlite",
  ) {}

  async createSnapshot(snapshot: Parameters<HistoryStore["createSnapshot"]>[0]): Promise<void> {
    // The insert is the check (the index of migration 005): two processes asking at once store one.
    for (let attempt = 1; ; attempt += 1) {
      if (await this.insertSnapshot(snapshot)) return;
      const running = await this.db
        .selectFrom("snapshots")
        .select("id")
        .where("status", "=", SnapshotStatus.RUNNING)
        .executeTakeFirst();
      if (running) throw new SnapshotRunningError(running.id);
      const same = await this.db
        .selectFrom("snapshots")
        .select("id")
        .where("id", "=", snapshot.id)
        .executeTakeFirst();
      if (same || attempt >= 3) throw new Error(`snapshot ${snapshot.id} is already stored`);
      // The running one ended between the insert and the look: the insert is tried again.
    }
  }

  /** Stores the snapshot RUNNING with its parts; false when it conflicts (its id, or one RUNNING). */
  private async insertSnapshot(snapshot: Parameters<HistoryStore["createSnapshot"]>[0]): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto("snapshots")
        .values({
          id: snapshot.id,
          status: SnapshotStatus.RUNNING,
          trigger: snapshot.trigger,
          taken_by: snapshot.takenBy,
          started_at: toSqlDate(snapshot.startedAt),
          finished_at: null,
          runner: snapshot.lease?.runner ?? null,
          lease_until: snapshot.lease ? toSqlDate(snapshot.lease.until) : null,
        })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return false;
      if (snapshot.sourceIds.length > 0)
        await trx
          .insertInto("snapshot_sources")
          .values(
            snapshot.sourceIds.map((sourceId, position) => ({
              snapshot_id: snapshot.id,
              source_id: sourceId,
              position,
              status: SnapshotSourceStatus.PENDING,
              accounts_read: 0,
              accounts_total: null,
              logins_reported: null,
              started_at: null,
              finished_at: null,
              error_code: null,
              error_message: null,
            })),
          )
          .execute();
      return true;
    });
  }

  async updateSource(
    snapshotId: string,
    sourceId: string,
    change: Partial<Omit<SnapshotSourceProgress, "sourceId">>,
  ): Promise<void> {
    const set: Updateable<SnapshotSourcesTable> = {};
    if (change.status !== undefined) set.status = change.status;
    if (change.accountsRead !== undefined) set.accounts_read = change.accountsRead;
    if (change.accountsTotal !== undefined) set.accounts_total = change.accountsTotal;
    if (change.loginsReported !== undefined)
      set.logins_reported = change.loginsReported === null ? null : toFlag(change.loginsReported);
    if (change.startedAt !== undefined)
      set.started_at = change.startedAt === null ? null : toSqlDate(change.startedAt);
    if (change.finishedAt !== undefined)
      set.finished_at = change.finishedAt === null ? null : toSqlDate(change.finishedAt);
    if (change.error !== undefined) {
      set.error_code = change.error?.code ?? null;
      set.error_message = change.error?.message ?? null;
    }
    if (Object.keys(set).length === 0) return;
    await this.db
      .updateTable("snapshot_sources")
      .set(set)
      .where("snapshot_id", "=", snapshotId)
      .where("source_id", "=", sourceId)
      .execute();
  }

  async writeContainers(snapshotId: string, containers: readonly SnapshotContainer[]): Promise<void> {
    const rows = containers.map((c) => ({
      snapshot_id: snapshotId,
      source_id: c.sourceId,
      kind: c.kind,
      remote_id: c.remoteId,
      name: c.name,
      active: c.active === null ? null : toFlag(c.active),
    }));
    await this.db.transaction().execute(async (trx) => {
      for (const chunk of inChunks(rows, ROWS_PER_INSERT))
        await trx
          .insertInto("snapshot_containers")
          .values(chunk)
          .onConflict((oc) => oc.doNothing())
          .execute();
    });
  }

  async writeAccounts(snapshotId: string, accounts: readonly SnapshotAccount[]): Promise<void> {
    // A page is written a few hundred rows at a time, each account whole with its grants and
    // memberships in one transaction, the event loop let in between: a page of 1,000 accounts is
    // ~4,000 rows, which SQLite (synchronous, on the main thread) took up to seconds to write, with
    // the server answering nobody meanwhile. A page need not be one transaction: a source that
    // fails has its whole part cleared (read-snapshot-parts.ts).
    for (const group of accountGroups(accounts, ROWS_PER_TRANSACTION)) {
      const rows = rowsOf(snapshotId, group);
      await this.db.transaction().execute(async (trx) => {
        for (const chunk of inChunks(rows.accounts, ROWS_PER_INSERT)) {
          await trx.insertInto("snapshot_accounts").values(chunk).execute();
          await nextTurn();
        }
        for (const chunk of inChunks(rows.grants, ROWS_PER_INSERT)) {
          await trx.insertInto("snapshot_grants").values(chunk).execute();
          await nextTurn();
        }
        // A vendor listing one membership twice is one membership.
        for (const chunk of inChunks(rows.memberships, ROWS_PER_INSERT)) {
          await trx
            .insertInto("snapshot_memberships")
            .values(chunk)
            .onConflict((oc) => oc.doNothing())
            .execute();
          await nextTurn();
        }
      });
    }
  }

  async clearSource(snapshotId: string, sourceId: string): Promise<void> {
    // A batch at a time, not one transaction: no reader sees a part that is not COMPLETE (the
    // review reads only those), and a part cleared half way is cleared again before it is read
    // again or marked FAILED (read-snapshot-parts.ts, interrupted.ts).
    for (const table of SNAPSHOT_ROW_TABLES)
      await deleteInBatches(this.db, this.engine, table, { snapshotIds: [snapshotId], sourceId });
  }

  async finishSnapshot(id: string, status: SnapshotStatus, finishedAt: Date): Promise<void> {
    await this.db
      .updateTable("snapshots")
      .set({ status, finished_at: toSqlDate(finishedAt) })
      .where("id", "=", id)
      .execute();
    // A snapshot is a bulk write: until autovacuum analyzes the tables, PostgreSQL's planner picks
    // nested loops for the review's comparisons, about 5x slower (bench/review-memory.ts). SQLite's
    // planner goes by the indexes alone, and an ANALYZE there would hold the main thread.
    if (this.engine === "postgres")
      await sql`analyze snapshot_accounts, snapshot_grants, snapshot_memberships, snapshot_sources`.execute(
        this.db,
      );
  }

  async getSnapshot(id: string): Promise<SnapshotRecord | null> {
    const row = await this.db.selectFrom("snapshots").selectAll().where("id", "=", id).executeTakeFirst();
    if (!row) return null;
    const [snapshot] = await this.withSources([row]);
    return snapshot ?? null;
  }

  async listSnapshots(options: {
    readonly first: number;
    readonly after?: string;
  }): Promise<SnapshotRecord[]> {
    let query = this.db.selectFrom("snapshots").selectAll();
    // Ids sort by time (src/history/snapshot-id.ts), so "older than the cursor" is "id below it".
    if (options.after !== undefined) query = query.where("id", "<", options.after);
    const rows = await query.orderBy("id", "desc").limit(options.first).execute();
    return this.withSources(rows);
  }

  async runningSnapshots(): Promise<SnapshotRecord[]> {
    const rows = await this.db
      .selectFrom("snapshots")
      .selectAll()
      .where("status", "=", SnapshotStatus.RUNNING)
      .orderBy("id")
      .execute();
    return this.withSources(rows);
  }

  async leaseSnapshot(
    id: string,
    runner: string,
    now: Date,
    until: Date,
    takeOverFrom?: string,
  ): Promise<boolean> {
    const free = leaseFreeFor(runner, now);
    const result = await this.db
      .updateTable("snapshots")
      .set({ runner, lease_until: toSqlDate(until) })
      .where("id", "=", id)
      .where("status", "=", SnapshotStatus.RUNNING)
      .where(takeOverFrom === undefined ? free : (eb) => eb.or([free, eb("runner", "=", takeOverFrom)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async claimUnheldSnapshot(id: string, runner: string, now: Date, until: Date): Promise<boolean> {
    const result = await this.db
      .updateTable("snapshots")
      .set({ runner, lease_until: toSqlDate(until) })
      .where("id", "=", id)
      .where("status", "=", SnapshotStatus.RUNNING)
      .where((eb) => eb.or([eb("lease_until", "is", null), eb("lease_until", "<", toSqlDate(now))]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async releaseSnapshot(id: string, runner: string): Promise<void> {
    await this.db
      .updateTable("snapshots")
      .set({ runner: null, lease_until: null })
      .where("id", "=", id)
      .where("runner", "=", runner)
      .execute();
  }

  async unheldSnapshots(now: Date): Promise<string[]> {
    const rows = await this.db
      .selectFrom("snapshots")
      .select("id")
      .where("status", "=", SnapshotStatus.RUNNING)
      .where((eb) => eb.or([eb("lease_until", "is", null), eb("lease_until", "<", toSqlDate(now))]))
      .orderBy("id")
      .execute();
    return rows.map((r) => r.id);
  }

  async countAccounts(snapshotIds: readonly string[]): Promise<ReadonlyMap<string, number>> {
    const counts = new Map(snapshotIds.map((id) => [id, 0]));
    if (snapshotIds.length === 0) return counts;
    const rows = await this.db
      .selectFrom("snapshot_accounts")
      .select(["snapshot_id", (eb) => eb.fn.countAll<number | string>().as("accounts")])
      .where("snapshot_id", "in", [...snapshotIds])
      .groupBy("snapshot_id")
      .execute();
    for (const row of rows) counts.set(row.snapshot_id, toInt(row.accounts));
    return counts;
  }

  async pruneSnapshots(limits: { readonly before?: Date; readonly keepLast?: number }): Promise<number> {
    const finished = await this.db
      .selectFrom("snapshots")
      .select(["id", "started_at"])
      .where("status", "!=", SnapshotStatus.RUNNING)
      .orderBy("id", "desc")
      .execute();
    const doomed = finished
      .filter(
        (row, newest) =>
          (limits.keepLast !== undefined && newest >= limits.keepLast) ||
          (limits.before !== undefined && fromSqlDate(row.started_at) < limits.before),
      )
      .map((row) => row.id);
    for (const chunk of inChunks(doomed, ROWS_PER_INSERT)) {
      // Its rows go a batch at a time (batched-delete.ts), so first every part says so: the review
      // reads only COMPLETE parts, so nobody compares or judges a snapshot half deleted.
      await this.db
        .updateTable("snapshot_sources")
        .set({
          status: SnapshotSourceStatus.FAILED,
          error_code: ErrorCode.NOT_FOUND,
          error_message: "Being deleted by retention (snapshots.keepLast, snapshots.keepDays)",
        })
        .where("snapshot_id", "in", chunk)
        .execute();
      // Children first: both engines enforce the foreign keys, whose cascade would be one statement.
      for (const table of SNAPSHOT_ROW_TABLES)
        await deleteInBatches(this.db, this.engine, table, { snapshotIds: chunk });
      await this.db.transaction().execute(async (trx) => {
        await trx.deleteFrom("snapshot_sources").where("snapshot_id", "in", chunk).execute();
        await trx.deleteFrom("snapshots").where("id", "in", chunk).execute();
      });
    }
    return doomed.length;
  }

  replaceRoster(entries: readonly RosterEntry[], by: string, at: Date = new Date()): Promise<number> {
    return replaceRosterRows(this.db, this.engine, entries, by, at);
  }

  replaceRosterRecorded(
    entries: readonly RosterEntry[],
    by: string,
    describe: (roster: RosterEntry[]) => RecordedRosterReplacement,
  ): Promise<string> {
    return replaceRosterRecorded(this.db, this.engine, entries, by, describe);
  }

  roster(): Promise<RosterEntry[]> {
    return readRoster(this.db);
  }

  async rosterStamp(): Promise<{ entries: number; suppliedAt: Date | null }> {
    const row = await this.db
      .selectFrom("roster_entries")
      .select((eb) => [
        eb.fn.countAll<number | string>().as("entries"),
        eb.fn.max("supplied_at").as("supplied_at"),
      ])
      .executeTakeFirstOrThrow();
    return {
      entries: toInt(row.entries),
      suppliedAt: row.supplied_at === null ? null : fromSqlDate(row.supplied_at),
    };
  }

  private async withSources(rows: ReadonlyArray<Selectable<SnapshotsTable>>): Promise<SnapshotRecord[]> {
    if (rows.length === 0) return [];
    const sources = await this.db
      .selectFrom("snapshot_sources")
      .selectAll()
      .where(
        "snapshot_id",
        "in",
        rows.map((r) => r.id),
      )
      .orderBy("snapshot_id")
      .orderBy("position")
      .execute();
    const bySnapshot = new Map<string, SnapshotSourceProgress[]>();
    for (const s of sources) {
      const list = bySnapshot.get(s.snapshot_id) ?? [];
      list.push({
        sourceId: s.source_id,
        status: s.status as SnapshotSourceStatus,
        accountsRead: toInt(s.accounts_read),
        accountsTotal: s.accounts_total === null ? null : toInt(s.accounts_total),
        loginsReported: s.logins_reported === null ? null : fromFlag(s.logins_reported),
        startedAt: fromSqlDateOrNull(s.started_at),
        finishedAt: fromSqlDateOrNull(s.finished_at),
        error:
          s.error_code === null ? null : { code: s.error_code, message: s.error_message ?? s.error_code },
      });
      bySnapshot.set(s.snapshot_id, list);
    }
    return rows.map((r) => ({
      id: r.id,
      status: r.status as SnapshotStatus,
      trigger: r.trigger as SnapshotTrigger,
      takenBy: r.taken_by,
      startedAt: fromSqlDate(r.started_at),
      finishedAt: fromSqlDateOrNull(r.finished_at),
      sources: bySnapshot.get(r.id) ?? [],
    }));
  }
}

/** The rows an account takes: its own, one per grant, one per membership. */
const rowCountOf = (a: SnapshotAccount): number => 1 + (a.grants?.length ?? 0) + (a.memberships?.length ?? 0);

/** Accounts in order, in groups of at most `rows` rows (an account with more is a group alone). */
export function accountGroups(accounts: readonly SnapshotAccount[], rows: number): SnapshotAccount[][] {
  const groups: SnapshotAccount[][] = [];
  let group: SnapshotAccount[] = [];
  let inGroup = 0;
  for (const account of accounts) {
    const n = rowCountOf(account);
    if (group.length > 0 && inGroup + n > rows) {
      groups.push(group);
      group = [];
      inGroup = 0;
    }
    group.push(account);
    inGroup += n;
  }
  if (group.length > 0) groups.push(group);
  return groups;
}

function rowsOf(snapshotId: string, accounts: readonly SnapshotAccount[]) {
  return {
    accounts: accounts.map((a) => ({
      snapshot_id: snapshotId,
      source_id: a.sourceId,
      remote_id: a.remoteId,
      person_key: a.personKey,
      person_basis: a.personBasis,
      email: a.email,
      login: a.login,
      display_name: a.displayName,
      active: toFlag(a.active),
      admin: a.admin === null ? null : toFlag(a.admin),
      last_login_at: a.lastLoginAt === null ? null : toSqlDate(a.lastLoginAt),
      created_at: a.createdAt === null ? null : toSqlDate(a.createdAt),
      archived: toFlag(a.archived),
      grants_read: toFlag(a.grants !== null),
      memberships_read: toFlag(a.memberships !== null),
      // The matrix's cell and its level filter, without a walk through the grants (006-people-matrix).
      highest_level: a.grants === null ? null : highestOf(a.grants.map((g) => g.level)),
      search_text: searchTextOf(a),
    })),
    grants: accounts.flatMap((a) =>
      (a.grants ?? []).map((g) => ({
        snapshot_id: snapshotId,
        source_id: a.sourceId,
        remote_id: a.remoteId,
        scope: g.projectId ?? INSTANCE_SCOPE,
        project_name: g.projectName,
        role: g.role,
        level: g.level,
        via_type: g.via?.type ?? "",
        via_id: g.via?.remoteId ?? "",
      })),
    ),
    memberships: accounts.flatMap((a) =>
      (a.memberships ?? []).map((m) => ({
        snapshot_id: snapshotId,
        source_id: a.sourceId,
        remote_id: a.remoteId,
        kind: m.kind,
        container_id: m.containerId,
        container_name: m.containerName,
      })),
    ),
  };
}
