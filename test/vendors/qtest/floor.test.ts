/**
 * The batching floor of the qTest README, counted on the simulator's request log: a page of N users
 * with their groups, projects and permissions costs 3 + P calls (P = projects on the instance),
 * whatever N (≤ 999), each distinct call once; 4 + P on an instance whose member lists name custom
 * profiles (their levels need the profile list). The login is extra and happens once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PermissionRecord } from "../../../src/model/records.js";
import { qtest } from "../../../src/vendors/qtest/index.js";
import type { QTestSimulator } from "../../../src/vendors/qtest/simulator/index.js";
import { ADMIN_USER } from "../../../src/vendors/qtest/simulator/seed.js";
import { startVendor, type VendorHarness } from "../../support/vendor-harness.js";
import { withProfiles } from "./instances.js";

let h: VendorHarness;
let projectCount: number;
beforeAll(async () => {
  h = await startVendor(qtest, {
    users: 5000,
    overrides: { auth: { username: ADMIN_USER.username, password: ADMIN_USER.password } },
  });
  projectCount = (h.sim as QTestSimulator).state.projects.size;
});
afterAll(() => h?.stop());

/** What one GraphQL operation asks (pages at multiples of their size, as cursors give them): a users page, then each user's groups, permissions and projects. */
async function pageWithRelations(offset: number, n: number) {
  const session = h.session();
  const page = await h.connector.users.list({ filter: {}, offset, limit: n }, session);
  const ids = page.items.map((u) => u.remoteId);
  const [groups, permissions] = await Promise.all([
    session.groupsOfUser?.loadMany(ids),
    session.permissionsOfUser?.loadMany(ids),
  ]);
  const flat = (permissions ?? []).flatMap((l) => (Array.isArray(l) ? (l as PermissionRecord[]) : []));
  const projectIds = [...new Set(flat.flatMap((p) => (p.projectId ? [p.projectId] : [])))];
  const projects = await session.loadProjects(projectIds);
  return { page, groups: groups ?? [], permissions: permissions ?? [], projects };
}

describe("qTest batching floor", () => {
  for (const [offset, n] of [
    [0, 999],
    [1000, 25],
    [4995, 999],
  ] as const) {
    it(`meets 3 + P calls for ${n} users from offset ${offset}, each distinct call once`, async () => {
      await h.connector.probe(); // logs in, outside the count
      h.sim.log.clear();
      const { page, groups, permissions, projects } = await pageWithRelations(offset, n);

      expect(page.total).toBe(5002);
      expect(page.items.length).toBe(Math.min(n, 5002 - offset));
      expect(groups.every(Array.isArray)).toBe(true);
      expect(permissions.every(Array.isArray)).toBe(true);
      expect(projects.every((p) => !(p instanceof Error))).toBe(true);

      const log = h.sim.log.list();
      const distinct = new Set(log.map((e) => `${e.method} ${e.path}?${e.query}`));
      expect(distinct.size).toBe(log.length);
      expect(log.every((e) => e.status === 200)).toBe(true);
      expect(log.filter((e) => e.path === "/api/v3/users/search")).toHaveLength(1);
      expect(log.filter((e) => /^\/api\/v3\/projects\/\d+\/users$/.test(e.path))).toHaveLength(projectCount);
      expect(
        log
          .map((e) => e.path)
          .filter((p) => !/^\/api\/v3\/projects\/\d+\/users$/.test(p))
          .sort(),
      ).toEqual(["/api/v3/groups", "/api/v3/projects", "/api/v3/users/search"]);
      expect(log).toHaveLength(3 + projectCount);
    });
  }

  it("logged in once for all of it", () => {
    expect((h.sim as QTestSimulator).tokens.issued).toBe(1);
  });
});

describe("qTest batching floor where member lists name profiles", () => {
  it("meets 4 + P calls: the profile list once, for the custom profiles' levels", async () => {
    const p = await startVendor(withProfiles, { users: 1000 });
    try {
      const session = p.session();
      const page = await p.connector.users.list({ filter: {}, offset: 0, limit: 999 }, session);
      const ids = page.items.map((u) => u.remoteId);
      await Promise.all([session.groupsOfUser?.loadMany(ids), session.permissionsOfUser?.loadMany(ids)]);
      const log = p.sim.log.list();
      const projects = (p.sim as QTestSimulator).state.projects.size;
      expect(log.filter((e) => e.path === "/api/v3/user-profiles")).toHaveLength(1);
      expect(new Set(log.map((e) => `${e.path}?${e.query}`)).size).toBe(log.length);
      expect(log).toHaveLength(4 + projects);
    } finally {
      await p.stop();
    }
  });
});
