import {
  type Calls,
  type DirectoryFloor,
  NO_CALLS,
  narrowsNames,
  narrowsUsers,
  pagedDepth,
  pages,
  type SourceCosts,
  some,
} from "../costs.js";
import type { SquashConfig } from "./config.js";
import { MAX_PAGE_SIZE } from "./connector.js";

/**
 * What Squash TM reads cost (README "Batching and the floor"): no bulk read by ids (one GET per
 * user, team or project, each once per operation), one team list and one project list per
 * operation, and permissions per user or per project's clearances, whichever is fewer. Only a login
 * is searched upstream: any other user filter scans the whole list.
 */
export function squashCosts(config: SquashConfig): SourceCosts {
  const pageSize = Math.min(config.pageSize ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE);
  const byId = (name: string, keys: number, of: number): Calls => ({ shared: { [name]: some(keys, of) } });
  const permissionsOfUsers = (keys: number, s: { users: number; projects: number }): Calls => {
    if (keys < 2) return byId("user-permissions", keys, s.users);
    const projectList = { projects: pages(s.projects, pageSize) };
    return keys > s.projects
      ? { shared: { ...projectList, clearances: s.projects } }
      : { shared: { ...projectList, "user-permissions": some(keys, s.users) } };
  };
  const named = (all: number) => (positions: number, filter: { nameContains?: string }) => ({
    calls: pages(narrowsNames(filter) ? Math.max(positions, all) : positions, pageSize),
  });
  return {
    list: {
      users: (positions, filter, s) => {
        if (filter.login !== undefined) return { calls: 1 };
        return { calls: pages(narrowsUsers(filter) ? Math.max(positions, s.users) : positions, pageSize) };
      },
      teams: (positions, filter, s) => named(s.teams)(positions, filter),
      projects: (positions, filter, s) => named(s.projects)(positions, filter),
    },
    byIds: {
      users: (keys, s) => byId("user", keys, s.users),
      teams: (keys, s) => byId("team", keys, s.teams),
      projects: (keys, s) => byId("project", keys, s.projects),
      permissions: permissionsOfUsers,
    },
    relations: {
      // A user names its teams; the one team list of the operation completes them.
      "User.teams": (_keys, s) => ({ shared: { teams: pages(s.teams, pageSize) } }),
      "User.groups": () => NO_CALLS,
      "User.projects": permissionsOfUsers,
      "User.permissions": permissionsOfUsers,
      "Team.members": (keys, s) => byId("team-members", keys, s.teams),
      "Group.members": () => NO_CALLS,
      // Clearances name their holders only: each member is then read by id.
      "Project.members": (keys, s) => ({
        shared: { clearances: some(keys, s.projects), user: some(s.users, s.users) },
      }),
      "Project.permissions": (keys, s) => byId("clearances", keys, s.projects),
      "Permission.user": (keys, s) => byId("user", keys, s.users),
      // Embedded in a user's permissions, or the project the clearances were read for (loaded).
      "Permission.project": () => NO_CALLS,
      "Permission.via": (keys, s) => byId("team", keys, s.teams),
    },
    status: { calls: 1 },
  };
}

/** The directory's floor (README "Batching and the floor"). */
export const squashFloor: DirectoryFloor = {
  calls: (s) => pages(s.users, MAX_PAGE_SIZE) + 2 + Math.min(s.users, s.projects),
  reason:
    "users pages (2000 max; `fields=` makes them complete, teams included) + the team list + the project list + permissions per user or per project's clearances, whichever is fewer; no groups",
  directoryDepth: (s) => Math.max(pagedDepth(s.users, MAX_PAGE_SIZE), 2),
  lookupDepth: (s) => pagedDepth(s.users, MAX_PAGE_SIZE) + 1,
  depthReason:
    "clearances need the project list, not the users; no email search, so a lookup scans the list, then reads the one user's permissions",
};
