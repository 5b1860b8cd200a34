/**
 * The batching floor of the Squash TM README, counted on the simulator's request log: a page of
 * N ≥ 2 users with their teams, projects and permissions costs ⌈N / 2000⌉ users pages + 1 team
 * list + 1 project list + min(N, P) (P = projects), each distinct call once, and the two lists go
 * out alongside the users page.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { PermissionRecord } from "../../../src/model/records.js";
import type { UserRelation } from "../../../src/vendors/connector.js";
import { squashTm } from "../../../src/vendors/squash-tm/index.js";
import type { SquashSimulator } from "../../../src/vendors/squash-tm/simulator/index.js";
import { startVendor, type VendorHarness } from "../../support/vendor-harness.js";

let h: VendorHarness;
let projectCount: number;
beforeAll(async () => {
  h = await startVendor(squashTm, { users: 5000 });
  projectCount = (h.sim as SquashSimulator).state.projects.size;
});
afterAll(() => h?.stop());
beforeEach(() => {
  h.sim.log.clear();
  h.sim.faults.clear();
});

const ALL: ReadonlySet<UserRelation> = new Set(["teams", "groups", "projects", "permissions"]);

/** What one GraphQL operation does: prefetch, a users page, then each user's teams, permissions and projects. */
async function pageWithRelations(n: number) {
  const session = h.session();
  h.connector.prefetch!(ALL, session);
  const page = await h.connector.users.list({ filter: {}, offset: 0, limit: n }, session);
  session.prime(page.items);
  const ids = page.items.map((u) => u.remoteId);
  const [teams, permissions] = await Promise.all([
    session.teamsOfUser!.loadMany(ids),
    session.permissionsOfUser!.loadMany(ids),
  ]);
  const flat = permissions.flatMap((l) => (Array.isArray(l) ? (l as PermissionRecord[]) : []));
  const projectIds = [...new Set(flat.flatMap((p) => (p.projectId ? [p.projectId] : [])))];
  const projects = await session.loadProjects(projectIds);
  return { page, teams, permissions, projects };
}

describe("Squash TM batching floor", () => {
  for (const n of [2, 5, 20, 2000, 5002]) {
    const pages = Math.ceil(n / 2000);
    it(`costs ${pages} + 2 + min(N, P) calls for a page of ${n} users, each distinct call once`, async () => {
      const { page, teams, permissions, projects } = await pageWithRelations(n);
      expect(page.items).toHaveLength(n);
      for (const answers of [teams, permissions, projects])
        expect(answers.every((a) => !(a instanceof Error))).toBe(true);

      const log = h.sim.log.list();
      const distinct = new Set(log.map((e) => `${e.method} ${e.path}?${e.query}`));
      expect(distinct.size).toBe(log.length);
      expect(log.every((e) => e.status === 200)).toBe(true);
      const paths = log.map((e) => e.path);
      const count = (path: string) => paths.filter((p) => p === path).length;
      expect({ users: count("/users"), teams: count("/teams"), projects: count("/projects") }).toEqual({
        users: pages,
        teams: 1,
        projects: 1,
      });
      const perUser = paths.filter((p) => /^\/users\/\d+\/permissions$/.test(p)).length;
      const perProject = paths.filter((p) => /^\/projects\/\d+\/clearances$/.test(p)).length;
      expect({ perUser, perProject }).toEqual(
        n > projectCount ? { perUser: 0, perProject: projectCount } : { perUser: n, perProject: 0 },
      );
      expect(log).toHaveLength(pages + 2 + Math.min(n, projectCount));
    });
  }

  it("sends the team and project lists while the users page is still on its way", async () => {
    h.sim.faults.set({ latencyMs: 60 });
    await pageWithRelations(20);
    const log = h.sim.log.list();
    const users = log.find((e) => e.path === "/users")!;
    for (const list of ["/teams", "/projects"]) {
      const entry = log.find((e) => e.path === list)!;
      expect(entry.receivedAt!, list).toBeLessThan(users.answeredAt!);
    }
  });

  it("asks for nothing when the operation wants no relation", () => {
    h.connector.prefetch!(new Set(), h.session());
    expect(h.sim.log.list()).toEqual([]);
  });
});
