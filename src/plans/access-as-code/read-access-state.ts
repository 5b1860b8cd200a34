/**
 * Reads what the access planner compares the desired state with, through the request's loaders:
 * the sources' lists the file's names are resolved against (read-catalogue.ts), each listed
 * person's accounts (findPerson: a link wins over the email, as everywhere) with what they hold
 * (read-state.ts: one batch per source and relation), and who holds each exclusive project, group
 * and team (one batch per source). A read that fails stays an Error in its place.
 */
import type { RequestContext } from "../../loaders/request-context.js";
import type { SettledLoader } from "../../loaders/source-session.js";
import { UnsupportedError } from "../../model/errors.js";
import type { PermissionRecord, UserRecord } from "../../model/records.js";
import { findPerson } from "../../people/find-person.js";
import { accountId, indexLinks, type LinkIndex, personKeyOf } from "../../people/join.js";
import { linkStoreOf } from "../../people/links.js";
import type { AccountState } from "../plan.js";
import { readCatalogue } from "../read-catalogue.js";
import { readAccountStates } from "../read-state.js";
import { abilitiesOf } from "../source-abilities.js";
import type { Catalogs, SourceCatalog } from "./catalog.js";
import type { DesiredStateFile } from "./desired-state.schema.js";
import type { AccessLiveState, Holder, ProjectHolder } from "./live-access.js";
import { catalogNeeds } from "./resolve-desired-state.js";
import { type ExclusiveTarget, isUnchecked, type ResolvedDesiredState, targetKey } from "./resolved-state.js";

/**
 * Every selected source's abilities (an entry naming no source, `active: false` alone, concerns them
 * all), with the lists the file's names need where it names them.
 */
export async function readCatalogs(
  ctx: RequestContext,
  file: DesiredStateFile,
  selected: readonly string[],
): Promise<Catalogs> {
  const needs = catalogNeeds(file, selected);
  const read = await Promise.all(
    selected.map(async (sourceId): Promise<SourceCatalog> => {
      const session = ctx.session(sourceId);
      return {
        id: sourceId,
        abilities: abilitiesOf(session.connector),
        ...(await readCatalogue(
          session,
          needs.get(sourceId) ?? { projects: false, groups: false, teams: false },
        )),
      };
    }),
  );
  return new Map(read.map((catalog) => [catalog.id, catalog]));
}

/** The person an account belongs to, as the person join keys it: a link, else its email. */
function holderOf(userId: string, user: UserRecord | Error, sourceId: string, links: LinkIndex): Holder {
  if (!(user instanceof Error)) return { userId, user, personKey: personKeyOf(user, links) };
  // Unread: a link still says whose it is; otherwise nobody can tell.
  return {
    userId,
    user: null,
    personKey: links.get(accountId({ sourceId, remoteId: userId }))?.personKey ?? null,
  };
}

/** Each listed person's accounts in the sources the plan needs them in, with what they hold. */
async function readPeople(
  ctx: RequestContext,
  desired: ResolvedDesiredState,
): Promise<AccessLiveState["accounts"]> {
  const wanted = desired.people
    .map((person) => ({
      person,
      sources: new Set([
        ...person.accountSources,
        ...(person.active === undefined ? [] : person.activeSources),
      ]),
    }))
    .filter(({ sources }) => sources.size > 0);
  const found = await Promise.all(wanted.map(({ person }) => findPerson(ctx, { email: person.key })));
  const accounts = found.flatMap((person, i) =>
    (person?.accounts ?? []).filter((a) => wanted[i]?.sources.has(a.sourceId)),
  );
  // Every account's access in one batch per source and relation, however many people.
  const states = await readAccountStates(ctx, accounts);
  const stateOf = new Map(states.map((state) => [state.user, state]));
  return new Map(
    wanted.map(({ person, sources }, i) => {
      const joined = found[i];
      const bySource = new Map<string, readonly AccountState[] | Error>();
      for (const sourceId of sources) {
        const failure = joined?.sourceErrors?.find((e) => e.sourceId === sourceId);
        bySource.set(
          sourceId,
          failure ??
            (joined?.accounts ?? [])
              .filter((a) => a.sourceId === sourceId)
              .map((a) => stateOf.get(a) as AccountState),
        );
      }
      return [person.key, bySource];
    }),
  );
}

