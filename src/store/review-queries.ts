/**
 * Reading snapshots back for access reviews: changes between two, findings in one, the access
 * matrix of one, and the audit events that may explain a change. Every answer is one page (or one
 * count) computed by the engine; nothing here holds a whole snapshot.
 */
import { type Kysely, type Selectable, sql } from "kysely";
import {
  type AccessChange,
  type ChangeKind,
  type ChangeQuery,
  type GrantState,
} from "../history/changes/access-change.js";
import type { FindingQuery, FoundAccount } from "../history/findings/finding.js";
import { PersonBasis, SnapshotStatus } from "../history/snapshot.js";
import type { PermissionLevel } from "../model/records.js";
import { LEVEL_ORDER } from "../people/levels.js";
import { toGlobalId } from "../schema/common/global-id.js";
import { INSTANCE_SCOPE } from "./history-store.js";
import { CHANGE_ORDER, type ChangeRow, changesUnion } from "./review/changes-sql.js";
import { type FindingCursor, findingsSelect } from "./review/findings-sql.js";
import {
  countPeopleMatrix,
  type MatrixRow,
  type PeopleMatrixQuery,
  peopleMatrixPage,
} from "./review/people-matrix-sql.js";
import {
  fromFlag,
  fromJson,
  fromSqlDate,
  fromSqlDateOrNull,
  idToString,
  inChunks,
  toInt,
  toSqlDate,
} from "./sql-values.js";
import type { AuditEvent, AuditResult, ReviewStore } from "./store.js";
import type { StoreTables } from "./store-tables.js";

/** Where a walk through the changes by accounts stands: the last account read. */
export interface AccountCursor {
  readonly sourceId: string;
  readonly remoteId: string;
}

export interface Page {
  readonly offset: number;
  readonly limit: number;
}

/** One account of the access matrix with every grant it held (in a stable order). */
export interface MatrixAccount {
  readonly sourceId: string;
  readonly remoteId: string;
  readonly personKey: string;
  readonly personBasis: PersonBasis;
  readonly email: string | null;
  readonly displayName: string;
  readonly active: boolean;
  readonly admin: boolean | null;
  readonly lastLoginAt: Date | null;
  /** Null: not read (unknown), never "none". */
  readonly grants: ReadonlyArray<{
    readonly projectId: string | null;
    readonly projectName: string | null;
    readonly role: string | null;
    readonly level: PermissionLevel;
    readonly via: { readonly type: string; readonly id: string; readonly name: string | null } | null;
  }> | null;
}

/** Where an audit event may explain a change: the sources, targets and actions, and the window. */
export interface AuditCandidates {
  readonly sourceIds: readonly string[];
  readonly targets: readonly string[];
  readonly actions: readonly string[];
  readonly since: Date;
  readonly until: Date;
}

/** Bound parameters per IN list: well under either engine's limit. */
const KEYS_PER_QUERY = 400;

const emptyToNull = (value: string | null): string | null => (value === "" ? null : value);

function changeOf(row: ChangeRow): AccessChange {
  const state = (role: string | null, level: string | null): GrantState | null =>
    level === null ? null : { role, level: level as PermissionLevel };
  const permission = row.scope !== "";
  return {
    kind: row.kind as ChangeKind,
    sourceId: row.source_id,
    remoteId: row.remote_id,
    personKey: row.person_key,
    email: row.email,
    displayName: row.display_name,
    project: permission
      ? { id: row.scope === INSTANCE_SCOPE ? null : row.scope, name: row.project_name }
      : null,
    before: state(row.role_before, row.level_before),
    after: state(row.role_after, row.level_after),
    via:
      row.via_type === ""
        ? null
        : { type: row.via_type as "GROUP" | "TEAM", id: row.via_id, name: row.via_name },
    container:
      row.container_kind === ""
        ? null
        : {
            kind: row.container_kind as "GROUP" | "TEAM",
            id: row.container_id,
            name: emptyToNull(row.container_name),
          },
  };
}

const accountKey = (sourceId: string, remoteId: string) => `${sourceId}\u0000${remoteId}`;

export class SqlReviewQueries implements ReviewStore {
  constructor(private readonly db: Kysely<StoreTables>) {}

  async latestUsableSnapshotId(): Promise<string | null> {
    const row = await this.db
      .selectFrom("snapshots")
      .select("id")
      .where("status", "in", [SnapshotStatus.COMPLETE, SnapshotStatus.PARTIAL])
      .orderBy("started_at", "desc")
      .orderBy("id", "desc")
      .limit(1)
      .executeTakeFirst();
    return row?.id ?? null;
  }

