import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ErrorCode, SourceError } from "../../../src/model/errors.js";
import { PermissionLevel, type PermissionRecord, type UserRecord } from "../../../src/model/records.js";
import { qacomplete } from "../../../src/vendors/qacomplete/index.js";
import { startVendor, type VendorHarness } from "../../support/vendor-harness.js";

/** The logged requests below the API root, with their Filter= decoded. */
function calls(h: VendorHarness) {
  return h.sim.log.list().map((e) => ({
    route: `${e.method} ${e.path}`,
    filter: new URLSearchParams(e.query).get("Filter"),
    status: e.status,
  }));
}

const USERS_ROUTE = "GET /depts/8162/users";

describe("QAComplete connector against its simulator (real HTTP)", () => {
  let h: VendorHarness;

  beforeAll(async () => {
    h = await startVendor(qacomplete, { users: 60, id: "qac" });
  });
  afterAll(() => h?.stop());
  beforeEach(() => h.sim.log.clear());

  it("reads the seed page's user 24793 John Doe with department 8162 on the user", async () => {
    const [user] = await h.connector.users.getMany(["24793"], h.session());
    expect(user).toMatchObject({
      kind: "User",
      sourceId: "qac",
      remoteId: "24793",
      displayName: "John Doe",
      email: "john.doe@example.com",
      login: "john.doe@example.com",
      active: true,
      admin: false,
      createdAt: new Date("2016-01-01T00:00:00.000Z"),
      department: { remoteId: "8162", name: "Quality Engineering" },
    });
  });

  it("answers a users-by-id batch with ONE Filter=Id in {…} call, in key order, misses as NOT_FOUND", async () => {
    const ids = ["30007", "24793", "999999", "30000", "not-a-number", "30007"];
    const result = await h.connector.users.getMany(ids, h.session());
    expect(result.map((r) => (r instanceof Error ? (r as SourceError).code : r.remoteId))).toEqual([
      "30007",
      "24793",
      ErrorCode.NOT_FOUND,
      "30000",
      ErrorCode.NOT_FOUND,
      "30007",
    ]);
    const userCalls = calls(h).filter((c) => c.route === USERS_ROUTE);
    expect(userCalls).toHaveLength(1);
    expect(userCalls[0]?.filter).toBe("Id in {30007,24793,999999,30000}");
  });

  it("batches what the request's DataLoader collects in one tick into that one call", async () => {
    const session = h.session();
    const ids = Array.from({ length: 40 }, (_, i) => String(30000 + i));
    const users = await Promise.all(ids.map((id) => session.users.load(id)));
    expect(users.map((u) => u.remoteId)).toEqual(ids);
    expect(calls(h).filter((c) => c.route === USERS_ROUTE)).toHaveLength(1);
  });

  it("pushes an email filter down as Email = '…' (case-insensitive, exact)", async () => {
    const page = await h.connector.users.list(
      { filter: { email: "ADA.Lovelace@example.com" }, offset: 0, limit: 50 },
      h.session(),
    );
    expect(page.items.map((u) => u.email)).toEqual(["ada.lovelace@example.com"]);
    expect(page).toMatchObject({ exact: true, total: 1, hasMore: false });
    expect(calls(h).find((c) => c.route === USERS_ROUTE)?.filter).toBe("Email = 'ADA.Lovelace@example.com'");
  });

  it("pushes a one-word name filter down exactly, on first and last names", async () => {
    const page = await h.connector.users.list(
      { filter: { nameContains: "ace" }, offset: 0, limit: 100 },
      h.session(),
    );
    expect(page.exact).toBe(true);
    expect(page.items.length).toBeGreaterThan(0);
    for (const user of page.items) expect(user.displayName.toLowerCase()).toContain("ace");
    expect(calls(h).find((c) => c.route === USERS_ROUTE)?.filter).toBe(
      "(FirstName ~ 'ace' OR LastName ~ 'ace')",
    );
  });

  it("pushes a name spanning first and last name down as a superset and says it is inexact", async () => {
    const page = await h.connector.users.list(
      { filter: { nameContains: "n doe" }, offset: 0, limit: 100 },
      h.session(),
    );
    expect(page.exact).toBe(false);
    expect(
      page.items.filter((u) => u.displayName.toLowerCase().includes("n doe")).map((u) => u.remoteId),
    ).toEqual(["24793"]);
  });

  it("pushes the active filter down as IsActive = …, combined with others by AND", async () => {
    const page = await h.connector.users.list(
      { filter: { active: false, nameContains: "a" }, offset: 0, limit: 100 },
      h.session(),
    );
    expect(page.exact).toBe(true);
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((u) => !u.active)).toBe(true);
    expect(calls(h).find((c) => c.route === USERS_ROUTE)?.filter).toBe(
      "((FirstName ~ 'a' OR LastName ~ 'a')) AND (IsActive = false)",
    );
  });

  it("finds a login (the email) with one call and holds it to an exact, case-sensitive match", async () => {
    const exact = await h.connector.users.list(
      { filter: { login: "john@example.com" }, offset: 0, limit: 10 },
      h.session(),
    );
    expect(exact.items.map((u) => u.remoteId)).toEqual(["24700"]);
    const otherCase = await h.connector.users.list(
      { filter: { login: "JOHN@example.com" }, offset: 0, limit: 10 },
      h.session(),
    );
    expect(otherCase.items).toEqual([]);
    expect(calls(h).filter((c) => c.route === USERS_ROUTE)).toHaveLength(2);
  });

  it("pages with offset/limit in the vendor's order", async () => {
    const first = await h.connector.users.list({ filter: {}, offset: 0, limit: 30 }, h.session());
    const second = await h.connector.users.list({ filter: {}, offset: 30, limit: 30 }, h.session());
    expect(first.total).toBe(62);
    expect(first.hasMore).toBe(true);
    const ids = [...first.items, ...second.items].map((u) => Number(u.remoteId));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(60);
  });

  describe("the floor: a page of N users with their groups, projects and permissions", () => {
    for (const n of [1, 25, 62]) {
      it(`costs exactly N + 3 = ${n + 3} calls for N = ${n}`, async () => {
        const session = h.session();
        const page = await h.connector.users.list({ filter: {}, offset: 0, limit: n }, session);
        const userIds = page.items.map((u) => u.remoteId);
        // What the resolvers ask for: permissions (User.permissions, User.projects), the projects
        // they point at, and the users again (already primed by the list).
        const permissions = (await session.permissionsOfUser?.loadMany(userIds)) as PermissionRecord[][];
        const projectIds = [
          ...new Set(permissions.flat().flatMap((p) => (p.projectId ? [p.projectId] : []))),
        ];
        await session.loadProjects(projectIds);
        await session.loadUsers(userIds);
        expect(h.sim.log.countByRoute((p) => p.replace(/\/users\/\d+\//, "/users/{id}/"))).toEqual({
          "GET /depts/8162/users": 1,
          "GET /depts/8162": 1,
          "GET /projects": 1,
          "GET /depts/8162/users/{id}/securitygroups": n,
        });
        expect(h.sim.log.total).toBe(n + 3);
      });
    }
  });

  it("reports security groups per project as permissions, and is_security_admin as a global ADMIN", async () => {
    const session = h.session();
    const [admin, doe] = (await h.connector.permissions!.ofUsers(
      ["24700", "24793"],
      session,
    )) as PermissionRecord[][];
    expect(admin?.[0]).toMatchObject({
      projectId: null,
      role: "Security Administrator",
      level: PermissionLevel.ADMIN,
    });
    expect(admin?.slice(1).every((p) => p.level === PermissionLevel.MANAGE && p.projectId !== null)).toBe(
      true,
    );
    expect(doe?.map((p) => [p.projectId, p.role, p.level, p.project?.name])).toEqual([
      ["11873", "Testers", PermissionLevel.EXECUTE, "Sample Project"],
      ["12345", "Security Administrator", PermissionLevel.MANAGE, "Security Review"],
    ]);
  });

  it("lists who holds which group on a project, agreeing with the per-user view", async () => {
    const holders = (
      await h.connector.permissions!.ofProjects(["12345"], h.session())
    )?.[0] as PermissionRecord[];
    expect(holders.map((p) => `${p.userId}/${p.role}`)).toEqual(
      expect.arrayContaining(["24700/Security Administrator", "24793/Security Administrator"]),
    );
    expect(holders.every((p) => p.projectId === "12345")).toBe(true);
  });

  it("lists the department's projects only, with string ids mapped, from one call per request", async () => {
    const session = h.session();
    const page = await h.connector.projects?.list({ filter: {}, offset: 0, limit: 100 }, session);
    const ids = page?.items.map((p) => p.remoteId);
    expect(ids).toContain("11873");
    expect(ids).not.toContain("11900");
    const [inactive] = (await h.connector.projects?.getMany(["11878"], session)) ?? [];
    expect(inactive).toMatchObject({ name: "Onboarding Flow", active: false });
    expect(calls(h).filter((c) => c.route === "GET /projects")).toHaveLength(1);
  });

  it("reports no teams and no groups (security groups are per-project roles)", () => {
    expect(h.connector.teams).toBeUndefined();
    expect(h.connector.groups).toBeUndefined();
    // Writes: no REACTIVATE_USERS, DELETE_USERS, MANAGE_TEAM_MEMBERS or MANAGE_GROUPS (see README "Writes").
    expect([...h.connector.capabilities].sort()).toEqual([
      "ASSIGN_PROJECTS",
      "DEACTIVATE_USERS",
      "INVITE_USERS",
      "PERMISSIONS",
      "PROJECTS",
      "UPDATE_USERS",
      "USERS",
      "USER_SEARCH_BY_EMAIL",
      "USER_SEARCH_BY_LOGIN",
    ]);
    expect(h.connector.writes?.users?.remove).toBeUndefined();
    expect(h.connector.writes?.teams).toBeUndefined();
    expect(h.connector.writes?.groups).toBeUndefined();
  });

  it("reports a wrong department as the source's configuration problem, with the vendor's Message and without the password", async () => {
    const wrong = await startVendor(qacomplete, { users: 1, overrides: { departmentId: 1234 } });
    try {
      const error = (await wrong.connector.probe().then(
        () => null,
        (e: unknown) => e,
      )) as SourceError;
      expect(error).toBeInstanceOf(SourceError);
      expect(error.code).toBe(ErrorCode.SOURCE_MISCONFIGURED);
      expect(error.message).toContain("configuration");
      expect(error.vendorMessage).toBe("Department 1234 was not found.");
      expect(JSON.stringify({ m: error.message, ...error })).not.toContain("p@ssword");
    } finally {
      await wrong.stop();
    }
  });

  it("accepts the department id as a numeric string (as environment interpolation gives it)", async () => {
    const fromEnv = await startVendor(qacomplete, { users: 1, overrides: { departmentId: "8162" } });
    try {
      const [user] = await fromEnv.connector.users.getMany(["24793"], fromEnv.session());
      expect((user as UserRecord).department?.remoteId).toBe("8162");
    } finally {
      await fromEnv.stop();
    }
  });
});
