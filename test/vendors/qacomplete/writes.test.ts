import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ErrorCode, InputError, SourceError } from "../../../src/model/errors.js";
import { PermissionLevel, type UserRecord } from "../../../src/model/records.js";
import type { ConnectorWrites, GrantOutcome } from "../../../src/vendors/connector-writes.js";
import { qacomplete } from "../../../src/vendors/qacomplete/index.js";
import type { QacSimulator } from "../../../src/vendors/qacomplete/simulator/index.js";
import { putUser, setMemberships } from "../../../src/vendors/qacomplete/simulator/state.js";
import { startVendor, type VendorHarness } from "../../support/vendor-harness.js";

/** The writer of QAComplete against its simulator over real HTTP, counted in the simulator's log. */
describe("QAComplete writes against the simulator", () => {
  let h: VendorHarness;
  let sim: QacSimulator;
  let writes: Required<Pick<ConnectorWrites, "users" | "access">>;

  const routes = () => h.sim.log.list().map((e) => `${e.method} ${e.path}`);
  const count = (route: string) => routes().filter((r) => r === route).length;
  const sent = () => routes().filter((r) => !r.startsWith("GET "));
  const filters = () =>
    h.sim.log
      .list()
      .map((e) => new URLSearchParams(e.query).get("Filter"))
      .filter((f) => f !== null);
  const usersWithEmail = (email: string) =>
    [...sim.state.users.values()].filter((u) => u.email.toLowerCase() === email.toLowerCase());
  const groupsOf = (userId: number) => Object.fromEntries(sim.state.memberships.get(userId) ?? []);
  const rejection = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error("expected a rejection");
      },
      (e: unknown) => e as Error,
    );
  const newPerson = (tag: string) => ({
    email: `${tag}@example.com`,
    firstName: "New",
    lastName: tag.replace(/\W/g, ""),
  });

  beforeAll(async () => {
    h = await startVendor(qacomplete, { users: 60, id: "qac" });
    sim = h.sim as QacSimulator;
    const { users, access } = h.connector.writes ?? {};
    if (!users || !access) throw new Error("QAComplete writes users and project access");
    writes = { users, access };
  });
  afterAll(() => h?.stop());
  beforeEach(() => {
    h.sim.log.clear();
    h.sim.faults.clear();
  });

  describe("invite: POST /depts/{DeptId}/users after an email lookup", () => {
    it("creates the user with ONE POST after one Filter=Email lookup, answering the user the vendor returned", async () => {
      const outcome = await writes.users.invite(newPerson("new.hire"), h.session());
      expect(outcome.status).toBe("CREATED");
      expect(outcome.user).toMatchObject({
        sourceId: "qac",
        email: "new.hire@example.com",
        login: "new.hire@example.com",
        displayName: "New newhire",
        active: true,
        admin: false,
        department: { remoteId: "8162", name: "Quality Engineering" },
      });
      expect(sent()).toEqual(["POST /depts/8162/users"]);
      expect(filters()).toEqual(["Email = 'new.hire@example.com'"]);
      expect(routes()).toHaveLength(3); // the lookup, the department (for the record), the POST
      expect(usersWithEmail("new.hire@example.com")).toHaveLength(1);
    });

    it("answers a second invite of the same email (in any case) with ALREADY_EXISTS and the existing user, sending no POST", async () => {
      const first = await writes.users.invite(newPerson("twice"), h.session());
      h.sim.log.clear();
      const usersBefore = sim.state.users.size;
      const again = await writes.users.invite(
        { ...newPerson("twice"), email: "TWICE@example.com" },
        h.session(),
      );
      expect(again.status).toBe("ALREADY_EXISTS");
      expect(again.user.remoteId).toBe(first.user.remoteId);
      expect(sent()).toEqual([]);
      expect(sim.state.users.size).toBe(usersBefore);
    });

    it("finds a seeded user as ALREADY_EXISTS too (the seed page's John Doe)", async () => {
      const outcome = await writes.users.invite(
        { email: "john.doe@example.com", firstName: "John", lastName: "Doe" },
        h.session(),
      );
      expect(outcome).toMatchObject({ status: "ALREADY_EXISTS", user: { remoteId: "24793" } });
    });

    it("sends globalRole 'Security Administrator' as IsSecurityAdmin", async () => {
      const outcome = await writes.users.invite(
        { ...newPerson("new.admin"), globalRole: "Security Administrator" },
        h.session(),
      );
      expect(outcome.user.admin).toBe(true);
      expect(usersWithEmail("new.admin@example.com")[0]?.is_security_admin).toBe(true);
    });

    const refusals: Array<[string, Record<string, unknown>, string]> = [
      ["a password (QAComplete can't set one)", { password: "secret-123" }, "input.password"],
      ["an unknown instance-wide role", { globalRole: "Owner" }, "input.globalRole"],
      ["a login other than the email (the login is the email)", { login: "newbie" }, "input.login"],
      ["groups (QAComplete has none)", { groupIds: ["1"] }, "input.groups"],
      ["a blank first name (FirstName is required)", { firstName: " " }, "input.firstName"],
      ["a blank last name (LastName is required)", { lastName: "" }, "input.lastName"],
    ];
    for (const [what, extra, field] of refusals) {
      it(`refuses ${what} naming \`${field}\`, before any call`, async () => {
        const error = await rejection(
          writes.users.invite({ ...newPerson("refused"), ...extra }, h.session()),
        );
        expect(error).toBeInstanceOf(InputError);
        expect((error as InputError).field).toBe(field);
        expect(h.sim.log.total).toBe(0);
      });
    }

    it("keeps the password out of the error it refuses it with", async () => {
      const error = await rejection(
        writes.users.invite({ ...newPerson("secret"), password: "hunter2-secret" }, h.session()),
      );
      expect(JSON.stringify({ ...error, text: error.message, stack: error.stack })).not.toContain(
        "hunter2-secret",
      );
    });

    it("turns QAComplete's own 400 for an email used in ANOTHER department into BAD_USER_INPUT on input.email", async () => {
      // 29001 is filed under department 9001 only: this department's lookup can't see the login.
      const error = await rejection(
        writes.users.invite(
          { email: "priya.raman@contractor.example", firstName: "Priya", lastName: "Raman" },
          h.session(),
        ),
      );
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).field).toBe("input.email");
      expect(error.message).toContain("already used by another user");
      expect(count("POST /depts/8162/users")).toBe(1);
    });

    it("never retries the POST: a 5xx is sent once, then settled by the email lookup (nothing created: the error)", async () => {
      h.sim.faults.inject({ kind: "5xx", match: "POST /depts/8162/users", times: 1 });
      const error = await rejection(writes.users.invite(newPerson("five.hundred"), h.session()));
      expect((error as SourceError).code).toBe(ErrorCode.SOURCE_UNAVAILABLE);
      expect(count("POST /depts/8162/users")).toBe(1);
      expect(routes().at(-1)).toBe("GET /depts/8162/users");
      expect(filters()).toEqual(["Email = 'five.hundred@example.com'", "Email = 'five.hundred@example.com'"]);
      expect(usersWithEmail("five.hundred@example.com")).toHaveLength(0);
    });

    it("settles a lost answer (committed, then 504) by a read: CREATED, one POST, no duplicate", async () => {
      sim.faults.inject({ kind: "lose-answer", match: "POST /depts/8162/users", times: 1 });
      const outcome = await writes.users.invite(newPerson("lost.answer"), h.session());
      expect(outcome.status).toBe("CREATED");
      expect(outcome.user.email).toBe("lost.answer@example.com");
      expect(count("POST /depts/8162/users")).toBe(1);
      expect(usersWithEmail("lost.answer@example.com")).toHaveLength(1);
    });
  });

  describe("update: PATCH /depts/{DeptId}/users/{UserId}", () => {
    it("PATCHes only what changes, keeps every other property, and answers the user as it now stands", async () => {
      const before = sim.state.users.get(30010);
      const user = await writes.users.update?.(
        "30010",
        { firstName: "Renamed", lastName: before?.last_name },
        h.session(),
      );
      expect(user).toMatchObject({ remoteId: "30010", firstName: "Renamed", lastName: before?.last_name });
      expect(sim.state.users.get(30010)).toMatchObject({
        first_name: "Renamed",
        title: before?.title,
        company_name: before?.company_name,
        is_security_admin: before?.is_security_admin,
      });
      expect(sent()).toEqual(["PATCH /depts/8162/users/30010"]);
      expect(routes()).toHaveLength(3); // the user (Id in {…}), the department, the PATCH
    });

    it("toggles the security-administrator flag with globalRole, and changes the email (the login)", async () => {
      const promoted = await writes.users.update?.(
        "30011",
        { globalRole: "Security Administrator", email: "moved.person@example.com" },
        h.session(),
      );
      expect(promoted).toMatchObject({ admin: true, email: "moved.person@example.com" });
      const demoted = await writes.users.update?.("30011", { globalRole: "User" }, h.session());
      expect(demoted?.admin).toBe(false);
      expect(usersWithEmail("moved.person@example.com")[0]?.id).toBe(30011);
    });

    it("refuses an email that is another user's login, naming input.email, without a PATCH", async () => {
      const error = await rejection(
        writes.users.update?.("30012", { email: "John.Doe@example.com" }, h.session()) ?? Promise.resolve(),
      );
      expect((error as InputError).field).toBe("input.email");
      expect(sent()).toEqual([]);
    });

    it("sends nothing when nothing differs", async () => {
      const current = sim.state.users.get(30013);
      const user = await writes.users.update?.("30013", { firstName: current?.first_name }, h.session());
      expect(user?.firstName).toBe(current?.first_name);
      expect(sent()).toEqual([]);
    });

    it("answers NOT_FOUND for an unknown user without a PATCH", async () => {
      const error = await rejection(
        writes.users.update?.("999999", { firstName: "X" }, h.session()) ?? Promise.resolve(),
      );
      expect((error as SourceError).code).toBe(ErrorCode.NOT_FOUND);
      expect(sent()).toEqual([]);
    });

    it("refuses a user whose primary department is another one (PATCH works only there), naming input.user", async () => {
      const contractor = sim.state.users.get(29002);
      if (!contractor) throw new Error("seed changed");
      putUser(sim.state, contractor, [8162]);
      const error = await rejection(
        writes.users.update?.("29002", { firstName: "M" }, h.session()) ?? Promise.resolve(),
      );
      expect((error as InputError).field).toBe("input.user");
      expect(sent()).toEqual([]);
    });

    it("settles a lost PATCH answer by reading the user back: one PATCH", async () => {
      sim.faults.inject({ kind: "lose-answer", match: "PATCH /depts/8162/users/30014", times: 1 });
      const user = await writes.users.update?.("30014", { lastName: "Settled" }, h.session());
      expect(user?.lastName).toBe("Settled");
      expect(count("PATCH /depts/8162/users/30014")).toBe(1);
    });
  });

  describe("setActive: DELETE /depts/{DeptId}/users/{UserId} disables", () => {
    it("deactivates N users with N DELETEs and ONE read answering them all, keeping rows and groups", async () => {
      const groups = groupsOf(30015);
      const answers = await writes.users.setActive?.(["30015", "30016", "30017"], false, h.session());
      expect(answers?.map((u) => (u as UserRecord).active)).toEqual([false, false, false]);
      expect(answers?.map((u) => (u as UserRecord).remoteId)).toEqual(["30015", "30016", "30017"]);
      expect(sent().sort()).toEqual([
        "DELETE /depts/8162/users/30015",
        "DELETE /depts/8162/users/30016",
        "DELETE /depts/8162/users/30017",
      ]);
      expect(count("GET /depts/8162/users")).toBe(1);
      expect(filters()).toEqual(["Id in {30015,30016,30017}"]);
      expect(sim.state.users.get(30015)?.is_active).toBe(false);
      expect(groupsOf(30015)).toEqual(groups);
    });

    it("answers reactivation with UNSUPPORTED_BY_SOURCE per user, sending nothing", async () => {
      const answers = await writes.users.setActive?.(["30015", "30018"], true, h.session());
      for (const answer of answers ?? []) {
        expect((answer as SourceError).code).toBe(ErrorCode.UNSUPPORTED_BY_SOURCE);
        expect((answer as Error).message).toMatch(/cannot reactivate/);
      }
      expect(h.sim.log.total).toBe(0);
    });

    it("answers unknown users NOT_FOUND in their slots and still deactivates the others", async () => {
      const answers = await writes.users.setActive?.(["999999", "30019", "abc"], false, h.session());
      expect(answers?.map((a) => (a instanceof SourceError ? a.code : (a as UserRecord).active))).toEqual([
        ErrorCode.NOT_FOUND,
        false,
        ErrorCode.NOT_FOUND,
      ]);
    });

    it("never resends a DELETE that failed with a 5xx: the read settles it (still active: the error)", async () => {
      h.sim.faults.inject({ kind: "5xx", match: "DELETE /depts/8162/users/30020", times: 1 });
      const [answer] = (await writes.users.setActive?.(["30020"], false, h.session())) ?? [];
      expect((answer as SourceError).code).toBe(ErrorCode.SOURCE_UNAVAILABLE);
      expect(count("DELETE /depts/8162/users/30020")).toBe(1);
      expect(sim.state.users.get(30020)?.is_active).toBe(true);
    });

    it("settles a lost DELETE answer by the read: the user is disabled, so it is done", async () => {
      sim.faults.inject({ kind: "lose-answer", match: "DELETE /depts/8162/users/30021", times: 1 });
      const [answer] = (await writes.users.setActive?.(["30021"], false, h.session())) ?? [];
      expect((answer as UserRecord).active).toBe(false);
      expect(count("DELETE /depts/8162/users/30021")).toBe(1);
    });

    it("has no delete: QAComplete only disables (use setActive)", () => {
      expect(writes.users.remove).toBeUndefined();
    });
  });

  describe("project access: security groups per project", () => {
    it("offers the department's security groups as roles, with no default", async () => {
      const roles = await writes.access.projectRoles(h.session());
      expect(roles).toEqual({
        names: ["Security Administrator", "Developers", "Testers", "Read Only", "Release Managers"],
        defaultRole: null,
      });
      expect(routes()).toEqual(["GET /depts/8162/securitygroups"]);
    });

    it("grants several projects to one user in ONE PATCH, and one PATCH per further user", async () => {
      setMemberships(sim.state, 30022, new Map([[11877, "Testers"]]));
      setMemberships(sim.state, 30023, new Map([[11873, "Developers"]]));
      const session = h.session();
      await writes.access.projectRoles(session); // what the GraphQL layer asks first, shared below
      h.sim.log.clear();
      const answers = await writes.access.grant(
        [
          { userId: "30022", projectId: "11873", role: "Developers" },
          { userId: "30023", projectId: "11873", role: "Read Only" },
          { userId: "30022", projectId: "11874", role: "Testers" },
        ],
        session,
      );
      const granted = answers as GrantOutcome[];
      expect(granted.map((a) => [a.status, a.permission.role, a.permission.level])).toEqual([
        ["CREATED", "Developers", PermissionLevel.EDIT],
        ["UPDATED", "Read Only", PermissionLevel.VIEW],
        ["CREATED", "Testers", PermissionLevel.EXECUTE],
      ]);
      expect(granted[0]!.permission.project?.name).toBe("Sample Project");
      expect(sent().sort()).toEqual([
        "PATCH /depts/8162/users/30022/securitygroups",
        "PATCH /depts/8162/users/30023/securitygroups",
      ]);
      // The projects, and each user's groups as they stand (what decides CREATED or UPDATED).
      expect(
        routes()
          .filter((r) => r.startsWith("GET "))
          .sort(),
      ).toEqual([
        "GET /depts/8162/users/30022/securitygroups",
        "GET /depts/8162/users/30023/securitygroups",
        "GET /projects",
      ]);
      expect(groupsOf(30022)).toEqual({ 11873: "Developers", 11874: "Testers", 11877: "Testers" });
    });

    it("sends nothing for a group the user already holds on the project (UNCHANGED)", async () => {
      setMemberships(sim.state, 30029, new Map([[11873, "Testers"]]));
      const [answer] = await writes.access.grant(
        [{ userId: "30029", projectId: "11873", role: "Testers" }],
        h.session(),
      );
      expect(answer).toMatchObject({ status: "UNCHANGED", permission: { role: "Testers" } });
      expect(sent()).toEqual([]);
    });

    it("refuses a null role (no documented default) and an unknown role naming input.role, an unknown project as NOT_FOUND, sending nothing", async () => {
      const answers = await writes.access.grant(
        [
          { userId: "30024", projectId: "11873", role: null },
          { userId: "30024", projectId: "11873", role: "Chiefs" },
          { userId: "30024", projectId: "11900", role: "Testers" },
        ],
        h.session(),
      );
      expect(answers.map((a) => (a instanceof InputError ? a.field : (a as SourceError).code))).toEqual([
        "input.role",
        "input.role",
        ErrorCode.NOT_FOUND,
      ]);
      expect(sent()).toEqual([]);
    });

    it("never resends a PATCH that failed with a 5xx: the user's groups are read instead", async () => {
      h.sim.faults.inject({ kind: "5xx", match: "PATCH /depts/8162/users/30025/securitygroups", times: 1 });
      const [answer] = await writes.access.grant(
        [{ userId: "30025", projectId: "11876", role: "Testers" }],
        h.session(),
      );
      expect((answer as SourceError).code).toBe(ErrorCode.SOURCE_UNAVAILABLE);
      expect(count("PATCH /depts/8162/users/30025/securitygroups")).toBe(1);
      expect(routes().at(-1)).toBe("GET /depts/8162/users/30025/securitygroups");
    });

    it("revokes with one read and ONE PUT per user, the list without those projects, keeping the rest", async () => {
      setMemberships(sim.state, 30026, new Map());
      await writes.access.grant(
        [
          { userId: "30026", projectId: "11873", role: "Testers" },
          { userId: "30026", projectId: "11874", role: "Developers" },
          { userId: "30026", projectId: "11875", role: "Read Only" },
        ],
        h.session(),
      );
      h.sim.log.clear();
      const answers = await writes.access.revoke(
        [
          { userId: "30026", projectId: "11873" },
          { userId: "30026", projectId: "11875" },
        ],
        h.session(),
      );
      expect(answers).toEqual(["DELETED", "DELETED"]);
      expect(sent()).toEqual(["PUT /depts/8162/users/30026/securitygroups"]);
      expect(count("GET /depts/8162/users/30026/securitygroups")).toBe(1);
      expect(groupsOf(30026)).toEqual({ 11874: "Developers" });
    });

    it("writes nothing to revoke a project the user doesn't hold (UNCHANGED)", async () => {
      setMemberships(sim.state, 30027, new Map([[11873, "Testers"]]));
      const answers = await writes.access.revoke([{ userId: "30027", projectId: "11876" }], h.session());
      expect(answers).toEqual(["UNCHANGED"]);
      expect(sent()).toEqual([]);
    });

    it("settles a lost PUT answer by reading the groups back: done, one PUT", async () => {
      setMemberships(sim.state, 30028, new Map([[11873, "Testers"]]));
      sim.faults.inject({
        kind: "lose-answer",
        match: "PUT /depts/8162/users/30028/securitygroups",
        times: 1,
      });
      const answers = await writes.access.revoke([{ userId: "30028", projectId: "11873" }], h.session());
      expect(answers).toEqual(["DELETED"]);
      expect(count("PUT /depts/8162/users/30028/securitygroups")).toBe(1);
    });
  });
});
