import { type Calls, NO_CALLS, narrowsUsers, pages, type SourceCosts, type SourceSize } from "../costs.js";
import type { QTestConfig } from "./config.js";
import { BULK_USER_LOOKUP, MAX_PAGE_SIZE } from "./connector.js";

/**
 * What qTest reads cost (README "Batching and the floor"): the project list, the group list and
 * the profile list are one call each per operation, a project's members one call per project, so a
 * user's permissions cost the whole instance's projects once, whoever asks. Users by id are one
 * GET each up to BULK_USER_LOOKUP, then one unpaged read of everyone.
 */
export function qtestCosts(config: QTestConfig): SourceCosts {
  const pageSize = Math.min(config.pageSize ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE);
  const projects: Calls = { shared: { projects: 1 } };
  const groups: Calls = { shared: { groups: 1 } };
  const usersById = (keys: number): Calls =>
    keys > BULK_USER_LOOKUP ? { shared: { "all-users": 1 } } : { calls: keys };
  const memberUsers = (s: SourceSize) => usersById(Math.min(BULK_USER_LOOKUP, s.users));
  const permissionsOfUsers = (_keys: number, s: SourceSize): Calls => ({
    shared: { projects: 1, profiles: 1, "project-members": s.projects },
  });
  const permissionsOfProjects = (keys: number, s: SourceSize): Calls => ({
    shared: { projects: 1, profiles: 1, "project-members": Math.min(keys, s.projects) },
  });
  return {
    list: {
      users: (positions, filter, s) => {
        // A login or email is a username search: one small answer, filtered by Rollcall.
        if (filter.login !== undefined || filter.email !== undefined) return { calls: 1 };
        // `active: true` and includeArchived push down; anything else scans the whole list.
        const exact = !narrowsUsers(filter) || (filter.active === true && filter.nameContains === undefined);
        return { calls: pages(exact ? positions : Math.max(positions, s.users), pageSize) };
      },
      groups: () => groups,
      projects: () => projects,
    },
    byIds: {
      users: usersById,
      groups: () => groups,
      projects: () => projects,
      permissions: permissionsOfUsers,
    },
    relations: {
      "User.teams": () => NO_CALLS,
      "User.groups": () => groups,
      "User.projects": permissionsOfUsers,
      "User.permissions": permissionsOfUsers,
      "Team.members": () => NO_CALLS,
      // Members come as summaries: the full records through the user loader, one batch.
      "Group.members": (_keys, s) => ({ ...memberUsers(s), shared: { groups: 1, ...memberUsers(s).shared } }),
      "Project.members": (keys, s) => {
        const members = memberUsers(s);
        return {
          calls: members.calls,
          shared: { ...permissionsOfProjects(keys, s).shared, ...members.shared },
        };
      },
      "Project.permissions": permissionsOfProjects,
      "Permission.user": (keys, s) => usersById(Math.min(keys, s.users)),
      // Read with the user's permissions, the project comes along; with a project's, from the list.
      "Permission.project": () => projects,
      "Permission.via": () => groups,
    },
    status: { calls: 1 },
  };
}
