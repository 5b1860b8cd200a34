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
} from "../../../src/vendors/costs.js";
import { MAX_PAGE } from "./client.js";
import type { SixthConfig } from "./config.js";

/** Users by id: one GET each, once per operation; a user's permission is on its record. */
export function sixthCosts(config: SixthConfig): SourceCosts {
  const pageSize = Math.min(config.pageSize ?? MAX_PAGE, MAX_PAGE);
  const byId = (keys: number, s: SourceSize): Calls => ({ shared: { user: some(keys, s.users) } });
  return {
    list: {
      users: (positions, filter, s) => ({
        calls: pages(narrowsUsers(filter) ? Math.max(positions, s.users) : positions, pageSize),
      }),
    },
    byIds: { users: byId, permissions: byId },
    relations: {
      "User.teams": () => NO_CALLS,
      "User.groups": () => NO_CALLS,
      "User.projects": byId,
      "User.permissions": byId,
      "Team.members": () => NO_CALLS,
      "Group.members": () => NO_CALLS,
      "Project.members": () => NO_CALLS,
      "Project.permissions": () => NO_CALLS,
      "Permission.user": byId,
      "Permission.project": () => NO_CALLS,
      "Permission.via": () => NO_CALLS,
    },
    status: { calls: 1 },
  };
}

/** The directory's floor (README "Batching and the floor"). */
export const sixthFloor: DirectoryFloor = {
  calls: (s) => pages(s.users, MAX_PAGE),
  reason: "the user pages (100 max): a user's role is on its record, nothing else to read",
  directoryDepth: (s) => pagedDepth(s.users, MAX_PAGE),
  lookupDepth: (s) => pagedDepth(s.users, MAX_PAGE),
  depthReason: "no email search: a lookup reads the pages, which report the total",
};
