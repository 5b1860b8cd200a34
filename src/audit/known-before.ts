/**
 * What a write's targets were before it, as far as the operation can tell without costing the
 * vendor more than it would pay anyway: users through the operation's own loaders (most writers
 * read them through the same loaders, so the read is shared), and relations only when the operation
 * already loaded them. Anything else is unknown (null), never guessed.
 */
import { SourceSession } from "../loaders/source-session.js";
import type { GroupRecord, PermissionRecord, TeamRecord, UserRecord } from "../model/records.js";
import type { RequestScope } from "../vendors/connector.js";

/** Each user of `ids` as it is now, or null where it can't be read (the write then answers for it). */
export async function usersBefore(
  scope: RequestScope,
  ids: readonly string[],
): Promise<Map<string, UserRecord | null>> {
  const unique = [...new Set(ids)];
  const loaded = await scope.loadUsers(unique).catch(() => []);
  const byId = new Map<string, UserRecord | null>();
  for (const [i, id] of unique.entries()) {
    const user = loaded[i];
    byId.set(id, user && !(user instanceof Error) ? user : null);
  }
  return byId;
}

/** A group as it is now, through the operation's loaders where the scope has them; else null. */
export async function groupBefore(scope: RequestScope, id: string): Promise<GroupRecord | null> {
  if (!(scope instanceof SourceSession) || !scope.groups) return null;
  return scope.groups.load(id).catch(() => null);
}

/** A user's permissions, only if the operation already read them. */
export function permissionsLoaded(scope: RequestScope, userId: string): readonly PermissionRecord[] | null {
  return scope instanceof SourceSession ? (scope.permissionsOfUser?.peek(userId) ?? null) : null;
}

/** A user's teams, only if the operation already read them. */
export function teamsLoaded(scope: RequestScope, userId: string): readonly TeamRecord[] | null {
  return scope instanceof SourceSession ? (scope.teamsOfUser?.peek(userId) ?? null) : null;
}

/** A user's groups, only if the operation already read them. */
export function groupsLoaded(scope: RequestScope, userId: string): readonly GroupRecord[] | null {
  return scope instanceof SourceSession ? (scope.groupsOfUser?.peek(userId) ?? null) : null;
}