  async changes(query: ChangeQuery, page: Page): Promise<AccessChange[]> {
    const union = changesUnion(query);
    if (union === null || page.limit <= 0) return [];
    const { rows } =
      await sql<ChangeRow>`${union} ${CHANGE_ORDER} limit ${page.limit} offset ${page.offset}`.execute(
        this.db,
      );
    return rows.map(changeOf);
  }

  async changesByAccounts(
    query: ChangeQuery,
    after: AccountCursor | null,
    accounts: number,
  ): Promise<{ changes: AccessChange[]; next: AccountCursor | null }> {
    const sources = [...query.sourceIds].sort();
    let at = after ? sources.indexOf(after.sourceId) : 0;
    let from = after?.remoteId ?? null;
    if (at < 0) return { changes: [], next: null };
    for (; at < sources.length; at++, from = null) {
      const sourceId = sources[at] as string;
      // The next accounts of this source in either snapshot (each side read by its index, in order):
      // their changes are one index range.
      const side = (snapshot: string) => {
        const after = from === null ? sql`` : sql` and remote_id > ${from}`;
        return sql`select remote_id from (select remote_id from snapshot_accounts
          where snapshot_id = ${snapshot} and source_id = ${sourceId}${after}
          order by remote_id limit ${accounts}) ${sql.ref(`side_${snapshot === query.from ? "a" : "b"}`)}`;
      };
      const { rows } = await sql<{ remote_id: string }>`${side(query.from)} union ${side(query.to)}
        order by remote_id limit ${accounts}`.execute(this.db);
      const last = rows.at(-1)?.remote_id;
      if (last === undefined) continue;
      const union = changesUnion(query, { sourceId, after: from, last });
      const changes =
        union === null
          ? []
          : (await sql<ChangeRow>`${union} ${CHANGE_ORDER}`.execute(this.db)).rows.map(changeOf);
      return { changes, next: { sourceId, remoteId: last } };
    }
    return { changes: [], next: null };
  }

