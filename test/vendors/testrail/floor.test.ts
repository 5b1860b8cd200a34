/**
 * The batching floor (README "Batching and the floor"): a page of N ≤ 250 users with their groups,
 * projects and permissions costs exactly
 *   1 get_users page + 1 get_groups + 1 get_projects + 1 get_roles + Σ_p ⌈M_p / 250⌉ get_users/{p}
 * where M_p is the number of active users with access to project p (one call per project while
 * M_p ≤ 250), and no call is made twice.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { GroupRecord, PermissionRecord } from "../../../src/model/records.js";
import { testRail } from "../../../src/vendors/testrail/index.js";
import type { TestRailSimulator } from "../../../src/vendors/testrail/simulator/index.js";
import { TestRailViews } from "../../../src/vendors/testrail/simulator/views.js";
import { startVendor, type VendorHarness } from "../../support/vendor-harness.js";

let h: VendorHarness | undefined;
afterEach(() => h?.stop());

/** What a GraphQL page `users(first: N) { groups, projects, permissions }` asks of one source. */
async function pageWithEverything(harness: VendorHarness, n: number) {
  const session = harness.session();
  const page = await harness.connector.users.list({ filter: {}, offset: 0, limit: n }, session);
  const ids = page.items.map((u) => u.remoteId);
  const [groups, permissions] = await Promise.all([
    session.groupsOfUser!.loadMany(ids),
    session.permissionsOfUser!.loadMany(ids),
  ]);
  const perms = permissions.flatMap((l) => l as PermissionRecord[]);
  // User.projects: Rollcall loads the projects named by the permissions.
  const projectIds = [...new Set(perms.flatMap((p) => (p.projectId ? [p.projectId] : [])))];
  const projects = await session.projects!.loadMany(projectIds);
  return { ids, groups: groups as GroupRecord[][], perms, projects };
}

function floorOf(sim: TestRailSimulator): number {
  const views = new TestRailViews(sim.state);
  const perProject = [...sim.state.projects.values()].map((p) =>
    Math.max(1, Math.ceil(views.projectMembers(p).length / 250)),
  );
  return 4 + perProject.reduce((a, b) => a + b, 0);
}

const calls = (harness: VendorHarness) =>
  harness.sim.log.list().map((e) => `${e.method} ${e.path}${e.query ? `&${e.query}` : ""}`);

describe("TestRail batching floor", () => {
  it("reads 50 of 60 users with groups, projects and permissions in 4 + one call per project", async () => {
    h = await startVendor(testRail, { users: 60 });
    const { ids, groups, perms, projects } = await pageWithEverything(h, 50);
    expect(ids).toHaveLength(50);

    const sim = h.sim as TestRailSimulator;
    expect(sim.state.projects.size).toBe(6);
    expect(floorOf(sim)).toBe(10);
    expect(calls(h).sort()).toEqual(
      [
        "GET /get_users&limit=50&offset=0",
        "GET /get_groups&limit=250&offset=0",
        "GET /get_projects&limit=250&offset=0",
        "GET /get_roles&limit=250&offset=0",
        ...[1, 2, 3, 4, 5, 6].map((p) => `GET /get_users/${p}&limit=250&offset=0`),
      ].sort(),
    );

    // The answers are real: everyone has a global role, some have groups and projects.
    for (const id of ids) expect(perms.some((p) => p.userId === id && p.projectId === null)).toBe(true);
    expect(groups.some((g) => g.length > 0)).toBe(true);
    expect(projects.length).toBeGreaterThan(0);
    expect(projects.every((p) => !(p instanceof Error))).toBe(true);
  });

  it("meets the floor with 250 of 600 users, paging the large project listings", async () => {
    h = await startVendor(testRail, { users: 600 });
    const { ids } = await pageWithEverything(h, 250);
    expect(ids).toHaveLength(250);
    const made = calls(h);
    expect(made).toHaveLength(floorOf(h.sim as TestRailSimulator));
    expect(made.length).toBeGreaterThan(10);
    expect(new Set(made).size).toBe(made.length);
    expect(made.filter((c) => c.startsWith("GET /get_users&"))).toEqual([
      "GET /get_users&limit=250&offset=0",
    ]);
  });

  it("stays at the floor at 5,000 users", async () => {
    h = await startVendor(testRail, { users: 5000 });
    const { ids } = await pageWithEverything(h, 250);
    expect(ids).toHaveLength(250);
    const made = calls(h);
    expect(made).toHaveLength(floorOf(h.sim as TestRailSimulator));
    expect(new Set(made).size).toBe(made.length);
  });
});
