import {
  type Calls,
  type DirectoryFloor,
  NO_CALLS,
  type SourceCosts,
  type SourceSize,
  some,
} from "../costs.js";

/**
 * What TestResults.io reads cost (README "Batching and the floor"): users are reachable only
 * through their group's list, so anything about users reads the customer and every group's list,
 * once per operation, whatever the page or the filter. There are no projects and no teams.
 */
export function testResultsCosts(): SourceCosts {
  const customer: Calls = { shared: { customer: 1 } };
  const directory = (_keys: number, s: SourceSize): Calls => ({
    shared: { customer: 1, "group-users": s.groups },
  });
  return {
    list: {
      users: (_positions, _filter, s) => directory(0, s),
      groups: () => customer,
    },
    byIds: {
      users: directory,
      groups: () => customer,
      permissions: directory,
    },
    relations: {
      "User.teams": () => NO_CALLS,
      "User.groups": directory,
      "User.projects": directory,
      "User.permissions": directory,
      "Team.members": () => NO_CALLS,
      "Group.members": (keys, s) => ({ shared: { customer: 1, "group-users": some(keys, s.groups) } }),
      "Project.members": () => NO_CALLS,
      "Project.permissions": () => NO_CALLS,
      "Permission.user": directory,
      "Permission.project": () => NO_CALLS,
      "Permission.via": () => customer,
    },
    status: { calls: 1 },
  };
}

/** The directory's floor (README "Batching and the floor"). */
export const testResultsFloor: DirectoryFloor = {
  calls: (s) => 1 + s.groups,
  reason:
    "the customer (its user groups) + each group's user list: users are reachable only through their group; no projects, no teams",
  directoryDepth: () => 2,
  lookupDepth: () => 2,
  depthReason: "group user lists need the customer's group ids first",
};
