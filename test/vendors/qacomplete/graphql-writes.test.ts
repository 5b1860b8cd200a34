/**
 * QAComplete user administration through GraphQL: each mutation's effect is seen in its own
 * payload (the same operation reads the new state) and again by a separate, later query, and the
 * calls that reach the simulator are counted.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { qacomplete } from "../../../src/vendors/qacomplete/index.js";
import type { QacSimulator } from "../../../src/vendors/qacomplete/simulator/index.js";
import { type GatewayHarness, startGateway } from "../../support/gateway-harness.js";

interface MutationError {
  code: string;
  field: string | null;
  message: string;
}
interface UserView {
  id: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  active: boolean;
  admin: boolean | null;
  department: { remoteId: string; name: string | null } | null;
  permissions: Array<{ role: string; level: string; project: { remoteId: string; name: string } | null }>;
}
interface UserResult {
  status: string;
  source: { id: string };
  error: MutationError | null;
  user: UserView | null;
}
interface AccessResult {
  status: string;
  userId: string;
  role: string | null;
  error: MutationError | null;
  permission: { role: string; level: string; project: { remoteId: string; name: string } | null } | null;
  user: UserView | null;
}

const USER = `id email firstName lastName active admin department { remoteId name }
  permissions { role level project { remoteId name } }`;
const RESULT = `status source { id } error { code field message } user { ${USER} }`;
const ACCESS = `status userId role error { code field message }
  permission { role level project { remoteId name } } user { ${USER} }`;

const user = (id: number) => `qacomplete:User:${id}`;
const project = (id: number) => `qacomplete:Project:${id}`;

describe("QAComplete writes through GraphQL", () => {
  let gw: GatewayHarness;
  beforeAll(async () => {
    gw = await startGateway({ instances: [{ vendor: qacomplete, id: "qacomplete" }], users: 20 });
  });
  afterAll(() => gw?.stop());
  beforeEach(() => gw.clearLogs());

  const sim = () => gw.sims.get("qacomplete")!;
  const routes = () =>
    sim()
      .log.list()
      .map((e) => `${e.method} ${e.path}`);
  const count = (route: string) => routes().filter((r) => r === route).length;
  const writes = () => routes().filter((r) => !r.startsWith("GET "));

  async function mutate<T>(
    field: string,
    input: string,
    selection: string,
  ): Promise<{ ok: boolean; results: T[] }> {
    const { data, errors } = await gw.mutate<Record<string, { ok: boolean; results: T[] }>>(
      `mutation { ${field}(input: ${input}) { ok results { ${selection} } } }`,
    );
    expect(errors).toBeUndefined();
    return data![field]!;
  }

  async function read(id: string): Promise<UserView> {
    const { data, errors } = await gw.gql<{ node: UserView }>(
      `{ node(id: "${id}") { ... on User { ${USER} } } }`,
    );
    expect(errors).toBeUndefined();
    return data!.node;
  }

  async function userCount(): Promise<number> {
    const { data } = await gw.gql<{ users: { totalCount: number } }>(
      `{ users(sources: ["qacomplete"], first: 0) { totalCount } }`,
    );
    return data!.users.totalCount;
  }

  it("reports what it can write", async () => {
    const { data } = await gw.gql<{ source: { capabilities: string[] } }>(
      `{ source(id: "qacomplete") { capabilities } }`,
    );
    expect(data!.source.capabilities).toEqual(
      expect.arrayContaining(["INVITE_USERS", "UPDATE_USERS", "DEACTIVATE_USERS", "ASSIGN_PROJECTS"]),
    );
    for (const missing of ["REACTIVATE_USERS", "DELETE_USERS", "MANAGE_TEAM_MEMBERS", "MANAGE_GROUPS"])
      expect(data!.source.capabilities).not.toContain(missing);
  });

  describe("inviteUser", () => {
    it("creates the account with one POST; the payload and a later usersByEmail show it", async () => {
      const before = await userCount();
      gw.clearLogs();
      const { ok, results } = await mutate<UserResult>(
        "inviteUser",
        `{ email: "grace.new@example.com", firstName: "Grace", lastName: "New", sources: ["qacomplete"] }`,
        RESULT,
      );
      expect(ok).toBe(true);
      expect(results).toHaveLength(1);
      expect(results[0]).toMatchObject({
        status: "CREATED",
        error: null,
        user: {
          email: "grace.new@example.com",
          firstName: "Grace",
          active: true,
          admin: false,
          department: { remoteId: "8162", name: "Quality Engineering" },
          permissions: [],
        },
      });
      expect(writes()).toEqual(["POST /depts/8162/users"]);
      const { data } = await gw.gql<{ usersByEmail: Array<{ id: string }> }>(
        `{ usersByEmail(email: "grace.new@example.com") { id } }`,
      );
      expect(data!.usersByEmail.map((u) => u.id)).toEqual([results[0]!.user!.id]);
      expect(await userCount()).toBe(before + 1);
    });

    it("answers a second invite of the same email with ALREADY_EXISTS and the existing user, creating nothing", async () => {
      const input = `{ email: "twice@example.com", firstName: "Two", lastName: "Times", sources: ["qacomplete"] }`;
      const first = await mutate<UserResult>("inviteUser", input, RESULT);
      const before = await userCount();
      gw.clearLogs();
      const { ok, results } = await mutate<UserResult>("inviteUser", input, RESULT);
      expect(ok).toBe(true);
      expect(results[0]).toMatchObject({
        status: "ALREADY_EXISTS",
        error: null,
        user: { id: first.results[0]!.user!.id, email: "twice@example.com" },
      });
      expect(writes()).toEqual([]);
      expect(await userCount()).toBe(before);
    });

    it("is the inviteUser default for QAComplete too (no sources given), and finds a seeded email", async () => {
      const { results } = await mutate<UserResult>(
        "inviteUser",
        `{ email: "john.doe@example.com", firstName: "John", lastName: "Doe" }`,
        RESULT,
      );
      expect(results.map((r) => [r.source.id, r.status, r.user?.id])).toEqual([
        ["qacomplete", "ALREADY_EXISTS", "qacomplete:User:24793"],
      ]);
    });

    it("makes a security administrator from globalRole, shown as the instance-wide permission", async () => {
      const { results } = await mutate<UserResult>(
        "inviteUser",
        `{ email: "sec.admin@example.com", firstName: "Sec", lastName: "Admin", globalRole: "Security Administrator" }`,
        RESULT,
      );
      expect(results[0]!.user).toMatchObject({
        admin: true,
        permissions: [{ role: "Security Administrator", level: "ADMIN", project: null }],
      });
      expect((await read(results[0]!.user!.id)).admin).toBe(true);
    });

    it("creates the account without a password it can't set, and says so in a warning", async () => {
      const { ok, results } = await gw
        .mutate<{ inviteUser: { ok: boolean; results: Array<{ status: string; warnings: string[] }> } }>(
          `mutation { inviteUser(input: { email: "with.password@example.com", firstName: "With", lastName: "Password", password: "Secret#123" }) { ok results { status warnings } } }`,
        )
        .then((r) => r.data!.inviteUser);
      expect(ok).toBe(true);
      expect(results[0]!.status).toBe("CREATED");
      expect(results[0]!.warnings[0]).toContain("can't set a password");
    });

    const refusals: Array<[string, string, string]> = [
      ["an unknown instance-wide role", `globalRole: "Owner"`, "input.globalRole"],
      ["a login that is not the email", `login: "jdoe"`, "input.login"],
    ];
    for (const [what, extra, field] of refusals) {
      it(`refuses ${what} with BAD_USER_INPUT on \`${field}\`, reaching no write`, async () => {
        const { ok, results } = await mutate<UserResult>(
          "inviteUser",
          `{ email: "refused@example.com", firstName: "Re", lastName: "Fused", ${extra} }`,
          RESULT,
        );
        expect(ok).toBe(false);
        expect(results[0]).toMatchObject({
          status: "FAILED",
          error: { code: "BAD_USER_INPUT", field },
          user: null,
        });
        expect(sim().log.total).toBe(0);
      });
    }

    it("passes QAComplete's own refusal of a login taken in another department as BAD_USER_INPUT on input.email", async () => {
      const { results } = await mutate<UserResult>(
        "inviteUser",
        `{ email: "marco.rossi@contractor.example", firstName: "Marco", lastName: "Rossi" }`,
        RESULT,
      );
      expect(results[0]!.error).toMatchObject({ code: "BAD_USER_INPUT", field: "input.email" });
      expect(results[0]!.error!.message).toContain("already used by another user");
      expect(count("POST /depts/8162/users")).toBe(1);
    });
  });

  describe("updateUser", () => {
    it("PATCHes the changed names; the payload and a later query show them", async () => {
      const { results } = await mutate<UserResult>(
        "updateUser",
        `{ user: "${user(30001)}", firstName: "Gracie", lastName: "Hopper-Smith" }`,
        RESULT,
      );
      expect(results[0]).toMatchObject({
        status: "UPDATED",
        user: { id: user(30001), firstName: "Gracie", lastName: "Hopper-Smith" },
      });
      expect(writes()).toEqual(["PATCH /depts/8162/users/30001"]);
      expect(await read(user(30001))).toMatchObject({ firstName: "Gracie", lastName: "Hopper-Smith" });
    });

    it("grants and takes the instance-wide Security Administrator role", async () => {
      const promoted = await mutate<UserResult>(
        "updateUser",
        `{ user: "${user(30002)}", globalRole: "Security Administrator" }`,
        RESULT,
      );
      expect(promoted.results[0]!.user!.permissions).toContainEqual({
        role: "Security Administrator",
        level: "ADMIN",
        project: null,
      });
      const demoted = await mutate<UserResult>(
        "updateUser",
        `{ user: "${user(30002)}", globalRole: "User" }`,
        RESULT,
      );
      expect(demoted.results[0]!.user!.admin).toBe(false);
      expect((await read(user(30002))).permissions.filter((p) => p.project === null)).toEqual([]);
    });

    it("refuses an email that is another user's login with BAD_USER_INPUT on input.email", async () => {
      const { results } = await mutate<UserResult>(
        "updateUser",
        `{ user: "${user(30003)}", email: "john.doe@example.com" }`,
        RESULT,
      );
      expect(results[0]!.error).toMatchObject({ code: "BAD_USER_INPUT", field: "input.email" });
      expect(writes()).toEqual([]);
    });
  });

  describe("setUserActive", () => {
    it("deactivates with one DELETE per user (it disables, nothing is deleted); a later query shows them inactive", async () => {
      const { ok, results } = await mutate<UserResult>(
        "setUserActive",
        `{ users: ["${user(30004)}", "${user(30005)}"], active: false }`,
        RESULT,
      );
      expect(ok).toBe(true);
      expect(results.map((r) => [r.status, r.user?.id, r.user?.active])).toEqual([
        ["UPDATED", user(30004), false],
        ["UPDATED", user(30005), false],
      ]);
      expect(writes().sort()).toEqual(["DELETE /depts/8162/users/30004", "DELETE /depts/8162/users/30005"]);
      const { data } = await gw.gql<{ nodes: Array<{ active: boolean }> }>(
        `{ nodes(ids: ["${user(30004)}", "${user(30005)}"]) { ... on User { active } } }`,
      );
      expect(data!.nodes).toEqual([{ active: false }, { active: false }]);
    });

    it("answers reactivation with UNSUPPORTED_BY_SOURCE and its reason, reaching QAComplete not at all", async () => {
      const { ok, results } = await mutate<UserResult>(
        "setUserActive",
        `{ users: ["${user(30004)}"], active: true }`,
        RESULT,
      );
      expect(ok).toBe(false);
      expect(results[0]!.error).toMatchObject({ code: "UNSUPPORTED_BY_SOURCE" });
      expect(results[0]!.error!.message).toMatch(/cannot reactivate/);
      expect(sim().log.total).toBe(0);
      expect((await read(user(30004))).active).toBe(false);
    });
  });

  it("answers deleteUsers with UNSUPPORTED_BY_SOURCE (QAComplete only disables: use setUserActive)", async () => {
    const { results } = await mutate<{ status: string; error: MutationError | null }>(
      "deleteUsers",
      `{ users: ["${user(30006)}"] }`,
      "status error { code field message }",
    );
    expect(results[0]).toMatchObject({ status: "FAILED", error: { code: "UNSUPPORTED_BY_SOURCE" } });
    expect(sim().log.total).toBe(0);
    expect(await read(user(30006))).toMatchObject({ id: user(30006) });
  });

  it("answers team and group mutations with UNSUPPORTED_BY_SOURCE (QAComplete has neither)", async () => {
    const { data, errors } = await gw.mutate<{
      subscribeUserToTeams: { results: Array<{ error: MutationError }> };
      createGroup: { results: Array<{ error: MutationError }> };
    }>(`mutation {
      subscribeUserToTeams(input: { user: "${user(30006)}", teams: ["qacomplete:Team:1"] }) { results { error { code } } }
      createGroup(input: { source: "qacomplete", name: "Release crew" }) { results { error { code } } }
    }`);
    expect(errors).toBeUndefined();
    expect(data!.subscribeUserToTeams.results[0]!.error.code).toBe("UNSUPPORTED_BY_SOURCE");
    expect(data!.createGroup.results[0]!.error.code).toBe("UNSUPPORTED_BY_SOURCE");
    expect(sim().log.total).toBe(0);
  });

  describe("project access", () => {
    it("assigns several users with ONE securitygroups PATCH each; the payload and a later query show the role", async () => {
      const ids = [30007, 30008, 30009];
      const state = (sim() as QacSimulator).state;
      const held = ids.map((id) => state.memberships.get(id)?.has(11877) ?? false);
      const { ok, results } = await mutate<AccessResult>(
        "assignUsersToProject",
        `{ project: "${project(11877)}", users: [${ids.map((id) => `"${user(id)}"`).join(", ")}], role: "Testers" }`,
        ACCESS,
      );
      expect(ok).toBe(true);
      // A user who held a group on 11877 before has it changed (UPDATED); for the others it is new.
      for (const [i, result] of results.entries()) {
        expect(result).toMatchObject({
          status: held[i] ? "UPDATED" : "CREATED",
          role: "Testers",
          permission: {
            role: "Testers",
            level: "EXECUTE",
            project: { remoteId: "11877", name: "Data Platform" },
          },
        });
        expect(result.user!.permissions).toContainEqual({
          role: "Testers",
          level: "EXECUTE",
          project: { remoteId: "11877", name: "Data Platform" },
        });
      }
      expect(writes().sort()).toEqual(ids.map((id) => `PATCH /depts/8162/users/${id}/securitygroups`));
      expect(count("GET /depts/8162/securitygroups")).toBe(1); // the role names, read once
      for (const id of ids)
        expect((await read(user(id))).permissions).toContainEqual({
          role: "Testers",
          level: "EXECUTE",
          project: { remoteId: "11877", name: "Data Platform" },
        });
    });

    it("costs exactly the role list, the project list, and one read and one PATCH per user", async () => {
      const { ok } = await mutate<AccessResult>(
        "assignUsersToProject",
        `{ project: "${project(11875)}", users: ["${user(30014)}", "${user(30015)}"], role: "Read Only" }`,
        "status permission { role project { name } }",
      );
      expect(ok).toBe(true);
      // Each user's groups as they stand decide CREATED, UPDATED or UNCHANGED (and what to send).
      expect(routes().sort()).toEqual([
        "GET /depts/8162/securitygroups",
        "GET /depts/8162/users/30014/securitygroups",
        "GET /depts/8162/users/30015/securitygroups",
        "GET /projects",
        "PATCH /depts/8162/users/30014/securitygroups",
        "PATCH /depts/8162/users/30015/securitygroups",
      ]);
    });

    it("changes a user's group on a project they already hold (PATCH sets the group per project)", async () => {
      await mutate<AccessResult>(
        "assignUserToProject",
        `{ user: "${user(30010)}", project: "${project(11876)}", role: "Read Only" }`,
        ACCESS,
      );
      const { results } = await mutate<AccessResult>(
        "assignUserToProject",
        `{ user: "${user(30010)}", project: "${project(11876)}", role: "Developers" }`,
        ACCESS,
      );
      expect(results[0]!.status).toBe("UPDATED");
      expect(results[0]!.permission).toMatchObject({ role: "Developers", level: "EDIT" });
      const onProject = (await read(user(30010))).permissions.filter((p) => p.project?.remoteId === "11876");
      expect(onProject.map((p) => p.role)).toEqual(["Developers"]);
    });

    it("refuses a missing role (QAComplete has no default group) and an unknown one with BAD_USER_INPUT on input.role", async () => {
      for (const role of ["", `role: "Chiefs",`]) {
        const { results } = await mutate<AccessResult>(
          "assignUserToProject",
          `{ ${role} user: "${user(30011)}", project: "${project(11873)}" }`,
          ACCESS,
        );
        expect(results[0]).toMatchObject({
          status: "FAILED",
          error: { code: "BAD_USER_INPUT", field: "input.role" },
        });
      }
      expect(writes()).toEqual([]);
    });

    it("unassigns with one read and ONE PUT per user; the payload says DELETED and a later query shows no role there", async () => {
      const ids = [30012, 30013];
      await mutate<AccessResult>(
        "assignUsersToProject",
        `{ project: "${project(11878)}", users: ["${user(30012)}", "${user(30013)}"], role: "Testers" }`,
        ACCESS,
      );
      const kept = (await read(user(30012))).permissions.filter(
        (p) => p.project && p.project.remoteId !== "11878",
      );
      gw.clearLogs();
      const bare = await mutate<AccessResult>(
        "unassignUsersFromProject",
        `{ project: "${project(11878)}", users: ["${user(30016)}"] }`,
        "status",
      );
      // The project list (is it this department's?), the user's list; no PUT: 30016 doesn't hold 11878.
      expect(bare.results[0]!.status).toBe("UNCHANGED");
      expect(routes().sort()).toEqual(["GET /depts/8162/users/30016/securitygroups", "GET /projects"]);
      gw.clearLogs();
      const { ok, results } = await mutate<AccessResult>(
        "unassignUsersFromProject",
        `{ project: "${project(11878)}", users: ["${user(30012)}", "${user(30013)}"] }`,
        `status permission { role } user { ${USER} }`,
      );
      expect(ok).toBe(true);
      for (const result of results) {
        expect(result).toMatchObject({ status: "DELETED", permission: null });
        expect(result.user!.permissions.map((p) => p.project?.remoteId)).not.toContain("11878");
      }
      expect(writes().sort()).toEqual(ids.map((id) => `PUT /depts/8162/users/${id}/securitygroups`));
      for (const id of ids) {
        const permissions = (await read(user(id))).permissions;
        expect(permissions.map((p) => p.project?.remoteId)).not.toContain("11878");
        if (id === 30012) expect(permissions.filter((p) => p.project !== null)).toEqual(kept);
      }
    });
  });
});
