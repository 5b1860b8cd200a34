import {
  type Calls,
  type DirectoryFloor,
  NO_CALLS,
  narrowsUsers,
  pagedDepth,
  pages,
  type SourceCosts,
  type SourceSize,
  some,
} from "../costs.js";
import type { QTestConfig } from "./config.js";
import { BULK_USER_LOOKUP, MAX_PAGE_SIZE } from "./connector.js";

/**
 * What qTest reads cost (README "Batching and the floor"): the project list, the group list and
 * the profile list are one call each per operation, a project's members one call per project, so a
 * user's permissions cost the whole instance's projects once, whoever asks. Users by id are one
 * GET each up to BULK_USER_LOOKUP in a batch, then one unpaged read of everyone.
 */
export function qtestCosts(config: QTestConfig): SourceCosts {
  const pageSize = Math.min(config.pageSize ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE);
  const projects: Calls = { shared: { projects: 1 } };
  const groups: Calls = { shared: { groups: 1 } };
  // Each id is read once per operation (the user loader's cache).
  const usersById = (keys: number, s: SourceSize): Calls =>
    keys > BULK_USER_LOOKUP ? { shared: { "all-users": 1 } } : { shared: { user: some(keys, s.users) } };
  // Members come as summaries: the full records through the user loader, one batch per field.
  const memberUsers = (s: SourceSize) => usersById(Math.min(BULK_USER_LOOKUP, s.users), s).shared;
  const permissionsOfUsers = (_keys: number, s: SourceSize): Calls => ({
    shared: { projects: 1, profiles: 1, "project-members": s.projects },
  });
  const permissionsOfProjects = (keys: number, s: SourceSize): Calls => ({
    shared: { projects: 1, profiles: 1, "project-members": some(keys, s.projects) },
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
      "Group.members": (_keys, s) => ({ shared: { groups: 1, ...memberUsers(s) } }),
      "Project.members": (keys, s) => ({
        shared: { ...permissionsOfProjects(keys, s).shared, ...memberUsers(s) },
      }),
      "Project.permissions": permissionsOfProjects,
      "Permission.user": (keys, s) => usersById(Math.min(keys, s.users), s),
      // Read with the user's permissions, the project comes along; with a project's, from the list.
      "Permission.project": () => projects,
      "Permission.via": () => groups,
    },
    status: { calls: 1 },
  };
}

/** The directory's floor (README "Batching and the floor"). */
export const qtestFloor: DirectoryFloor = {
  calls: (s) => pages(s.users, MAX_PAGE_SIZE) + 2 + s.projects,
  reason:
    "users/search pages (999 max) + groups + projects + projects/{id}/users per project: memberships appear only there (which, as documented, name no profile, so the profile list serves nothing)",
  directoryDepth: (s) => Math.max(pagedDepth(s.users, MAX_PAGE_SIZE), 2),
  lookupDepth: () => 2,
  depthReason: "memberships need the project list first; users and groups are independent",
};
