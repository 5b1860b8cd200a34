import { isNotFound } from "../../model/errors.js";
import type { PermissionRecord, ProjectRecord } from "../../model/records.js";
import { eachKey } from "../batch.js";
import type { BatchResult, PermissionReader, RequestScope } from "../connector.js";
import type { SquashClient } from "./client.js";
import {
  toClearancePermissions,
  toGlobalPermission,
  toProjectPermission,
  toUserPermissions,
  userClearances,
} from "./mapper.js";
import type { RawClearances } from "./raw-types.js";
import type { SquashReads } from "./reads.js";

/**
 * Project permissions in project-id order, whichever way they were read: `/users/{id}/permissions`
 * groups them by permission group, clearances come project by project. One order keeps a user's
 * relations (and the index cursors that page them) the same in every operation.
 */
const byProjectId = (a: PermissionRecord, b: PermissionRecord) =>
  Number(a.projectId) - Number(b.projectId) || String(a.projectId).localeCompare(String(b.projectId));

/**
 * Who holds which permission group where. Two ways to read it: per user
 * (`GET /users/{id}/permissions`, projects embedded) or per project (`GET /projects/{id}/clearances`,
 * REFERENCE §2.2 [C2]). A batch takes the one with fewer calls: N users cost N calls one way and
 * P (the projects) the other. Both build their records with the same mapper, so they agree.
 */
export function createPermissionReader(
  client: SquashClient,
  reads: SquashReads,
  sourceId: string,
): PermissionReader {
  async function perUser(userIds: readonly string[], scope: RequestScope): BatchResult<PermissionRecord[]> {
    const users = await scope.loadUsers(userIds);
    return eachKey(userIds, async (userId, i) => {
      const raw = await client.getUserPermissions(userId);
      const permissions = toUserPermissions(raw, userId, sourceId).sort(byProjectId);
      scope.prime(permissions.flatMap((p) => (p.project ? [p.project] : [])));
      const user = users[i];
      const global = user && !(user instanceof Error) ? toGlobalPermission(user) : null;
      return global ? [global, ...permissions] : permissions;
    });
  }

  /** Every project's direct holders, by user id, read once per request. */
  function byUser(
    projects: readonly ProjectRecord[],
    scope: RequestScope,
  ): Promise<ReadonlyMap<string, PermissionRecord[]>> {
    return scope.once("squash:permissions-by-user", async () => {
      const clearances = await Promise.all(
        projects.map((p) =>
          // A project deleted since the list was read has no holders any more.
          reads.clearances(scope, p.remoteId).catch((error: unknown): RawClearances | null => {
            if (isNotFound(error)) return null;
            throw error;
          }),
        ),
      );
      const out = new Map<string, PermissionRecord[]>();
      projects.forEach((project, i) => {
        const raw = clearances[i];
        if (!raw) return;
        for (const { group, holder } of userClearances(raw)) {
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
    projects: readonly ProjectRecord[],
    scope: RequestScope,
  ): BatchResult<PermissionRecord[]> {
    const [users, held] = await Promise.all([scope.loadUsers(userIds), byUser(projects, scope)]);
    return users.map((user) => {
      if (user instanceof Error) return user;
      const onProjects = [...(held.get(user.remoteId) ?? [])].sort(byProjectId);
      const global = toGlobalPermission(user);
      return global ? [global, ...onProjects] : onProjects;
    });
  }

  return {
    async ofUsers(userIds, scope) {
      // One user: one call, and the project list would be a second.
      if (userIds.length < 2) return perUser(userIds, scope);
      const projects = await reads.projects(scope);
      return userIds.length > projects.length
        ? perProject(userIds, projects, scope)
        : perUser(userIds, scope);
    },

    ofProjects: (projectIds, scope) =>
      eachKey(projectIds, async (projectId) =>
        toClearancePermissions(await reads.clearances(scope, projectId), projectId, sourceId),
      ),
  };
}
