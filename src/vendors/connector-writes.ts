/**
 * The write half of the vendor contract. Every member is optional: a vendor without it is reported
 * as UNSUPPORTED_BY_SOURCE for that operation (and its capabilities say so up front).
 *
 * Rules every writer keeps (the shared parts are written once in ./write-rules/, and
 * test/contract/writes.contract.test.ts checks them for every vendor):
 * - Send a write once (the shared HTTP client never retries non-GET requests). When its outcome is
 *   unknown (timeout, reset, 5xx, an unreadable answer), read to settle it (`sendOnceThenSettle`):
 *   what the read shows is the answer; never send it again.
 * - Validate what only the vendor knows (its role names, its required fields) with reads BEFORE the
 *   write, throwing `InputError(message, field)` with the unified input field (`input.role`, …); a
 *   vendor refusal that names a field becomes that input error too (`asInputError`).
 * - Never create a duplicate: `invite` looks the email up first and answers ALREADY_EXISTS.
 * - Answer with the object as it now stands (re-read it when the vendor's write answer is partial),
 *   and say what the write found: a change to what is already so is UNCHANGED and sends nothing.
 * - Throw `ConflictError` for a stale version token, `UnsupportedError` for what the vendor can't do,
 *   `NotFoundError` for unknown ids; any other failure is the HTTP client's `SourceError`.
 * - Batch what the vendor can batch (one call for many ids), choosing the grouping inside the folder.
 */
import type { GroupRecord, PermissionRecord, TeamRecord, UserRecord } from "../model/records.js";
import type { BatchResult, RequestScope } from "./connector.js";

export interface NewUser {
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
  /** The vendor login where it is not the email; defaults to the email. */
  readonly login?: string;
  /** Initial password where the vendor takes one (some set their own without it, some require one). */
  readonly password?: string;
  /** The vendor's instance-wide role or user group by name. */
  readonly globalRole?: string;
  /** Remote ids of this source's groups to join (a vendor that keeps every user in one group needs exactly one). */
  readonly groupIds?: readonly string[];
}

export interface InviteOutcome {
  readonly status: "CREATED" | "ALREADY_EXISTS";
  readonly user: UserRecord;
}

export interface UserChanges {
  readonly email?: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly login?: string;
  readonly globalRole?: string;
  /** Optimistic-concurrency token the caller last read, where the vendor versions its objects. */
  readonly version?: string;
}

export interface UserWriter {
  /** True when invite sends `password` to the vendor. Otherwise Rollcall never passes one and
   *  tells the caller (a warning on the result), so one invite can still span every source. */
  readonly setsPassword?: boolean;
  invite(user: NewUser, scope: RequestScope): Promise<InviteOutcome>;
  update?(userId: string, changes: UserChanges, scope: RequestScope): Promise<UserRecord>;
  /** Deactivate (false) or reactivate (true); each key answers with the user as it now stands.
   *  Rollcall asks only for users not already in that state (the rest are UNCHANGED). */
  setActive?(userIds: readonly string[], active: boolean, scope: RequestScope): BatchResult<UserRecord>;
  /** Delete for good, where the vendor deletes (others deactivate: use setActive). */
  remove?(userIds: readonly string[], scope: RequestScope): BatchResult<true>;
}

export interface ProjectGrant {
  readonly userId: string;
  readonly projectId: string;
  /** The vendor's role/profile/group name; null for the vendor's default role. */
  readonly role: string | null;
}

export interface ProjectRevocation {
  readonly userId: string;
  readonly projectId: string;
}

/** What a grant found and did, with the permission as it now stands. */
export interface GrantOutcome {
  /**
   * CREATED: the user held no role of their own on the project; UPDATED: another role, or one the
   * vendor's reads do not name (then a warning says so); UNCHANGED: that role already, and nothing
   * was sent.
   */
  readonly status: "CREATED" | "UPDATED" | "UNCHANGED";
  readonly permission: PermissionRecord;
  /** What the caller should know, e.g. that the vendor does not say which role was held before. */
  readonly warnings?: readonly string[];
}

/** What a revocation found: DELETED (taken away), or UNCHANGED (there was none to take; nothing sent). */
export type RevokeOutcome = "DELETED" | "UNCHANGED";

export interface AccessWriter {
  /** The role names `grant` accepts, and the one a null role means (checked before any write). */
  projectRoles(
    scope: RequestScope,
  ): Promise<{ readonly names: readonly string[]; readonly defaultRole: string | null }>;
  /** Each grant answers what it found and the permission as it now stands. Group grants into as
   *  few calls as the vendor allows. */
  grant(grants: readonly ProjectGrant[], scope: RequestScope): BatchResult<GrantOutcome>;
  revoke(revocations: readonly ProjectRevocation[], scope: RequestScope): BatchResult<RevokeOutcome>;
}

/** A membership change: UPDATED, or UNCHANGED when everyone already was (or wasn't) a member and
 *  nothing was sent; with the object as it now stands. */
export interface MembershipOutcome<T> {
  readonly status: "UPDATED" | "UNCHANGED";
  readonly now: T;
}

export interface TeamMembershipWriter {
  /** Answers with the user's teams after the change. */
  join(
    userId: string,
    teamIds: readonly string[],
    scope: RequestScope,
  ): Promise<MembershipOutcome<TeamRecord[]>>;
  leave(
    userId: string,
    teamIds: readonly string[],
    scope: RequestScope,
  ): Promise<MembershipOutcome<TeamRecord[]>>;
}

export interface NewGroup {
  readonly name: string;
  readonly description?: string;
  /** What membership grants, in the vendor's words. */
  readonly grants?: readonly string[];
  /** Remote ids of initial members. */
  readonly userIds?: readonly string[];
}

export interface GroupChanges {
  readonly name?: string;
  readonly description?: string;
  readonly grants?: readonly string[];
  readonly version?: string;
}

export interface GroupWriter {
  create(group: NewGroup, scope: RequestScope): Promise<GroupRecord>;
  update(groupId: string, changes: GroupChanges, scope: RequestScope): Promise<GroupRecord>;
  remove(groupId: string, scope: RequestScope): Promise<void>;
  /** Answers with the group as it now stands; its members are then readable through the loaders. */
  addMembers(
    groupId: string,
    userIds: readonly string[],
    scope: RequestScope,
  ): Promise<MembershipOutcome<GroupRecord>>;
  /** Absent where a user can't be in no group: UNSUPPORTED_BY_SOURCE. */
  removeMembers?(
    groupId: string,
    userIds: readonly string[],
    scope: RequestScope,
  ): Promise<MembershipOutcome<GroupRecord>>;
}

/** The write operations a source may decline, for `ConnectorWrites.unsupported` (where a source
 *  lacks its group writer altogether, the `groups` reason also answers removeUsersFromGroup). */
export type WriteOperation =
  | "inviteUser"
  | "updateUser"
  | "deactivateUser"
  | "reactivateUser"
  | "deleteUsers"
  | "projectAccess"
  | "teamMembership"
  | "groups"
  | "removeUsersFromGroup";

export interface ConnectorWrites {
  readonly users?: UserWriter;
  readonly access?: AccessWriter;
  readonly teams?: TeamMembershipWriter;
  readonly groups?: GroupWriter;
  /** Why the vendor can't do an operation it lacks, and what to do instead (shown in the
   *  UNSUPPORTED_BY_SOURCE error), e.g. "it only disables accounts: use setUserActive". */
  readonly unsupported?: Partial<Record<WriteOperation, string>>;
}
