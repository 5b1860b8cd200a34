/**
 * The live state of a person's accounts, as planners read it: each account's permissions (with
 * their projects), groups and teams, through the request's loaders — one batch per source and
 * relation, however many accounts (the batching floor, never a call per account). A read that fails
 * stays an Error in its place: a planner never takes a failed read for "nothing there".
 */
import type { RequestContext } from "../loaders/request-context.js";
import type { SettledLoader, SourceSession } from "../loaders/source-session.js";
import { UnsupportedError } from "../model/errors.js";
import type { PermissionRecord, UserRecord } from "../model/records.js";
import type { AccountState } from "./plan.js";

/** The accounts' relation lists; a source without the relation at all (a vendor without teams)
 *  holds none, while one without a permission reader can't say: that is an error, not "none". */
function loadAll<V>(
  loader: SettledLoader<V[]> | undefined,
  ids: readonly string[],
  missing: () => Error | V[],
): Promise<Array<V[] | Error>> {
  return loader ? loader.loadMany(ids) : Promise.resolve(ids.map(missing));
}

/** Permissions with their projects attached, where the vendor did not send them alongside (one
 *  batch per source; a project that can't be read leaves its permission as it was). */
export async function withProjects(
  session: SourceSession,
  lists: ReadonlyArray<PermissionRecord[] | Error>,
): Promise<Array<PermissionRecord[] | Error>> {
  const wanted = new Set<string>();
  for (const list of lists)
    if (!(list instanceof Error))
      for (const p of list) if (p.projectId !== null && !p.project) wanted.add(p.projectId);
  if (wanted.size === 0 || !session.projects) return [...lists];
  const ids = [...wanted];
  const loaded = await session.loadProjects(ids);
  const byId = new Map(ids.map((id, i) => [id, loaded[i]]));
  return lists.map((list) =>
    list instanceof Error
      ? list
      : list.map((p) => {
          const project = p.projectId === null ? undefined : byId.get(p.projectId);
          return project && !(project instanceof Error) ? { ...p, project } : p;
        }),
  );
}

export async function readAccountStates(
  ctx: RequestContext,
  accounts: readonly UserRecord[],
): Promise<AccountState[]> {
  const bySource = new Map<string, UserRecord[]>();
  for (const account of accounts)
    bySource.set(account.sourceId, [...(bySource.get(account.sourceId) ?? []), account]);
  const states = new Map<UserRecord, AccountState>();
  await Promise.all(
    [...bySource].map(async ([sourceId, users]) => {
      const session = ctx.session(sourceId);
      const { vendor } = session.connector.source;
      const ids = users.map((u) => u.remoteId);
      const [permissions, groups, teams] = await Promise.all([
        loadAll(
          session.permissionsOfUser,
          ids,
          () =>
            new UnsupportedError(sourceId, vendor, `Rollcall can't read permissions in source "${sourceId}"`),
        ).then((lists) => withProjects(session, lists)),
        loadAll(session.groupsOfUser, ids, () => []),
        loadAll(session.teamsOfUser, ids, () => []),
      ]);
      for (const [i, user] of users.entries())
        states.set(user, {
          user,
          permissions: permissions[i] as AccountState["permissions"],
          groups: groups[i] as AccountState["groups"],
          teams: teams[i] as AccountState["teams"],
        });
    }),
  );
  return accounts.map((account) => states.get(account) as AccountState);
}
