/**
 * One page of a source's accounts as a snapshot stores them: each account with its grants (project,
 * role, level, via) and memberships, and the person it joins. Read through the source's loaders —
 * one batch per page and relation — and never guessed: a relation the source can't read is null
 * (unknown) for its accounts, one it has none of (no teams) is none.
 */
import type { SourceSession } from "../loaders/source-session.js";
import { ErrorCode, isNotFound, SourceError } from "../model/errors.js";
import type { GroupRecord, PermissionRecord, TeamRecord, UserRecord } from "../model/records.js";
import { accountId, emailKeyOf, type LinkIndex, personKeyOf } from "../people/join.js";
import { withProjects } from "../plans/read-state.js";
import {
  PersonBasis,
  type SnapshotAccount,
  type SnapshotGrant,
  type SnapshotMembership,
} from "./snapshot.js";

/** What one account's relation read answered: the list, unknown (null), or the source's failure. */
type Read<V> = V[] | null;

/**
 * A relation's answer for one account: an account gone since its page was listed, or a relation
 * the source's instance does not serve, is unknown (null) for that account; any other failure is
 * the source's, and fails its part of the snapshot (thrown).
 */
function settle<V>(result: V[] | Error | undefined): Read<V> {
  if (result === undefined) return null;
  if (!(result instanceof Error)) return result;
  if (isNotFound(result)) return null;
  if (result instanceof SourceError && result.code === ErrorCode.UNSUPPORTED_BY_SOURCE) return null;
  throw result;
}

const grantOf = (p: PermissionRecord): SnapshotGrant => ({
  projectId: p.projectId,
  projectName: p.projectId === null ? null : (p.project?.name ?? null),
  role: p.role,
  level: p.level,
  via: p.via ? { type: p.via.type === "Group" ? "GROUP" : "TEAM", remoteId: p.via.remoteId } : null,
});

const memberships = (
  groups: Read<GroupRecord>,
  teams: Read<TeamRecord>,
): readonly SnapshotMembership[] | null =>
  groups === null || teams === null
    ? null
    : [
        ...groups.map((g) => ({ kind: "GROUP" as const, containerId: g.remoteId, containerName: g.name })),
        ...teams.map((t) => ({ kind: "TEAM" as const, containerId: t.remoteId, containerName: t.name })),
      ];

/** How an account joins its person: its link, else its email, else itself (people/join.ts). */
export function personOf(user: UserRecord, links: LinkIndex): { key: string; basis: PersonBasis } {
  const key = personKeyOf(user, links);
  if (links.has(accountId(user))) return { key, basis: PersonBasis.LINK };
  return { key, basis: emailKeyOf(user) === null ? PersonBasis.NONE : PersonBasis.EMAIL };
}

/** The page's accounts with their relations, read in one batch per relation. */
export async function readAccounts(
  session: SourceSession,
  users: readonly UserRecord[],
  links: LinkIndex,
): Promise<SnapshotAccount[]> {
  const ids = users.map((u) => u.remoteId);
  const none = () => ids.map(() => [] as never[]);
  const [permissions, groups, teams] = await Promise.all([
    // No permission reader: the source can't say who holds what (null), never "nothing".
    session.permissionsOfUser
      ? session.permissionsOfUser.loadMany(ids).then((lists) => withProjects(session, lists))
      : ids.map(() => undefined),
    // No group or team reader: the source has none of them, so nobody is a member of one.
    session.groupsOfUser ? session.groupsOfUser.loadMany(ids) : none(),
    session.teamsOfUser ? session.teamsOfUser.loadMany(ids) : none(),
  ]);
  return users.map((user, i) => {
    const person = personOf(user, links);
    const grants = settle(permissions[i]);
    return {
      sourceId: user.sourceId,
      remoteId: user.remoteId,
      personKey: person.key,
      personBasis: person.basis,
      email: user.email,
      login: user.login,
      displayName: user.displayName,
      active: user.active,
      admin: user.admin,
      lastLoginAt: user.lastLoginAt,
      createdAt: user.createdAt,
      archived: user.archived === true,
      grants: grants === null ? null : grants.map(grantOf),
      memberships: memberships(settle(groups[i]), settle(teams[i])),
    };
  });
}
