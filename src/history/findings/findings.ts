/**
 * Findings on one snapshot (default: the newest COMPLETE or PARTIAL one): which snapshot was used,
 * which sources' parts are missing (their accounts are not judged: unknown, never clean), and per
 * kind a page of accounts with the reason each is one.
 */
import { InputError } from "../../model/errors.js";
import type { FindingCursor } from "../../store/review/findings-sql.js";
import type { ReviewStore, Store } from "../../store/store.js";
import { finishedSnapshot } from "../changes/access-changes.js";
import { type SnapshotRecord, SnapshotSourceStatus } from "../snapshot.js";
import {
  DEFAULT_DORMANT_DAYS,
  FindingKind as F,
  FINDING_KINDS,
  type Finding,
  type FindingKind,
  type FindingQuery,
  type FoundAccount,
} from "./finding.js";

const DAY_MS = 86_400_000;
const BATCH = 500;

export interface FindingsScope {
  readonly snapshot: SnapshotRecord;
  /** Sources read whole in the snapshot (among those asked). */
  readonly sourceIds: readonly string[];
  /** Sources whose part is missing (failed, or never finished): nothing of theirs is judged. */
  readonly incompleteSources: readonly string[];
  /** Among sourceIds, those that report logins: the only ones dormancy is judged in. */
  readonly loginSourceIds: readonly string[];
  readonly dormantDays: number;
  readonly dormantSince: Date;
}

export interface ScopeRequest {
  readonly snapshotId?: string | null;
  readonly dormantDays?: number | null;
  readonly sourceIds?: readonly string[] | null;
}

/** The snapshot and sources findings are judged on; `fields` names the arguments for errors. */
export async function findingsScope(
  store: Store,
  request: ScopeRequest,
  fields: { readonly snapshot: string; readonly dormantDays: string } = {
    snapshot: "snapshot",
    dormantDays: "dormantDays",
  },
): Promise<FindingsScope> {
  const dormantDays = request.dormantDays ?? DEFAULT_DORMANT_DAYS;
  if (!Number.isInteger(dormantDays) || dormantDays < 1 || dormantDays > 36_500)
    throw new InputError(
      `\`${fields.dormantDays}\` must be a whole number of days from 1 to 36500`,
      fields.dormantDays,
    );
  let snapshotId = request.snapshotId ?? null;
  if (snapshotId === null) {
    snapshotId = await store.review.latestUsableSnapshotId();
    if (snapshotId === null)
      throw new InputError(
        "No snapshot has finished with any source read yet: take one (takeSnapshot, `rollcall snapshot`)",
        fields.snapshot,
      );
  }
  const snapshot = await finishedSnapshot(store, snapshotId, fields.snapshot);
  const wanted = request.sourceIds ? new Set(request.sourceIds) : null;
  const parts = snapshot.sources.filter((p) => !wanted || wanted.has(p.sourceId));
  const complete = parts.filter((p) => p.status === SnapshotSourceStatus.COMPLETE);
  return {
    snapshot,
    sourceIds: complete.map((p) => p.sourceId),
    incompleteSources: parts.filter((p) => p.status !== SnapshotSourceStatus.COMPLETE).map((p) => p.sourceId),
    loginSourceIds: complete.filter((p) => p.loginsReported === true).map((p) => p.sourceId),
    dormantDays,
    dormantSince: new Date(snapshot.startedAt.getTime() - dormantDays * DAY_MS),
  };
}

/** Why a kind can't be judged on this store now, or null when it can. */
export async function unjudgeable(review: ReviewStore, kind: FindingKind): Promise<string | null> {
  if (kind === F.NOT_IN_ROSTER && (await review.rosterSize()) === 0)
    return "No staff roster is set (replaceRoster, or review.rosterFile): without one, nobody can be judged missing from it";
  return null;
}

function queryOf(scope: FindingsScope, kind: FindingKind, personKey?: string): FindingQuery {
  return {
    kind,
    snapshotId: scope.snapshot.id,
    sourceIds: scope.sourceIds,
    loginSourceIds: scope.loginSourceIds,
    dormantSince: scope.dormantSince,
    personKey,
  };
}

const day = (d: Date) => d.toISOString().slice(0, 10);

