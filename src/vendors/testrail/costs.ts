import {
  type Calls,
  type DirectoryFloor,
  NO_CALLS,
  narrowsUsers,
  pages,
  type SourceCosts,
  type SourceSize,
  some,
} from "../costs.js";
import { MAX_PAGE } from "./client.js";
import type { TestRailConfig } from "./config.js";

/**
 * What TestRail reads cost (README "Batching and the floor"): get_projects, get_groups and get_roles
 * once per operation, a project's roles one get_users/{project} per project (counted as one page:
 * a project with more members than a page costs a call more per page), users by id one get_user
 * each (once per operation: the client memoises by URL) until the whole list's pages are fewer.
 */
export function testRailCosts(config: TestRailConfig): SourceCosts {
  const pageSize = Math.min(config.pageSize ?? MAX_PAGE, MAX_PAGE);
  const projects = (s: SourceSize) => ({ projects: pages(s.projects, pageSize) });
  const groups = (s: SourceSize): Calls => ({ shared: { groups: pages(s.groups, pageSize) } });
  const userList = (s: SourceSize) => ({ users: pages(s.users, pageSize) });
  const usersById = (keys: number, s: SourceSize): Calls =>
    keys > pages(s.users, pageSize) ? { shared: userList(s) } : { shared: { user: some(keys, s.users) } };
  const permissionsOfUsers = (_keys: number, s: SourceSize): Calls => ({
    shared: { ...projects(s), roles: 1, "project-members": s.projects },
  });
  const permissionsOfProjects = (keys: number, s: SourceSize): Calls => ({
    shared: { roles: 1, "project-members": some(keys, s.projects) },
  });
  return {
    list: {
      users: (positions, filter, s) => {
        if (filter.email !== undefined || filter.login !== undefined) return { calls: 1 };
        return { calls: pages(narrowsUsers(filter) ? Math.max(positions, s.users) : positions, pageSize) };
      },
      groups: (_positions, _filter, s) => groups(s),
      projects: (_positions, _filter, s) => ({ shared: projects(s) }),
    },
    byIds: {
      users: usersById,
      groups: (keys, s) => (keys === 1 ? { calls: 1 } : groups(s)),
      projects: (keys, s) => (keys === 1 ? { calls: 1 } : { shared: projects(s) }),
      permissions: permissionsOfUsers,
    },
    relations: {
      "User.teams": () => NO_CALLS,
      "User.groups": (_keys, s) => groups(s),
      "User.projects": permissionsOfUsers,
      "User.permissions": permissionsOfUsers,
      "Team.members": () => NO_CALLS,
      // Member ids from the group list, then one user batch: at most the whole list's pages.
      "Group.members": (_keys, s) => ({ shared: { ...groups(s).shared, ...userList(s) } }),
      "Project.members": (keys, s) => ({
        shared: { ...permissionsOfProjects(keys, s).shared, ...userList(s) },
      }),
      "Project.permissions": permissionsOfProjects,
      "Permission.user": (keys, s) => usersById(Math.min(keys, s.users), s),
      "Permission.project": (_keys, s) => ({ shared: projects(s) }),
      // TestRail's listing does not say whether a group gave the role: `via` is always null.
      "Permission.via": () => NO_CALLS,
    },
    status: { calls: 1 },
  };
}

/** The directory's floor (README "Batching and the floor"). */
export const testRailFloor: DirectoryFloor = {
  calls: (s) =>
    pages(s.users, MAX_PAGE) + 3 + s.membersPerProject.reduce((n, m) => n + pages(m, MAX_PAGE), 0),
  reason:
    "get_users pages (250 max) + get_groups + get_projects + get_roles + get_users/{project_id} pages per project (a user's project role appears only there)",
  directoryDepth: (s) =>
    Math.max(
      pages(s.users, MAX_PAGE),
      1 + Math.max(1, ...s.membersPerProject.map((m) => pages(m, MAX_PAGE))),
    ),
  lookupDepth: (s) => 1 + Math.max(1, ...s.membersPerProject.map((m) => pages(m, MAX_PAGE))),
  depthReason:
    "get_users pages follow `_links.next` (no total); project roles need get_projects first, not the users",
};
