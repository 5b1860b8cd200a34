import {
  type Calls,
  type DirectoryFloor,
  NO_CALLS,
  pagedDepth,
  pages,
  type SourceCosts,
  type SourceSize,
  some,
} from "../costs.js";
import type { QacConfig } from "./config.js";
import { DEFAULT_PAGE_SIZE, IDS_PER_CALL } from "./connector.js";

/**
 * What QAComplete reads cost (README "Batching and the floor"): the department and the project list
 * once per operation, users by id in `Id in {…}` calls of IDS_PER_CALL, and a user's security
 * groups one call per user (once per operation, whichever field needs them): the API names a
 * user's group per project nowhere else.
 */
export function qacCosts(config: QacConfig): SourceCosts {
  const pageSize = config.pageSize ?? DEFAULT_PAGE_SIZE;
  const projects = (s: SourceSize) => ({ projects: pages(s.projects, pageSize) });
  const usersById = (keys: number): Calls => ({
    calls: Math.ceil(keys / IDS_PER_CALL),
    shared: { department: 1 },
  });
  const permissionsOfUsers = (keys: number, s: SourceSize): Calls => ({
    shared: { ...projects(s), "security-groups": some(keys, s.users) },
  });
  // Each project's user list, then every member's security groups.
  const permissionsOfProjects = (keys: number, s: SourceSize): Calls => ({
    calls: keys,
    shared: { department: 1, "security-groups": some(s.users, s.users) },
  });
  return {
    list: {
      users: (positions, filter, s) => {
        if (filter.login !== undefined) return { calls: 1, shared: { department: 1 } };
        // A name with a space can't be said in the filter language: a superset is read and filtered.
        const exact = !(filter.nameContains !== undefined && /\s/.test(filter.nameContains));
        return {
          calls: pages(exact ? positions : Math.max(positions, s.users), pageSize),
          shared: { department: 1 },
        };
      },
      projects: (_positions, _filter, s) => ({ shared: projects(s) }),
    },
    byIds: {
      users: usersById,
      projects: (_keys, s) => ({ shared: projects(s) }),
      permissions: permissionsOfUsers,
    },
    relations: {
      "User.teams": () => NO_CALLS,
      "User.groups": () => NO_CALLS,
      "User.projects": permissionsOfUsers,
      "User.permissions": permissionsOfUsers,
      "Team.members": () => NO_CALLS,
      "Group.members": () => NO_CALLS,
      "Project.members": permissionsOfProjects,
      "Project.permissions": permissionsOfProjects,
      "Permission.user": (keys, s) => usersById(Math.min(keys, s.users)),
      "Permission.project": (_keys, s) => ({ shared: projects(s) }),
      "Permission.via": () => NO_CALLS,
    },
    status: { calls: 1 },
  };
}

/** The directory's floor (README "Batching and the floor"). */
export const qacFloor: DirectoryFloor = {
  calls: (s) => pages(s.users, DEFAULT_PAGE_SIZE) + 2 + s.users,
  reason:
    "users pages (1000 max) + the department + the project list + security groups per user (no bulk endpoint)",
  directoryDepth: (s) => pagedDepth(s.users, DEFAULT_PAGE_SIZE) + 1,
  lookupDepth: () => 2,
  depthReason: "security groups are per user id, so they need the user list (or the filtered lookup) first",
};
