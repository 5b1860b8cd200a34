/**
 * The point of Rollcall: a directory page of 50 users per source, with their teams, groups,
 * projects and permissions, costs each vendor exactly the fewest calls its API allows.
 * Requests are counted where they land: in each simulator's request log, over real HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { vendors } from "../../src/vendors/registry.js";
import { type GatewayHarness, startGateway } from "../support/gateway-harness.js";

const N = 50;

interface Shape {
  /** Projects on the instance (P) and groups including archived ones (G), read in a separate operation. */
  readonly projects: number;
  readonly groups: number;
}

/** Each vendor's floor for N users with teams, groups, projects and permissions, and why. */
const FLOORS: Record<string, { floor: (s: Shape) => number; reason: string }> = {
  "squash-tm": {
    floor: (s) => 3 + Math.min(N, s.projects),
    reason:
      "one users page (fields= makes it complete, teams included), the team list, the project list; permissions per user or per project's clearances, whichever is fewer; no groups",
  },
  testrail: {
    floor: (s) => 4 + s.projects,
    reason:
      "get_users, get_groups, get_projects, get_roles once each; a user's project role appears only in get_users/{project_id}, one per project",
  },
  qtest: {
    floor: (s) => 3 + s.projects,
    reason:
      "users/search, groups and projects once each; memberships appear only in projects/{id}/users, one per project (which, as documented, name no profile: no profile list)",
  },
  qacomplete: {
    floor: () => 3 + N,
    reason:
      "one users page, the department, the project list; security groups only per user (no bulk endpoint)",
  },
  testresults: {
    floor: (s) => 1 + s.groups,
    reason:
      "the customer (its user groups), then each group's user list: users are reachable only through their group; no projects",
  },
};

const DIRECTORY = (source: string) => `
  ${source.replace(/-/g, "_")}: users(sources: ["${source}"], first: ${N}) {
    edges { node {
      id displayName email active lastLoginAt
      teams { nodes { name } }
      groups { nodes { name } }
      projects { nodes { name } }
      permissions { role level project { name } }
    } }
  }`;

describe("directory batching", () => {
  let gw: GatewayHarness;
  const floors = new Map<string, number>();
  beforeAll(async () => {
    gw = await startGateway({ users: 60 });
    for (const vendor of vendors) {
      const shape = await gw.gql<{ projects: { totalCount: number }; groups: { totalCount: number } }>(
        `{ projects(sources: ["${vendor.kind}"], first: 0) { totalCount } groups(sources: ["${vendor.kind}"], first: 0, filter: { includeArchived: true }) { totalCount } }`,
      );
      floors.set(
        vendor.kind,
        FLOORS[vendor.kind]!.floor({
          projects: shape.data!.projects.totalCount,
          groups: shape.data!.groups.totalCount,
        }),
      );
    }
  });

  /** Upstream calls of the last operation per source, logins left out (they are per connector). */
  const countedCalls = (source: string) =>
    gw.sims
      .get(source)!
      .log.list()
      .map((e) => `${e.method} ${e.path}?${e.query}`)
      .filter((c) => !/oauth\/token|token\/login/.test(c));
  afterAll(() => gw?.stop());

  it("states a floor for every registered vendor", () => {
    expect(Object.keys(FLOORS).sort()).toEqual(vendors.map((v) => v.kind).sort());
  });

  for (const vendor of vendors) {
    it(`meets ${vendor.kind}'s floor for ${N} users with teams, groups, projects and permissions`, async () => {
      gw.clearLogs();
      const { data, errors } = await gw.gql<Record<string, { edges: unknown[] }>>(
        `{ ${DIRECTORY(vendor.kind)} }`,
      );
      expect(errors).toBeUndefined();
      expect(Object.values(data!)[0]!.edges).toHaveLength(N);
      const counted = countedCalls(vendor.kind);
      expect(new Set(counted).size, "no call repeats within one operation").toBe(counted.length);
      expect(counted.length, FLOORS[vendor.kind]!.reason).toBe(floors.get(vendor.kind));
    });
  }

  it("keeps every floor when one operation reads all five sources at once", async () => {
    gw.clearLogs();
    const { errors } = await gw.gql(`{ ${vendors.map((v) => DIRECTORY(v.kind)).join("\n")} }`);
    expect(errors).toBeUndefined();
    for (const vendor of vendors)
      expect(countedCalls(vendor.kind).length, vendor.kind).toBe(floors.get(vendor.kind));
  });
});
