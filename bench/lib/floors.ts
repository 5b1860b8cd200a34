import type { SourceShape } from "./shape.js";

/**
 * Per vendor, what its API allows for the directory query (every user with teams, groups,
 * projects and permissions) and for an email lookup with permissions:
 * - floor: the fewest calls the API allows (page caps included), with the reason;
 * - depth: the longest chain of calls that depend on each other's answers (the critical path in
 *   round trips). Calls that only depend on data the API gives elsewhere are not in the chain.
 * Each vendor README states the same floors; test/integration/batching-floor.test.ts asserts them at 50 users.
 */
export interface VendorCosts {
  readonly floor: (s: SourceShape) => number;
  readonly floorReason: string;
  readonly directoryDepth: (s: SourceShape) => number;
  readonly lookupDepth: (s: SourceShape) => number;
  readonly depthReason: string;
}

const pages = (n: number, cap: number) => Math.max(1, Math.ceil(n / cap));
/** Pages of a list whose first page reports the total: the rest go out together. */
const pagedDepth = (n: number, cap: number) => (n <= cap ? 1 : 2);

export const COSTS: Record<string, VendorCosts> = {
  "squash-tm": {
    floor: (s) => pages(s.users, 2000) + 2 + Math.min(s.users, s.projects),
    floorReason:
      "users pages (2000 max, `fields=` makes them complete, teams included) + the team list + the project list + permissions per user or per project's clearances, whichever is fewer",
    directoryDepth: (s) => Math.max(pagedDepth(s.users, 2000), 2),
    lookupDepth: (s) => pagedDepth(s.users, 2000) + 1,
    depthReason:
      "clearances need the project list, not the users; no email search, so a lookup scans the list, then reads the one user's permissions",
  },
  testrail: {
    floor: (s) => pages(s.users, 250) + 3 + s.membersPerProject.reduce((n, m) => n + pages(m, 250), 0),
    floorReason:
      "get_users pages (250 max) + get_groups + get_projects + get_roles + get_users/{project} pages per project",
    directoryDepth: (s) =>
      Math.max(pages(s.users, 250), 1 + Math.max(1, ...s.membersPerProject.map((m) => pages(m, 250)))),
    lookupDepth: (s) => Math.max(1, 1 + Math.max(1, ...s.membersPerProject.map((m) => pages(m, 250)))),
    depthReason:
      "get_users pages follow `_links.next` (no total); project roles need get_projects first, not the users",
  },
  qtest: {
    floor: (s) => pages(s.users, 999) + 2 + s.projects,
    floorReason:
      "users/search pages (999 max) + groups + projects + projects/{id}/users per project (the documented member lists name no profile, so the profile list serves nothing)",
    directoryDepth: (s) => Math.max(pagedDepth(s.users, 999), 2),
    lookupDepth: () => 2,
    depthReason: "memberships need the project list first; users and groups are independent",
  },
  qacomplete: {
    floor: (s) => pages(s.users, 1000) + 2 + s.users,
    floorReason: "users pages (1000 max) + the department + the project list + security groups per user",
    directoryDepth: (s) => pagedDepth(s.users, 1000) + 1,
    lookupDepth: () => 2,
    depthReason: "security groups are per user id, so they need the user list (or the filtered lookup) first",
  },
  testresults: {
    floor: (s) => 1 + s.groups,
    floorReason:
      "the customer (its user groups) + each group's user list (users are only reachable through their group)",
    directoryDepth: () => 2,
    lookupDepth: () => 2,
    depthReason: "group user lists need the customer's group ids first",
  },
};
