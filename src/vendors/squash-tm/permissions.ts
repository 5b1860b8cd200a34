import { ErrorCode, isNotFound, NotFoundError, SourceError } from "../../model/errors.js";
import type { PermissionRecord, ProjectRecord, UserRecord } from "../../model/records.js";
import type { BatchResult, PermissionReader, RequestScope } from "../connector.js";
import type { SquashClient } from "./client.js";
import { isSquashId } from "./ids.js";
import {
  clearanceHolders,
  type ProjectHolder,
  projectPermissionHolders,
  toGlobalPermission,
  toHolderPermissions,
  toProjectPermission,
  toUserPermissions,
} from "./mapper.js";
import * as payloads from "./payloads.js";
import type { RawUserPermissions } from "./raw-types.js";
import type { SquashReads } from "./reads.js";
import { GONE, RouteChoice } from "./route-learning.js";
import { VENDOR } from "./vendor.js";

/** The two ways Squash has served a project's holders, newest first (REFERENCE §2.2). */
type ProjectRoute = "clearances" | "projectPermissions";

/**
 * Project permissions in project-id order, whichever way they were read: `/users/{id}/permissions`
 * groups them by permission group, project reads come project by project. One order keeps a user's
 * relations (and the index cursors that page them) the same in every operation.
 */
const byProjectId = (a: PermissionRecord, b: PermissionRecord) =>
  Number(a.projectId) - Number(b.projectId) || String(a.projectId).localeCompare(String(b.projectId));

/** Who holds what, read whichever way this instance allows; see createPermissionReader. */
export interface SquashPermissions {
  readonly reader: PermissionReader;
  /** What `userId` holds on `projectIds` now, by project id, read the cheapest way the instance
   *  serves (the user's permissions, else those projects' holders): what a write settles with. */
  heldOn(userId: string, projectIds: readonly string[]): Promise<Map<string, PermissionRecord>>;
  /** Whether reading users' permissions may need the project list: not where the instance is
   *  known to serve no project read (then each user's own read embeds the projects). */
  mayNeedProjectList(): boolean;
}

/**
 * Who holds which permission group where. Squash serves it in up to three ways, and an instance
 * may serve any of them (README, "Permissions"): per user (`GET /users/{id}/permissions`, seed
 * page), or per project (`GET /projects/{id}/clearances` [C2], or the older
 * `GET /projects/{id}/permissions` [I]). Which ones this instance serves is learnt once per source
 * (route-learning.ts). A batch takes the way with fewer calls among those served: N users cost N
 * calls one way and P (the projects) the other. All build their records with the same mapper, so
 * they agree. A read that fails is an error in the slot, never an empty list.
 */
