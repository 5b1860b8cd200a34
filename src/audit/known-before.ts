/**
 * What a write's targets were before it, as far as the operation already knows: what its loaders
 * hold when the write is about to be sent (a resolver or the plan engine read it first, or an
 * earlier field of the operation did). The trail never asks a vendor anything itself, so recording
 * costs no upstream call and leaves every vendor's call counts as they are; what was not read is
 * unknown (null), never guessed.
 */
import { SourceSession } from "../loaders/source-session.js";
import type { GroupRecord, PermissionRecord, TeamRecord, UserRecord } from "../model/records.js";
import type { RequestScope } from "../vendors/connector.js";

const sessionOf = (scope: RequestScope): SourceSession | null =>
  scope instanceof SourceSession ? scope : null;

/** Each user of `ids` the operation has loaded; null where it has not. */
export function usersLoaded(scope: RequestScope, ids: readonly string[]): Map<string, UserRecord | null> {
  const session = sessionOf(scope);
  return new Map(ids.map((id) => [id, session?.users.peek(id) ?? null]));
}

/** A group, if the operation has loaded it. */
export function groupLoaded(scope: RequestScope, id: string): GroupRecord | null {
  return sessionOf(scope)?.groups?.peek(id) ?? null;
}

/** A user's permissions, if the operation has read them. */
export function permissionsLoaded(scope: RequestScope, userId: string): readonly PermissionRecord[] | null {
  return sessionOf(scope)?.permissionsOfUser?.peek(userId) ?? null;
}

/** A user's teams, if the operation has read them. */
export function teamsLoaded(scope: RequestScope, userId: string): readonly TeamRecord[] | null {
  return sessionOf(scope)?.teamsOfUser?.peek(userId) ?? null;
}

/** A user's groups, if the operation has read them. */
export function groupsLoaded(scope: RequestScope, userId: string): readonly GroupRecord[] | null {
  return sessionOf(scope)?.groupsOfUser?.peek(userId) ?? null;
}
