import {
  type GroupRecord,
  PermissionLevel,
  type PermissionRecord,
  permissionRemoteId,
  type UserRecord,
} from "../../model/records.js";
import { isoDate, nonEmpty } from "../mapping.js";
import { canLogIn, groupLevel } from "./levels.js";
import type { RawCustomer, RawUser, RawUserGroup } from "./raw-types.js";

/** "Login, Read, Write" → ["Login", "Read", "Write"] (the doc page separates with comma+space). */
export function parseGrants(value: string | null | undefined): string[] {
  if (!value) return [];
  return value
    .split(",")
    .map((g) => g.trim())
    .filter((g) => g.length > 0);
}

export function toGroup(raw: RawUserGroup, sourceId: string): GroupRecord {
  return {
    kind: "Group",
    sourceId,
    remoteId: raw.Id,
    name: raw.Name,
    description: nonEmpty(raw.Description),
    grants: parseGrants(raw.UsagePermission),
    archived: raw.Archived === true,
    version: raw.DataVersion ?? null,
    raw,
  };
}

/** The customer (tenant) a token belongs to. Rollcall has no record for it; the connector
 *  reads its groups from it and the README names it. */
export interface CustomerSummary {
  readonly remoteId: string;
  readonly name: string;
  readonly version: string | null;
  readonly archived: boolean;
  readonly groups: GroupRecord[];
}

export function toCustomer(raw: RawCustomer, sourceId: string): CustomerSummary {
  return {
    remoteId: raw.Id,
    name: raw.Name,
    version: raw.DataVersion ?? null,
    archived: raw.Archived === true,
    groups: (raw.UserGroups ?? []).map((g) => toGroup(g, sourceId)),
  };
}

/** The payload minus `Password`: always null in answers, but a secret must never reach a record. */
function withoutPassword(raw: RawUser): Omit<RawUser, "Password"> {
  return Object.fromEntries(Object.entries(raw).filter(([k]) => k !== "Password")) as Omit<
    RawUser,
    "Password"
  >;
}

/** The permissions a payload states, or null when it states none (the field absent or null). */
function statedGrants(value: string | null | undefined): string[] | null {
  return typeof value === "string" ? parseGrants(value) : null;
}

/** A user's own usage permissions (the group lists repeat the group's on every user); null when
 *  the payload names none, neither on the user nor on its `UserGroup`. */
export function userGrants(raw: RawUser): string[] | null {
  return statedGrants(raw.UsagePermission) ?? statedGrants(raw.UserGroup?.UsagePermission);
}

export function toUser(raw: RawUser, sourceId: string): UserRecord {
  const grants = userGrants(raw);
  const level = groupLevel(grants);
  const archived = raw.Archived === true;
  return {
    kind: "User",
    sourceId,
    remoteId: raw.Id,
    // Accounts sign in with their email (POST /api/token/login takes `Email`), so it is the login.
    login: nonEmpty(raw.Email),
    email: nonEmpty(raw.Email),
    displayName: nonEmpty(raw.DisplayName) ?? nonEmpty(raw.Email) ?? raw.Id,
    firstName: null,
    lastName: null,
    // [I] No status flag exists: an account is usable when it is not archived and may log in.
    // Without any UsagePermission (every doc example has one) Login can't be seen, so it reads
    // inactive: the model's `active` has no "unknown" (see README, Mapping).
    active: !archived && canLogIn(grants ?? []),
    // Admin or not only when the permissions can be placed (CUSTOM: unknown, null).
    admin: level === PermissionLevel.CUSTOM ? null : level === PermissionLevel.ADMIN,
    lastLoginAt: isoDate(raw.LastLogin),
    createdAt: null,
    updatedAt: null,
    archived,
    version: raw.DataVersion ?? null,
    raw: withoutPassword(raw),
  };
}

/** A user's one permission: their group's usage permissions, valid across the customer. */
export function toGroupPermission(userId: string, group: GroupRecord): PermissionRecord {
  return {
    kind: "Permission",
    sourceId: group.sourceId,
    remoteId: permissionRemoteId(userId, null, group.name),
    userId,
    projectId: null,
    role: group.name,
    // The group's own UsagePermission decides; absent, the vendor didn't say (CUSTOM).
    level: groupLevel(
      typeof (group.raw as RawUserGroup | undefined)?.UsagePermission === "string" ? group.grants : null,
    ),
    via: { type: "Group", remoteId: group.remoteId },
    raw: { UserGroup: group.raw },
  };
}