  async countChanges(query: ChangeQuery): Promise<number> {
    const union = changesUnion(query);
    if (union === null) return 0;
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from (${union}) counted`.execute(
      this.db,
    );
    return toInt(rows[0]?.n ?? 0);
  }

  async findings(
    query: FindingQuery,
    page: Page & { readonly after?: FindingCursor },
  ): Promise<FoundAccount[]> {
    const select = findingsSelect(query, sql`a.*`, page.after);
    if (select === null || page.limit <= 0) return [];
    const { rows } = await sql<Selectable<StoreTables["snapshot_accounts"]>>`${select}
      order by a.person_key, a.source_id, a.remote_id limit ${page.limit} offset ${page.offset}`.execute(
      this.db,
    );
    if (rows.length === 0) return [];
    const keys = rows.map((r) => [r.source_id, r.remote_id] as const);
    const [levels, grantCounts, membershipCounts, inactive] = await Promise.all([
      this.levelsOf(query.snapshotId, keys),
      this.countsOf("snapshot_grants", query.snapshotId, keys),
      this.countsOf("snapshot_memberships", query.snapshotId, keys),
      this.inactiveAccountsOf(
        query.snapshotId,
        rows.map((r) => r.person_key),
      ),
    ]);
    return rows.map((r): FoundAccount => {
      const key = accountKey(r.source_id, r.remote_id);
      const grantsRead = fromFlag(r.grants_read);
      const membershipsRead = fromFlag(r.memberships_read);
      return {
        sourceId: r.source_id,
        remoteId: r.remote_id,
        personKey: r.person_key,
        personBasis: r.person_basis as PersonBasis,
        email: r.email,
        displayName: r.display_name,
        active: fromFlag(r.active),
        admin: r.admin === null ? null : fromFlag(r.admin),
        lastLoginAt: fromSqlDateOrNull(r.last_login_at),
        createdAt: fromSqlDateOrNull(r.created_at),
        levels: grantsRead ? (levels.get(key) ?? []) : null,
        grantCount: grantsRead ? (grantCounts.get(key) ?? 0) : null,
        membershipCount: membershipsRead ? (membershipCounts.get(key) ?? 0) : null,
        inactiveAccounts: (inactive.get(r.person_key) ?? []).filter(
          (id) => id !== toGlobalId(r.source_id, "User", r.remote_id),
        ),
      };
    });
  }

  async countFindings(query: FindingQuery): Promise<number> {
    const select = findingsSelect(query, sql`count(*) as n`);
    if (select === null) return 0;
    const { rows } = await sql<{ n: number | string }>`${select}`.execute(this.db);
    return toInt(rows[0]?.n ?? 0);
  }

  async rosterSize(): Promise<number> {
    const row = await this.db
      .selectFrom("roster_entries")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    return toInt(row.n as number | string);
  }

  async matrix(
    snapshotId: string,
    options: {
      readonly sourceIds: readonly string[];
      readonly after: { readonly sourceId: string; readonly remoteId: string } | null;
      readonly limit: number;
    },
  ): Promise<MatrixAccount[]> {
    if (options.sourceIds.length === 0) return [];
    let query = this.db
      .selectFrom("snapshot_accounts")
      .selectAll()
      .where("snapshot_id", "=", snapshotId)
      .where("source_id", "in", options.sourceIds);
    const { after } = options;
    if (after)
      query = query.where((eb) =>
        eb.or([
          eb("source_id", ">", after.sourceId),
          eb.and([eb("source_id", "=", after.sourceId), eb("remote_id", ">", after.remoteId)]),
        ]),
      );
    const accounts = await query.orderBy("source_id").orderBy("remote_id").limit(options.limit).execute();
    if (accounts.length === 0) return [];
    const grants = await this.grantsOf(
      snapshotId,
      accounts.map((a) => [a.source_id, a.remote_id] as const),
    );
    return accounts.map((a) => ({
      sourceId: a.source_id,
      remoteId: a.remote_id,
      personKey: a.person_key,
      personBasis: a.person_basis as PersonBasis,
      email: a.email,
      displayName: a.display_name,
      active: fromFlag(a.active),
      admin: a.admin === null ? null : fromFlag(a.admin),
      lastLoginAt: fromSqlDateOrNull(a.last_login_at),
      grants: fromFlag(a.grants_read) ? (grants.get(accountKey(a.source_id, a.remote_id)) ?? []) : null,
    }));
  }

  peopleMatrix(
    query: PeopleMatrixQuery,
    page: { readonly after: string | null; readonly limit: number },
  ): Promise<MatrixRow[]> {
    return peopleMatrixPage(this.db, query, page);
  }

  countPeopleMatrix(query: PeopleMatrixQuery): Promise<number> {
    return countPeopleMatrix(this.db, query);
  }

  /** APPLIED events that may explain changes: matched to them by the caller (history/changes). */
  async auditCandidates(candidates: AuditCandidates): Promise<AuditEvent[]> {
    const { sourceIds, targets, actions } = candidates;
    if (sourceIds.length === 0 || targets.length === 0 || actions.length === 0) return [];
    const events: AuditEvent[] = [];
    // Case aside: an account being created is recorded by the email as the caller typed it.
    const lowered = [...new Set(targets.map((t) => t.toLowerCase()))];
    for (const chunk of inChunks(lowered, KEYS_PER_QUERY)) {
      const rows = await this.db
        .selectFrom("audit_intents as i")
        .innerJoin("audit_results as r", (join) =>
          join.on((eb) =>
            eb(
              "r.id",
              "=",
              eb
                .selectFrom("audit_results as latest")
                .select((l) => l.fn.max("latest.id").as("id"))
                .whereRef("latest.event_id", "=", "i.id"),
            ),
          ),
        )
        .selectAll("i")
        .select(["r.at as result_at", "r.outcome", "r.code", "r.message", "r.vendor_status", "r.settled"])
        .where("r.outcome", "=", "APPLIED")
        .where("i.source_id", "in", sourceIds)
        .where("i.action", "in", actions)
        .where((eb) => eb(eb.fn("lower", ["i.target"]), "in", chunk))
        .where("i.at", ">=", toSqlDate(candidates.since))
        .where("i.at", "<=", toSqlDate(candidates.until))
        .orderBy("i.id")
        .execute();
      for (const row of rows)
        events.push({
          id: idToString(row.id),
          at: fromSqlDate(row.at),
          caller: row.caller,
          operation: row.operation,
          planId: row.plan_id,
          stepId: row.step_id,
          sourceId: row.source_id,
          target: row.target,
          personKey: row.person_key,
          action: row.action,
          before: fromJson(row.before_state),
          after: fromJson(row.after_state),
          result: {
            at: fromSqlDate(row.result_at),
            outcome: row.outcome as AuditResult["outcome"],
            code: row.code,
            message: row.message,
            vendorStatus: row.vendor_status === null ? null : toInt(row.vendor_status),
            settled: fromFlag(row.settled),
          },
        });
    }
    return events;
  }

  private async levelsOf(snapshotId: string, keys: ReadonlyArray<readonly [string, string]>) {
    const out = new Map<string, PermissionLevel[]>();
    for (const chunk of inChunks(keys, KEYS_PER_QUERY / 2)) {
      const rows = await this.db
        .selectFrom("snapshot_grants")
        .select(["source_id", "remote_id", "level"])
        .distinct()
        .where("snapshot_id", "=", snapshotId)
        .where(({ eb, refTuple, tuple }) =>
          eb(
            refTuple("source_id", "remote_id"),
            "in",
            chunk.map(([s, r]) => tuple(s, r)),
          ),
        )
        .execute();
      for (const row of rows) {
        const key = accountKey(row.source_id, row.remote_id);
        out.set(key, [...(out.get(key) ?? []), row.level as PermissionLevel]);
      }
    }
    const rank = (l: PermissionLevel) => LEVEL_ORDER.indexOf(l);
    for (const levels of out.values()) levels.sort((a, b) => rank(b) - rank(a));
    return out;
  }

  private async countsOf(
    table: "snapshot_grants" | "snapshot_memberships",
    snapshotId: string,
    keys: ReadonlyArray<readonly [string, string]>,
  ) {
    const out = new Map<string, number>();
    for (const chunk of inChunks(keys, KEYS_PER_QUERY / 2)) {
      const rows = await this.db
        .selectFrom(table)
        .select(["source_id", "remote_id"])
        .select((eb) => eb.fn.countAll().as("n"))
        .where("snapshot_id", "=", snapshotId)
        .where(({ eb, refTuple, tuple }) =>
          eb(
            refTuple("source_id", "remote_id"),
            "in",
            chunk.map(([s, r]) => tuple(s, r)),
          ),
        )
        .groupBy(["source_id", "remote_id"])
        .execute();
      for (const row of rows)
        out.set(accountKey(row.source_id, row.remote_id), toInt(row.n as number | string));
    }
    return out;
  }

  private async inactiveAccountsOf(snapshotId: string, personKeys: readonly string[]) {
    const out = new Map<string, string[]>();
    for (const chunk of inChunks([...new Set(personKeys)], KEYS_PER_QUERY)) {
      const rows = await this.db
        .selectFrom("snapshot_accounts")
        .select(["source_id", "remote_id", "person_key"])
        .where("snapshot_id", "=", snapshotId)
        .where("person_key", "in", chunk)
        .where("person_basis", "<>", PersonBasis.NONE)
        .where("active", "=", 0)
        .orderBy("source_id")
        .orderBy("remote_id")
        .execute();
      for (const row of rows)
        out.set(row.person_key, [
          ...(out.get(row.person_key) ?? []),
          toGlobalId(row.source_id, "User", row.remote_id),
        ]);
    }
    return out;
  }

  private async grantsOf(snapshotId: string, keys: ReadonlyArray<readonly [string, string]>) {
    const out = new Map<string, NonNullable<MatrixAccount["grants"]>[number][]>();
    for (const chunk of inChunks(keys, KEYS_PER_QUERY / 2)) {
      const rows = await this.db
        .selectFrom("snapshot_grants as g")
        .leftJoin("snapshot_containers as c", (join) =>
          join
            .onRef("c.snapshot_id", "=", "g.snapshot_id")
            .onRef("c.source_id", "=", "g.source_id")
            .onRef("c.kind", "=", "g.via_type")
            .onRef("c.remote_id", "=", "g.via_id"),
        )
        .select([
          "g.source_id",
          "g.remote_id",
          "g.scope",
          "g.project_name",
          "g.role",
          "g.level",
          "g.via_type",
          "g.via_id",
          "c.name as via_name",
        ])
        .where("g.snapshot_id", "=", snapshotId)
        .where(({ eb, refTuple, tuple }) =>
          eb(
            refTuple("g.source_id", "g.remote_id"),
            "in",
            chunk.map(([s, r]) => tuple(s, r)),
          ),
        )
        .orderBy("g.source_id")
        .orderBy("g.remote_id")
        .orderBy("g.scope")
        .orderBy("g.via_type")
        .orderBy("g.via_id")
        .execute();
      for (const row of rows) {
        const key = accountKey(row.source_id, row.remote_id);
        out.set(key, [
          ...(out.get(key) ?? []),
          {
            projectId: row.scope === INSTANCE_SCOPE ? null : row.scope,
            projectName: row.project_name,
            role: row.role,
            level: row.level as PermissionLevel,
            via: row.via_type === "" ? null : { type: row.via_type, id: row.via_id, name: row.via_name },
          },
        ]);
      }
    }
    return out;
  }
}
