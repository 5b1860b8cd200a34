/** The TestRail connector against its simulator over real HTTP: the doc examples and the quirks. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ErrorCode, SourceError } from "../../../src/model/errors.js";
import { PermissionLevel, type PermissionRecord, type UserRecord } from "../../../src/model/records.js";
import { testRail } from "../../../src/vendors/testrail/index.js";
import type { TestRailSimulator } from "../../../src/vendors/testrail/simulator/index.js";
import { ROLE } from "../../../src/vendors/testrail/simulator/state.js";
import { startVendor, type VendorHarness } from "../../support/vendor-harness.js";

let h: VendorHarness;
const sim = () => h.sim as TestRailSimulator;
const calls = () => h.sim.log.list().map((e) => (e.query ? `${e.path}&${e.query}` : e.path));

beforeAll(async () => {
  h = await startVendor(testRail, { users: 60 });
});
afterAll(() => h?.stop());
beforeEach(() => {
  h.sim.log.clear();
  sim().settings.legacyUserArrays = false;
  sim().settings.unknownEmailStatus = 400;
  sim().settings.scriptedErrors = [];
  sim().settings.userFields = "7.3";
  sim().settings.groupUserIds = "everywhere";
});

const byProject = (permissions: readonly PermissionRecord[]) =>
  Object.fromEntries(
    permissions.map((p) => [p.project?.name ?? p.projectId ?? "(global)", `${p.role}/${p.level}`]),
  );

describe("TestRail connector: the users doc page's example", () => {
  it("reads user 1 Alexis Gonzalez, active, through get_user", async () => {
    const [user] = await h.connector.users.getMany(["1"], h.session());
    expect(user).toMatchObject({
      remoteId: "1",
      displayName: "Alexis Gonzalez",
      email: "alexis.gonzalez@example.com",
      login: "alexis.gonzalez@example.com",
      active: true,
      admin: false,
    });
    expect(calls()).toEqual(["/get_user/1"]);
  });

  it("gives Alexis the global role Lead and the role that applies in each project", async () => {
    const [permissions] = await h.session().permissionsOfUser!.loadMany(["1"]);
    expect(byProject(permissions as PermissionRecord[])).toEqual({
      "(global)": "Lead/MANAGE",
      // Default "Global Role": the user's own role applies.
      "Mobile Banking": "Lead/MANAGE",
      // A user override.
      "Web Portal": "Designer/EDIT",
      "Payments API": "Lead/MANAGE",
      // The project's default role.
      "Data Platform": "Guest/VIEW",
      "Onboarding Flow": "Lead/MANAGE",
      // "Security Review" defaults to No Access: Alexis is not listed there.
    });
  });

  it("puts Alexis in QA Team, and QA Team's members include Alexis", async () => {
    const session = h.session();
    const [groups] = await session.groupsOfUser!.loadMany(["1"]);
    expect((groups as Array<{ name: string }>).map((g) => g.name)).toEqual(["QA Team"]);
    const members = await session.groupMembers!.load("1");
    expect(members.map((u) => u.remoteId)).toContain("1");
  });
});

describe("TestRail connector: reads", () => {
  it("answers an unknown id (TestRail's 400 from get_user) as NOT_FOUND", async () => {
    const [miss] = await h.connector.users.getMany(["999999"], h.session());
    expect((miss as SourceError).code).toBe(ErrorCode.NOT_FOUND);
    expect(h.sim.log.list().map((e) => `${e.path} ${e.status}`)).toEqual(["/get_user/999999 400"]);
  });

  it("answers a batch the cheaper way: get_user per id, or one users page once it holds them all", async () => {
    const fresh = await startVendor(testRail, { users: 60 });
    try {
      const ids = ["2", "999999", "1"];
      // The source's size is not known yet: three single reads cost less than a guessed full list.
      const first = await fresh.connector.users.getMany(ids, fresh.session());
      expect(
        fresh.sim.log
          .list()
          .map((e) => e.path)
          .sort(),
      ).toEqual(["/get_user/1", "/get_user/2", "/get_user/999999"]);
      // After a full read, the source is known to fit one 250-user page: one call beats three.
      await fresh.connector.users.list({ filter: {}, offset: 0, limit: 1000 }, fresh.session());
      fresh.sim.log.clear();
      const second = await fresh.connector.users.getMany(ids, fresh.session());
      expect(fresh.sim.log.list().map((e) => `${e.path}&${e.query}`)).toEqual([
        "/get_users&limit=250&offset=0",
      ]);
      for (const result of [first, second]) {
        expect((result[0] as UserRecord).displayName).toBe("Ciaran Davenport");
        expect((result[1] as SourceError).code).toBe(ErrorCode.NOT_FOUND);
        expect((result[2] as UserRecord).displayName).toBe("Alexis Gonzalez");
      }
    } finally {
      await fresh.stop();
    }
  });

  it("never sends an id that is not an integer", async () => {
    const [miss] = await h.connector.users.getMany(["1&limit=1"], h.session());
    expect((miss as SourceError).code).toBe(ErrorCode.NOT_FOUND);
    expect(calls()).toEqual([]);
  });

  it("pushes the email filter down to get_user_by_email, case-insensitively", async () => {
    const page = await h.connector.users.list(
      { filter: { email: "ALEXIS.Gonzalez@example.com" }, offset: 0, limit: 10 },
      h.session(),
    );
    expect(page.items.map((u) => u.remoteId)).toEqual(["1"]);
    expect(page).toMatchObject({ exact: true, total: 1, hasMore: false });
    expect(calls()).toEqual(["/get_user_by_email&email=ALEXIS.Gonzalez%40example.com"]);
  });

  it("pushes the login filter down there too (the login is the email)", async () => {
    const page = await h.connector.users.list(
      { filter: { login: "ciaran.davenport@example.com", active: true }, offset: 0, limit: 10 },
      h.session(),
    );
    expect(page.items.map((u) => u.displayName)).toEqual(["Ciaran Davenport"]);
    expect(page.exact).toBe(true);
    expect(h.sim.log.list().map((e) => e.path)).toEqual(["/get_user_by_email"]);
  });

  it("answers an unknown email with an empty exact page", async () => {
    const page = await h.connector.users.list(
      { filter: { email: "nobody@example.com" }, offset: 0, limit: 10 },
      h.session(),
    );
    expect(page).toMatchObject({ items: [], total: 0, exact: true, hasMore: false });
  });

  it('answers an unknown email that TestRail refuses with 404 ("400/404") as an empty page too', async () => {
    sim().settings.unknownEmailStatus = 404;
    const page = await h.connector.users.list(
      { filter: { email: "nobody@example.com" }, offset: 0, limit: 10 },
      h.session(),
    );
    expect(page).toMatchObject({ items: [], total: 0, exact: true });
  });

  it("reports a 400 from get_user_by_email that is not about the address as an error, never as no match", async () => {
    sim().settings.scriptedErrors.push({
      route: "GET /get_user_by_email",
      status: 400,
      error: "Content-Type header missing (use Content-Type: application/json)",
    });
    const error = (await h.connector.users
      .list({ filter: { email: "alexis.gonzalez@example.com" }, offset: 0, limit: 10 }, h.session())
      .catch((e: unknown) => e)) as SourceError;
    expect(error).toBeInstanceOf(SourceError);
    expect(error.code).toBe(ErrorCode.SOURCE_REJECTED);
    expect(error.vendorMessage).toMatch(/^Content-Type header missing/);
  });

  it("reports a 400 from get_user that is not about the id as an error, not as a missing user", async () => {
    sim().settings.scriptedErrors.push({ route: "GET /get_user/1", status: 400, error: "Bad request." });
    const [answer] = await h.connector.users.getMany(["1"], h.session());
    expect((answer as SourceError).code).toBe(ErrorCode.SOURCE_REJECTED);
  });

  it("sends routes through index.php?/api/v2/ with & parameters", async () => {
    await h.connector.users.list({ filter: {}, offset: 20, limit: 5 }, h.session());
    expect(calls()).toEqual(["/get_users&limit=5&offset=20"]);
  });

  it("probes with get_current_user", async () => {
    await h.connector.probe();
    expect(calls()).toEqual(["/get_current_user"]);
  });

  it("loads one project with get_project, whose raw keeps the role overrides", async () => {
    const [project] = await h.connector.projects!.getMany(["3"], h.session());
    expect(project).toMatchObject({ name: "Payments API", active: true });
    expect((project as { raw: unknown }).raw).toMatchObject({
      default_role: "No Access",
      users: [{ id: 1, project_role: "Lead" }],
      groups: [
        { id: 1, role: "Tester" },
        { id: 4, role: "Release Manager" },
      ],
    });
    expect(calls()).toEqual(["/get_project/3"]);
  });

  it("maps custom roles through get_roles: is_project_admin → MANAGE, else CUSTOM", async () => {
    const userWith = (roleId: number) =>
      String([...sim().state.users.values()].find((u) => u.role_id === roleId && !u.is_admin)?.id);
    const session = h.session();
    const lists = await session.permissionsOfUser!.loadMany([
      userWith(ROLE.releaseManager),
      userWith(ROLE.automation),
    ]);
    const global = lists.map((l) => (l as PermissionRecord[]).find((p) => p.projectId === null));
    expect(global.map((p) => `${p?.role}/${p?.level}`)).toEqual([
      `Release Manager/${PermissionLevel.MANAGE}`,
      `Automation/${PermissionLevel.CUSTOM}`,
    ]);
  });

  it("lists a project's holders from get_users/{project_id}, without inactive or no-access users", async () => {
    const holders = await h.session().permissionsOfProject!.load("6");
    const ids = holders.map((p) => p.userId);
    const state = sim().state;
    const overridden = [...(state.projects.get(6)?.users.keys() ?? [])];
    const expected = overridden.filter((id) => state.users.get(id)?.is_active).map(String);
    expect(ids.sort()).toEqual(expected.sort());
    expect(expected.length).toBeLessThan(overridden.length);
    expect(new Set(holders.map((p) => p.role))).toEqual(new Set(["Designer"]));
  });
});

describe("TestRail connector: what older servers leave out", () => {
  it("reads a 6.4 user (no is_admin, no group_ids): admin unknown, groups from the groups' members", async () => {
    sim().settings.userFields = "6.4";
    const session = h.session();
    const [user] = await h.connector.users.getMany(["1"], session);
    expect(user).toMatchObject({ displayName: "Alexis Gonzalez", admin: null });
    const [groups] = await session.groupsOfUser!.loadMany(["1"]);
    expect((groups as Array<{ name: string }>).map((g) => g.name)).toEqual(["QA Team"]);
  });

  it("reads a pre-6.4 user (no role): access it does not name the role of is UNKNOWN, never a guess", async () => {
    sim().settings.userFields = "6.3";
    const [permissions] = await h.session().permissionsOfUser!.loadMany(["1"]);
    expect(byProject(permissions as PermissionRecord[])).toEqual({
      "(global)": "null/UNKNOWN",
      "Mobile Banking": "null/UNKNOWN",
      "Web Portal": "null/UNKNOWN",
      "Payments API": "null/UNKNOWN",
      "Data Platform": "null/UNKNOWN",
      "Onboarding Flow": "null/UNKNOWN",
    });
  });

  it("reads group members from get_group when the group list leaves them out", async () => {
    sim().settings.groupUserIds = "get_group";
    const members = await h.session().groupMembers!.load("1");
    expect(members.map((u) => u.remoteId)).toContain("1");
    expect(calls()).toContain("/get_group/1");
  });

  it("reports a group TestRail shows without members anywhere as an error, not as empty", async () => {
    sim().settings.groupUserIds = "nowhere";
    const [members] = await h.session().groupMembers!.loadMany(["1"]);
    expect((members as SourceError).code).toBe(ErrorCode.SOURCE_BAD_RESPONSE);
  });
});

describe("TestRail connector: both get_users shapes", () => {
  const readAll = async (pageSize: number) => {
    const out: UserRecord[] = [];
    for (let offset = 0; ; ) {
      const page = await h.connector.users.list({ filter: {}, offset, limit: pageSize }, h.session());
      out.push(...page.items);
      offset += page.items.length;
      if (!page.hasMore || page.items.length === 0) return { users: out, last: page };
    }
  };

  it("reads the same users from the paginated wrapper and from the doc's bare array", async () => {
    const wrapped = await readAll(7);
    expect(wrapped.users.length).toBe(63);
    expect(wrapped.last.total).toBe(63);

    sim().settings.legacyUserArrays = true;
    const bare = await readAll(7);
    expect(bare.users.map((u) => u.remoteId)).toEqual(wrapped.users.map((u) => u.remoteId));
    expect(bare.users.map((u) => u.email)).toEqual(wrapped.users.map((u) => u.email));
    expect(bare.last.total).toBe(63);
  });

  it("reads a bare array once per request, however many positions are asked", async () => {
    sim().settings.legacyUserArrays = true;
    const page = await h.connector.users.list({ filter: {}, offset: 0, limit: 1000 }, h.session());
    expect(page.items).toHaveLength(63);
    expect(page.hasMore).toBe(false);
    expect(calls()).toEqual(["/get_users&limit=250&offset=0"]);
  });

  it("answers a large id batch from the bare array too", async () => {
    sim().settings.legacyUserArrays = true;
    const ids = ["1", "2", "3", ...Array.from({ length: 20 }, (_, i) => String(100 + i)), "999999"];
    const result = await h.connector.users.getMany(ids, h.session());
    expect(result.slice(0, -1).every((u) => !(u instanceof Error))).toBe(true);
    expect((result.at(-1) as SourceError).code).toBe(ErrorCode.NOT_FOUND);
    expect(calls()).toEqual(["/get_users&limit=250&offset=0"]);
  });
});
