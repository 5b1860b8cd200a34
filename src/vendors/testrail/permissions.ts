import type { ProjectRecord, UserRecord } from "../../model/records.js";
import { eachKey } from "../batch.js";
import type { PermissionReader, RequestScope } from "../connector.js";
import { toGlobalPermission, toProject, toProjectPermission } from "./mapper.js";
import type { RawUser } from "./raw-types.js";
import type { TestRailReads } from "./reads.js";

interface Access {
  readonly project: ProjectRecord;
  readonly member: RawUser;
}

/**
 * Who holds which role where. Per-project roles come from `get_users/{project_id}`, which lists
 * each active user with access together with the role that applies in that project, after the
 * project's default role and its user and group overrides (users doc page). `get_project` shows
 * only the overrides (per-user ones on Enterprise only), and resolving them needs precedence rules
 * TestRail does not document; the listing is TestRail's own answer. Inactive and no-access users
 * are left out by TestRail, so they hold only their global role here.
 */
export function testRailPermissions(reads: TestRailReads, sourceId: string): PermissionReader {
  /** user id -> the projects they can access, built once per request from every project's listing. */
  const accessByUser = (scope: RequestScope) =>
    scope.once("testrail:index:project-access", async () => {
      const projects = (await reads.projects(scope)).map((p) => toProject(p, sourceId));
      scope.prime(projects);
      const lists = await Promise.all(projects.map((p) => reads.projectMembers(p.remoteId, scope)));
      const index = new Map<string, Access[]>();
      lists.forEach((members, i) => {
        const project = projects[i] as ProjectRecord;
        for (const member of members) {
          const key = String(member.id);
          const entry = index.get(key);
          if (entry) entry.push({ project, member });
          else index.set(key, [{ project, member }]);
        }
      });
      return index;
    });

  return {
    async ofUsers(userIds, scope) {
      if (userIds.length === 0) return [];
      const shared = Promise.all([scope.loadUsers(userIds), accessByUser(scope), reads.levels(scope)]);
      return eachKey(userIds, async (userId, i) => {
        const [users, access, levels] = await shared;
        const user = users[i] as UserRecord | Error;
        if (user instanceof Error) throw user;
        const global = toGlobalPermission(user.raw as RawUser, sourceId, levels);
        const inProjects = (access.get(userId) ?? []).map(({ project, member }) =>
          toProjectPermission(member, project.remoteId, project, sourceId, levels),
        );
        return [global, ...inProjects];
      });
    },

    ofProjects: (projectIds, scope) =>
      eachKey(projectIds, async (projectId) => {
        const [members, levels] = await Promise.all([
          reads.projectMembers(projectId, scope),
          reads.levels(scope),
        ]);
        return members.map((member) => toProjectPermission(member, projectId, null, sourceId, levels));
      }),
  };
}