export function createPermissionReader(
  client: SquashClient,
  reads: SquashReads,
  sourceId: string,
): SquashPermissions {
  const exists = (read: () => Promise<unknown>) =>
    read().then(
      () => true,
      (error: unknown) => (isNotFound(error) ? false : Promise.reject(error)),
    );
  const perUserRoute = new RouteChoice<"userPermissions", RawUserPermissions>({
    routes: ["userPermissions"],
    read: async (_route, id) => payloads.userPermissions(await client.getUserPermissions(id), sourceId),
    exists: (id) => exists(() => client.getUser(id)),
  });
  const perProjectRoute = new RouteChoice<ProjectRoute, ProjectHolder[]>({
    routes: ["clearances", "projectPermissions"],
    read: async (route, id) =>
      route === "clearances"
        ? clearanceHolders(payloads.clearances(await client.getProjectClearances(id), sourceId))
        : projectPermissionHolders(
            payloads.projectPermissions(await client.getProjectPermissions(id), sourceId),
          ),
    exists: (id) => exists(() => client.getProject(id)),
  });

  const notFound = (what: string, id: string) => new NotFoundError(sourceId, VENDOR, what, id);
  const noRoute = () =>
    new SourceError(
      `Source "${sourceId}" (${VENDOR}) serves none of GET /projects/{id}/clearances, GET /projects/{id}/permissions and GET /users/{id}/permissions: Rollcall cannot read who holds which project there (check the source's configuration, and that its account may read permissions)`,
      { code: ErrorCode.SOURCE_MISCONFIGURED, sourceId, vendor: VENDOR, httpStatus: 404 },
    );

  const withGlobal = (user: UserRecord | Error, onProjects: PermissionRecord[]) => {
    if (user instanceof Error) return user;
    const global = toGlobalPermission(user);
    return global ? [global, ...onProjects] : onProjects;
  };

  /** Per user, one call each; null when the instance does not serve it. */
  async function perUser(
    userIds: readonly string[],
    scope: RequestScope,
  ): Promise<Array<PermissionRecord[] | Error> | null> {
    const [users, answers] = await Promise.all([scope.loadUsers(userIds), perUserRoute.readEach(userIds)]);
    if (answers === null) return null;
    return userIds.map((userId, i) => {
      const answer = answers[i];
      if (answer instanceof Error) return answer;
      if (answer === GONE || answer === undefined) return notFound("User", userId);
      try {
        const permissions = toUserPermissions(answer, userId, sourceId).sort(byProjectId);
        scope.prime(permissions.flatMap((p) => (p.project ? [p.project] : [])));
        return withGlobal(users[i] as UserRecord | Error, permissions);
      } catch (error) {
        return error as Error;
      }
    });
  }

  /** Every listed project's direct holders, by user id, read once per request; null when the
   *  instance serves no project read. A project deleted since the list was read (its by-id read
   *  says so) has no holders any more; any other failure fails the whole map. */
  function holdersByUser(scope: RequestScope): Promise<ReadonlyMap<string, PermissionRecord[]> | null> {
    return scope.once("squash:permissions-by-user", async () => {
      const projects = await reads.projects(scope);
      const answers = await perProjectRoute.readEach(projects.map((p) => p.remoteId));
      if (answers === null) return null;
      const out = new Map<string, PermissionRecord[]>();
      projects.forEach((project: ProjectRecord, i) => {
        const answer = answers[i];
        if (answer instanceof Error) throw answer;
        if (answer === GONE || answer === undefined) return;
        for (const { group, holder } of answer) {
          const userId = String(holder.id);
          const permission = toProjectPermission(userId, group, project);
          const list = out.get(userId);
          if (list) list.push(permission);
          else out.set(userId, [permission]);
        }
      });
      return out;
    });
  }

  async function perProject(
    userIds: readonly string[],
    scope: RequestScope,
  ): Promise<Array<PermissionRecord[] | Error> | null> {
    const [users, held] = await Promise.all([scope.loadUsers(userIds), holdersByUser(scope)]);
    if (held === null) return null;
    return users.map((user) => {
      try {
        return withGlobal(
          user,
          [...(user instanceof Error ? [] : (held.get(user.remoteId) ?? []))].sort(byProjectId),
        );
      } catch (error) {
        return error as Error;
      }
    });
  }

  /** The ways to try for a batch of `n` users, cheapest first among those not known missing. */
  async function ways(n: number, scope: RequestScope): Promise<Array<typeof perUser>> {
    if (perProjectRoute.known === null) return [perUser];
    if (perUserRoute.known === null) return [perProject];
    // One user: one call, where the project list would be a second.
    if (n < 2) return [perUser, perProject];
    const projects = await reads.projects(scope);
    return n > projects.length ? [perProject, perUser] : [perUser, perProject];
  }

  /** Per project, from every user's own permissions: for an instance that serves no project read. */
  function holdersFromUsers(scope: RequestScope): Promise<ReadonlyMap<string, PermissionRecord[]>> {
    return scope.once("squash:permissions-by-project", async () => {
      const users = await reads.users(scope);
      const lists = await perUser(
        users.map((u) => u.remoteId),
        scope,
      );
      if (lists === null) throw noRoute();
      const out = new Map<string, PermissionRecord[]>();
      for (const list of lists) {
        // A user deleted since the list was read holds nothing any more; any other failure fails all.
        if (list instanceof Error) {
          if (isNotFound(list)) continue;
          throw list;
        }
        for (const permission of list) {
          if (permission.projectId === null) continue;
          const { project: _project, ...onProject } = permission;
          out.set(permission.projectId, [...(out.get(permission.projectId) ?? []), onProject]);
        }
      }
      return out;
    });
  }

  const reader: PermissionReader = {
    async ofUsers(userIds, scope) {
      const ids = userIds.filter(isSquashId);
      const answers = new Map<string, PermissionRecord[] | Error>();
      if (ids.length > 0) {
        let found: Array<PermissionRecord[] | Error> | null = null;
        for (const way of await ways(ids.length, scope)) {
          found = await way(ids, scope);
          if (found) break;
        }
        if (!found) throw noRoute();
        for (const [i, id] of ids.entries()) answers.set(id, found[i] as PermissionRecord[] | Error);
      }
      return userIds.map((id) => answers.get(id) ?? notFound("User", id));
    },

    async ofProjects(projectIds, scope): BatchResult<PermissionRecord[]> {
      const ids = projectIds.filter(isSquashId);
      const answers = new Map<string, PermissionRecord[] | Error>();
      const holders = ids.length > 0 ? await perProjectRoute.readEach(ids) : [];
      if (holders !== null) {
        ids.forEach((id, i) => {
          const answer = holders[i];
          answers.set(
            id,
            answer instanceof Error
              ? answer
              : answer === GONE || answer === undefined
                ? notFound("Project", id)
                : toHolderPermissions(answer, id, sourceId),
          );
        });
      } else {
        // No project read on this instance: every user's own permissions, turned around. The
        // projects are checked to exist (primed when they came from the project list).
        const [projects, byProject] = await Promise.all([scope.loadProjects(ids), holdersFromUsers(scope)]);
        ids.forEach((id, i) => {
          const project = projects[i];
          answers.set(
            id,
            project instanceof Error
              ? project
              : [...(byProject.get(id) ?? [])].sort((a, b) => Number(a.userId) - Number(b.userId)),
          );
        });
      }
      return projectIds.map((id) => answers.get(id) ?? notFound("Project", id));
    },
  };

  async function heldOn(
    userId: string,
    projectIds: readonly string[],
  ): Promise<Map<string, PermissionRecord>> {
    if (perUserRoute.known !== null) {
      const [answer] = (await perUserRoute.readEach([userId])) ?? [];
      if (answer instanceof Error) throw answer;
      if (answer === GONE) throw notFound("User", userId);
      if (answer !== undefined)
        return new Map(toUserPermissions(answer, userId, sourceId).map((p) => [p.projectId as string, p]));
    }
    const answers = await perProjectRoute.readEach(projectIds);
    if (answers === null) throw noRoute();
    const out = new Map<string, PermissionRecord>();
    projectIds.forEach((projectId, i) => {
      const answer = answers[i];
      if (answer instanceof Error) throw answer;
      if (answer === GONE || answer === undefined) return;
      const mine = answer.filter((h) => String(h.holder.id) === userId);
      for (const permission of toHolderPermissions(mine, projectId, sourceId)) out.set(projectId, permission);
    });
    return out;
  }

  return { reader, heldOn, mayNeedProjectList: () => perProjectRoute.known !== null };
}
