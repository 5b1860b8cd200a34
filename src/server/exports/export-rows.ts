/**
 * The exports' rows and their column order — a contract with the spreadsheets and scripts that read
 * them (README, Access review): new columns are added at the end, none is moved or renamed.
 */
import type { LinkedChange } from "../../history/changes/access-changes.js";
import type { Finding } from "../../history/findings/finding.js";
import { toGlobalId } from "../../schema/common/global-id.js";
import type { MatrixAccount } from "../../store/review-queries.js";
import type { Row } from "./export-body.js";

export const ACCESS_COLUMNS = [
  "snapshot",
  "person",
  "personBasis",
  "source",
  "account",
  "remoteId",
  "email",
  "displayName",
  "active",
  "admin",
  "lastLoginAt",
  "grantsRead",
  "project",
  "projectName",
  "role",
  "level",
  "viaType",
  "viaId",
  "viaName",
] as const;

export const CHANGE_COLUMNS = [
  "from",
  "to",
  "kind",
  "origin",
  "source",
  "account",
  "remoteId",
  "email",
  "displayName",
  "person",
  "project",
  "projectName",
  "roleBefore",
  "levelBefore",
  "roleAfter",
  "levelAfter",
  "viaType",
  "viaId",
  "viaName",
  "groupType",
  "groupId",
  "groupName",
  "auditEvent",
  "auditAt",
  "auditCaller",
  "auditOperation",
  "auditAction",
] as const;

export const FINDING_COLUMNS = [
  "snapshot",
  "kind",
  "person",
  "personBasis",
  "source",
  "account",
  "remoteId",
  "email",
  "displayName",
  "active",
  "admin",
  "lastLoginAt",
  "createdAt",
  "daysSinceLogin",
  "levels",
  "grantCount",
  "membershipCount",
  "inactiveAccounts",
  "reason",
] as const;

/** One row per grant of each account; an account without grants (or whose grants were not read:
 *  `grantsRead` false) is one row with the grant's columns empty. */
export function* accessRows(snapshot: string, a: MatrixAccount): Generator<Row> {
  const base = {
    snapshot,
    person: a.personKey,
    personBasis: a.personBasis,
    source: a.sourceId,
    account: toGlobalId(a.sourceId, "User", a.remoteId),
    remoteId: a.remoteId,
    email: a.email,
    displayName: a.displayName,
    active: a.active,
    admin: a.admin,
    lastLoginAt: a.lastLoginAt,
    grantsRead: a.grants !== null,
  };
  if (!a.grants || a.grants.length === 0) {
    yield base;
    return;
  }
  for (const g of a.grants)
    yield {
      ...base,
      // "*": an instance-wide role (no project).
      project: g.projectId ?? "*",
      projectName: g.projectName,
      role: g.role,
      level: g.level,
      viaType: g.via?.type ?? null,
      viaId: g.via?.id ?? null,
      viaName: g.via?.name ?? null,
    };
}

export function changeRow(from: string, to: string, c: LinkedChange): Row {
  return {
    from,
    to,
    kind: c.kind,
    origin: c.origin,
    source: c.sourceId,
    account: toGlobalId(c.sourceId, "User", c.remoteId),
    remoteId: c.remoteId,
    email: c.email,
    displayName: c.displayName,
    person: c.personKey,
    project: c.project ? (c.project.id ?? "*") : null,
    projectName: c.project?.name ?? null,
    roleBefore: c.before?.role ?? null,
    levelBefore: c.before?.level ?? null,
    roleAfter: c.after?.role ?? null,
    levelAfter: c.after?.level ?? null,
    viaType: c.via?.type ?? null,
    viaId: c.via?.id ?? null,
    viaName: c.via?.name ?? null,
    groupType: c.container?.kind ?? null,
    groupId: c.container?.id ?? null,
    groupName: c.container?.name ?? null,
    auditEvent: c.auditEvent?.id ?? null,
    auditAt: c.auditEvent?.at ?? null,
    auditCaller: c.auditEvent?.caller ?? null,
    auditOperation: c.auditEvent?.operation ?? null,
    auditAction: c.auditEvent?.action ?? null,
  };
}

export function findingRow(snapshot: string, f: Finding): Row {
  return {
    snapshot,
    kind: f.kind,
    person: f.personKey,
    personBasis: f.personBasis,
    source: f.sourceId,
    account: toGlobalId(f.sourceId, "User", f.remoteId),
    remoteId: f.remoteId,
    email: f.email,
    displayName: f.displayName,
    active: f.active,
    admin: f.admin,
    lastLoginAt: f.lastLoginAt,
    createdAt: f.createdAt,
    daysSinceLogin: f.daysSinceLogin,
    levels: f.levels,
    grantCount: f.grantCount,
    membershipCount: f.membershipCount,
    inactiveAccounts: f.inactiveAccounts,
    reason: f.reason,
  };
}