/** Loads the keys of one relation of one source, batched; a source without it can't say. */
async function loadRelation<V>(
  loader: SettledLoader<V> | undefined,
  ids: readonly string[],
  missing: () => Error,
): Promise<Array<V | Error>> {
  return loader ? loader.loadMany(ids) : ids.map(missing);
}

/** Who holds each exclusive project: the permissions on it, and the accounts behind them. */
async function readProjectHolders(
  ctx: RequestContext,
  exclusive: readonly ExclusiveTarget[],
  links: LinkIndex,
): Promise<Map<string, readonly ProjectHolder[] | Error>> {
  const holders = new Map<string, readonly ProjectHolder[] | Error>();
  await Promise.all(
    [...bySource(exclusive)].map(async ([sourceId, targets]) => {
      const session = ctx.session(sourceId);
      const { vendor } = session.connector.source;
      const ids = targets.map((t) => t.id);
      const lists = await loadRelation(
        session.permissionsOfProject,
        ids,
        () =>
          new UnsupportedError(
            sourceId,
            vendor,
            `Rollcall can't read who holds a project in source "${sourceId}"`,
          ),
      );
      const userIds = [
        ...new Set(lists.flatMap((list) => (list instanceof Error ? [] : list.map((p) => p.userId)))),
      ];
      const users = await session.loadUsers(userIds);
      const userOf = new Map(
        userIds.map((id, i) => [id, users[i] ?? new Error(`account ${id} was not read`)]),
      );
      for (const [i, target] of targets.entries()) {
        const list = lists[i] as PermissionRecord[] | Error;
        if (list instanceof Error) {
          holders.set(targetKey(target), list);
          continue;
        }
        const byUser = new Map<string, PermissionRecord[]>();
        for (const p of list) byUser.set(p.userId, [...(byUser.get(p.userId) ?? []), p]);
        holders.set(
          targetKey(target),
          [...byUser].map(([userId, permissions]) => ({
            ...holderOf(userId, userOf.get(userId) as UserRecord | Error, sourceId, links),
            permissions,
          })),
        );
      }
    }),
  );
  return holders;
}

/** The members of each exclusive group or team. */
async function readMembers(
  ctx: RequestContext,
  kind: "group" | "team",
  exclusive: readonly ExclusiveTarget[],
  links: LinkIndex,
): Promise<Map<string, readonly Holder[] | Error>> {
  const members = new Map<string, readonly Holder[] | Error>();
  await Promise.all(
    [...bySource(exclusive)].map(async ([sourceId, targets]) => {
      const session = ctx.session(sourceId);
      const { vendor } = session.connector.source;
      const lists = await loadRelation(
        kind === "group" ? session.groupMembers : session.teamMembers,
        targets.map((t) => t.id),
        () =>
          new UnsupportedError(
            sourceId,
            vendor,
            `Rollcall can't read the members of a ${kind} in source "${sourceId}"`,
          ),
      );
      targets.forEach((target, i) => {
        const list = lists[i] as UserRecord[] | Error;
        members.set(
          targetKey(target),
          list instanceof Error ? list : list.map((user) => holderOf(user.remoteId, user, sourceId, links)),
        );
      });
    }),
  );
  return members;
}

/** The checked exclusive targets by source (unchecked ones are planned impossible, nothing to read). */
function bySource(
  exclusive: readonly ExclusiveTarget[],
): Map<string, Array<{ sourceId: string; id: string }>> {
  const out = new Map<string, Array<{ sourceId: string; id: string }>>();
  for (const { target } of exclusive)
    if (!isUnchecked(target)) out.set(target.sourceId, [...(out.get(target.sourceId) ?? []), target]);
  return out;
}

/** Everything the planner compares the resolved desired state with. */
export async function readLiveAccess(
  ctx: RequestContext,
  desired: ResolvedDesiredState,
): Promise<AccessLiveState> {
  const { projects, groups, teams } = desired.exclusive;
  const exclusive = projects.length + groups.length + teams.length > 0;
  const links = exclusive ? indexLinks(await linkStoreOf(ctx).all()) : new Map();
  const [accounts, projectHolders, groupMembers, teamMembers] = await Promise.all([
    readPeople(ctx, desired),
    readProjectHolders(ctx, projects, links),
    readMembers(ctx, "group", groups, links),
    readMembers(ctx, "team", teams, links),
  ]);
  return { accounts, projectHolders, groupMembers, teamMembers };
}