function reasonFor(kind: FindingKind, a: FoundAccount, scope: FindingsScope, days: number | null): string {
  switch (kind) {
    case F.DORMANT_ACCOUNT:
      return a.lastLoginAt
        ? `Active, no login for ${days} days (last ${day(a.lastLoginAt)}; ${scope.dormantDays} allowed)`
        : `Active, and ${a.sourceId} reports no login for it ever${a.createdAt ? ` (created ${day(a.createdAt)})` : ""}`;
    case F.UNOWNED_ACCOUNT:
      return "No email to join it to a person, and no account link: nobody owns it";
    case F.NOT_IN_ROSTER:
      return `Active, and ${a.personKey} is not on the staff roster`;
    case F.PARTIAL_OFFBOARDING:
      return `Active here while ${a.inactiveAccounts.join(", ")} ${a.inactiveAccounts.length === 1 ? "is" : "are"} inactive`;
    case F.PRIVILEGED_ACCOUNT: {
      const held = [
        ...(a.admin ? ["instance administrator"] : []),
        ...(a.levels ?? []).filter((l) => l === "ADMIN" || l === "MANAGE").map((l) => `${l} on a grant`),
      ];
      return `${held.join("; ")}${a.active ? "" : " (the account is inactive)"}`;
    }
    case F.INACTIVE_WITH_ACCESS:
      return `Inactive, still holding ${a.grantCount ?? 0} grant(s) and ${a.membershipCount ?? 0} group/team membership(s)`;
  }
}

function findingOf(kind: FindingKind, a: FoundAccount, scope: FindingsScope): Finding {
  const at = scope.snapshot.startedAt.getTime();
  const days = a.lastLoginAt ? Math.floor((at - a.lastLoginAt.getTime()) / DAY_MS) : null;
  return { ...a, kind, daysSinceLogin: days, reason: reasonFor(kind, a, scope, days) };
}

export interface FindingsPage {
  readonly findings: readonly Finding[];
  readonly totalCount: number;
  readonly hasNextPage: boolean;
}

export async function findingsPage(
  review: ReviewStore,
  scope: FindingsScope,
  request: { readonly kind: FindingKind; readonly personKey?: string },
  page: { readonly offset: number; readonly limit: number },
  kindField = "kind",
): Promise<FindingsPage> {
  const why = await unjudgeable(review, request.kind);
  if (why) throw new InputError(why, kindField);
  const query = queryOf(scope, request.kind, request.personKey);
  const [rows, totalCount] = await Promise.all([review.findings(query, page), review.countFindings(query)]);
  return {
    findings: rows.map((a) => findingOf(request.kind, a, scope)),
    totalCount,
    hasNextPage: page.offset + rows.length < totalCount,
  };
}

/** Every finding of a kind, a store page at a time by keyset (the export's stream: each page one
 *  index range, not the matches before it read again). */
export async function* eachFinding(
  review: ReviewStore,
  scope: FindingsScope,
  request: { readonly kind: FindingKind; readonly personKey?: string },
): AsyncGenerator<Finding> {
  const query = queryOf(scope, request.kind, request.personKey);
  let after: FindingCursor | undefined;
  for (;;) {
    const rows = await review.findings(query, { offset: 0, limit: BATCH, after });
    for (const a of rows) yield findingOf(request.kind, a, scope);
    const last = rows.at(-1);
    if (!last || rows.length < BATCH) return;
    after = { personKey: last.personKey, sourceId: last.sourceId, remoteId: last.remoteId };
  }
}

export interface FindingCount {
  readonly kind: FindingKind;
  /** Null when the kind can't be judged (`reason` says why). */
  readonly count: number | null;
  readonly reason: string | null;
}

export async function findingCounts(review: ReviewStore, scope: FindingsScope): Promise<FindingCount[]> {
  return Promise.all(
    FINDING_KINDS.map(async (kind) => {
      const reason = await unjudgeable(review, kind);
      if (reason) return { kind, count: null, reason };
      if (kind === F.DORMANT_ACCOUNT && scope.loginSourceIds.length === 0 && scope.sourceIds.length > 0)
        return { kind, count: null, reason: "No source read in this snapshot reports logins" };
      return { kind, count: await review.countFindings(queryOf(scope, kind)), reason: null };
    }),
  );
}
