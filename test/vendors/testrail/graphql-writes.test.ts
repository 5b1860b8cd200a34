/**
 * TestRail user administration through GraphQL, against its simulator: each mutation's payload
 * shows the new state (the same operation reads it), and a following, separate query shows that
 * TestRail now returns it.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { testRail } from "../../../src/vendors/testrail/index.js";
import type { TestRailSimulator } from "../../../src/vendors/testrail/simulator/index.js";
import { type GatewayHarness, startGateway } from "../../support/gateway-harness.js";

let gw: GatewayHarness;
const sim = () => gw.sims.get("testrail") as TestRailSimulator;
const log = () =>
  sim()
    .log.list()
    .map((e) => `${e.method} ${e.path}`);
const posts = () => log().filter((c) => c.startsWith("POST"));
const uid = (id: number | string) => `testrail:User:${id}`;
const pid = (id: number | string) => `testrail:Project:${id}`;
const gid = (id: number | string) => `testrail:Group:${id}`;

// biome-ignore lint/suspicious/noExplicitAny: GraphQL answers are read here as the JSON they are.
type Json = Record<string, any>;

async function mutate(query: string, variables?: Record<string, unknown>): Promise<Json> {
  const response = await gw.mutate<Json>(query, variables);
  expect(response.errors).toBeUndefined();
  return response.data as Json;
}

async function query(text: string, variables?: Record<string, unknown>): Promise<Json> {
  const response = await gw.gql<Json>(text, variables);
  expect(response.errors).toBeUndefined();
  return response.data as Json;
}

const USER_FIELDS = `id remoteId displayName email active
  permissions { role level project { name } }
  projects { nodes { name } }
  groups { nodes { name } }`;

const userNow = async (id: string) =>
  (await query(`query ($id: ID!) { node(id: $id) { ... on User { ${USER_FIELDS} } } }`, { id })).node;

/** TestRail's paged get_users carries no total, so the directory is counted page by page. */
const userCount = async () =>
  (await query(`{ users(sources: ["testrail"], first: 1000) { nodes { id } } }`)).users.nodes
    .length as number;

beforeAll(async () => {
  gw = await startGateway({ instances: [{ vendor: testRail, id: "testrail" }], users: 20 });
});
afterAll(() => gw?.stop());
beforeEach(() => gw.clearLogs());

describe("TestRail source: capabilities", () => {
  it("says what it can write, and that it cannot delete users or manage teams", async () => {
    const { source } = await query(`{ source(id: "testrail") { capabilities } }`);
    expect(source.capabilities).toEqual(
      expect.arrayContaining([
        "INVITE_USERS",
        "UPDATE_USERS",
        "DEACTIVATE_USERS",
        "REACTIVATE_USERS",
        "ASSIGN_PROJECTS",
        "MANAGE_GROUPS",
      ]),
    );
    expect(source.capabilities).not.toContain("DELETE_USERS");
    expect(source.capabilities).not.toContain("MANAGE_TEAM_MEMBERS");
  });
});

describe("inviteUser on TestRail", () => {
  const INVITE = `mutation ($input: InviteUserInput!) {
    inviteUser(input: $input) {
      ok
      results { status source { id } error { code field message } user { ${USER_FIELDS} } }
    }
  }`;
  const input = {
    email: "nadia.okafor@example.org",
    firstName: "Nadia",
    lastName: "Okafor",
    globalRole: "Designer",
    groups: [gid(2)],
    sources: ["testrail"],
  };

  it("creates an active user with the role and group asked; TestRail then returns it", async () => {
    const before = await userCount();
    const { inviteUser } = await mutate(INVITE, { input });
    expect(inviteUser.ok).toBe(true);
    const [result] = inviteUser.results;
    expect(result).toMatchObject({ status: "CREATED", error: null, source: { id: "testrail" } });
    expect(result.user).toMatchObject({ displayName: "Nadia Okafor", email: input.email, active: true });
    expect(result.user.permissions).toContainEqual({ role: "Designer", level: "EDIT", project: null });
    expect(result.user.groups.nodes).toEqual([{ name: "Developers" }]);
    // Mobile Banking defaults to "Global Role": a new Designer works there at once.
    expect(result.user.projects.nodes).toContainEqual({ name: "Mobile Banking" });

    expect(await userCount()).toBe(before + 1);
    const { usersByEmail } = await query(`{ usersByEmail(email: "NADIA.okafor@example.org") { id active } }`);
    expect(usersByEmail).toEqual([{ id: result.user.id, active: true }]);
  });

  it("answers a second invite of the same email ALREADY_EXISTS with the existing user, creating nothing", async () => {
    const before = await userCount();
    gw.clearLogs();
    const { inviteUser } = await mutate(INVITE, { input: { ...input, firstName: "Other" } });
    const [result] = inviteUser.results;
    expect(inviteUser.ok).toBe(true);
    expect(result.status).toBe("ALREADY_EXISTS");
    expect(result.error).toBeNull();
    expect(result.user).toMatchObject({ displayName: "Nadia Okafor", email: input.email });
    expect(posts()).toEqual([]);
    expect(await userCount()).toBe(before);
  });

  it("refuses a role TestRail does not have as BAD_USER_INPUT on input.globalRole, before writing", async () => {
    const { inviteUser } = await mutate(INVITE, {
      input: { ...input, email: "someone.else@example.org", globalRole: "Overlord" },
    });
    expect(inviteUser.ok).toBe(false);
    expect(inviteUser.results[0]).toMatchObject({
      status: "FAILED",
      user: null,
      error: { code: "BAD_USER_INPUT", field: "input.globalRole" },
    });
    expect(posts()).toEqual([]);
  });

  it("keeps the password out of every answer and record", async () => {
    const response = await gw.mutate(INVITE, {
      input: { ...input, email: "pat.secret@example.org", password: "Sup3r-secret-pw", groups: [] },
    });
    expect(JSON.stringify(response)).not.toContain("Sup3r-secret-pw");
    expect(gw.logs.join("\n")).not.toContain("Sup3r-secret-pw");
  });
});

describe("updateUser and setUserActive on TestRail", () => {
  const UPDATE = `mutation ($input: UpdateUserInput!) {
    updateUser(input: $input) { ok results { status error { code field } user { ${USER_FIELDS} } } }
  }`;
  const ACTIVE = `mutation ($users: [ID!]!, $active: Boolean!) {
    setUserActive(input: { users: $users, active: $active }) {
      ok results { status error { code } user { id active projects { nodes { name } } } }
    }
  }`;

  it("renames a user and changes the global role; TestRail then returns both", async () => {
    const { updateUser } = await mutate(UPDATE, {
      input: { user: uid(2), firstName: "Ciarán", lastName: "Davenport", globalRole: "Lead" },
    });
    expect(updateUser.results[0]).toMatchObject({ status: "UPDATED", error: null });
    expect(updateUser.results[0].user.displayName).toBe("Ciarán Davenport");
    expect(updateUser.results[0].user.permissions).toContainEqual({
      role: "Lead",
      level: "MANAGE",
      project: null,
    });
    expect(posts()).toEqual(["POST /update_user/2"]);

    const now = await userNow(uid(2));
    expect(now.displayName).toBe("Ciarán Davenport");
    expect(now.permissions).toContainEqual({ role: "Lead", level: "MANAGE", project: null });
  });

  it("asks for both names (TestRail keeps one) as BAD_USER_INPUT on input.lastName", async () => {
    const { updateUser } = await mutate(UPDATE, { input: { user: uid(2), firstName: "Solo" } });
    expect(updateUser.results[0].error).toEqual({ code: "BAD_USER_INPUT", field: "input.lastName" });
    expect(posts()).toEqual([]);
  });

  it("deactivates and reactivates users, one update_user each; projects follow", async () => {
    const users = [uid(1), uid(101)];
    const off = (await mutate(ACTIVE, { users, active: false })).setUserActive;
    expect(off.ok).toBe(true);
    for (const r of off.results) expect(r).toMatchObject({ status: "UPDATED", user: { active: false } });
    // Inactive users are left out of get_users/{project_id}: no project shows them any more.
    for (const r of off.results) expect(r.user.projects.nodes).toEqual([]);
    expect(posts().sort()).toEqual(["POST /update_user/1", "POST /update_user/101"]);

    expect((await userNow(uid(1))).active).toBe(false);
    expect((await userNow(uid(1))).projects.nodes).toEqual([]);

    const on = (await mutate(ACTIVE, { users, active: true })).setUserActive;
    expect(on.results.map((r: Json) => r.user.active)).toEqual([true, true]);
    const back = await userNow(uid(1));
    expect(back.active).toBe(true);
    expect(back.projects.nodes).toContainEqual({ name: "Web Portal" });
  });

  it("cannot delete users: UNSUPPORTED_BY_SOURCE (deactivate instead)", async () => {
    const { deleteUsers } = await mutate(
      `mutation { deleteUsers(input: { users: ["${uid(101)}"] }) { ok results { status error { code } } } }`,
    );
    expect(deleteUsers.results).toEqual([{ status: "FAILED", error: { code: "UNSUPPORTED_BY_SOURCE" } }]);
    expect(log()).toEqual([]);
    expect(await userNow(uid(101))).not.toBeNull();
  });

  it("has no teams to subscribe to: UNSUPPORTED_BY_SOURCE", async () => {
    const { subscribeUserToTeams } = await mutate(
      `mutation { subscribeUserToTeams(input: { user: "${uid(1)}", teams: ["testrail:Team:1"] }) { results { error { code } } } }`,
    );
    expect(subscribeUserToTeams.results[0].error.code).toBe("UNSUPPORTED_BY_SOURCE");
  });
});

describe("project access on TestRail", () => {
  const ASSIGN = `mutation ($project: ID!, $users: [ID!]!, $role: String) {
    assignUsersToProject(input: { project: $project, users: $users, role: $role }) {
      ok results { status userId error { code field } permission { role level project { name } } }
    }
  }`;
  const members = async (project: string) =>
    (
      await query(
        `query ($id: ID!) { node(id: $id) { ... on Project { members { nodes { remoteId } } } } }`,
        {
          id: project,
        },
      )
    ).node.members.nodes.map((n: Json) => n.remoteId as string);

  it("assigns five users with ONE update_project (4 calls in all); TestRail then lists them", async () => {
    const users = [100, 102, 103, 104, 105].map(uid);
    const overridden = new Set(sim().state.projects.get(6)?.users.keys());
    const { assignUsersToProject } = await mutate(ASSIGN, { project: pid(6), users, role: "Lead" });
    expect(assignUsersToProject.ok).toBe(true);
    // A user with an override of their own there before (103: Designer) is UPDATED; the rest CREATED.
    expect(overridden.has(103)).toBe(true);
    for (const [i, r] of (assignUsersToProject.results as Json[]).entries())
      expect(r).toMatchObject({
        status: overridden.has([100, 102, 103, 104, 105][i]!) ? "UPDATED" : "CREATED",
        permission: { role: "Lead", level: "MANAGE", project: { name: "Security Review" } },
      });
    // get_roles (the role check), one get_users page for five users, the overrides as they stand,
    // one write carrying them all.
    expect(log().sort()).toEqual([
      "GET /get_project/6",
      "GET /get_roles",
      "GET /get_users",
      "POST /update_project/6",
    ]);

    const activeOnes = [100, 102, 103, 104, 105].filter((id) => sim().state.users.get(id)?.is_active);
    expect(await members(pid(6))).toEqual(expect.arrayContaining(activeOnes.map(String)));
    expect((await userNow(uid(activeOnes[0]!))).projects.nodes).toContainEqual({ name: "Security Review" });
  });

  it("assigns one user without a role as Global Role, and the same operation shows the project", async () => {
    const { assignUserToProject } = await mutate(`mutation {
      assignUserToProject(input: { user: "${uid(2)}", project: "${pid(3)}" }) {
        results { status role permission { role level } user { projects { nodes { name } } } }
      }
    }`);
    const [result] = assignUserToProject.results;
    // Ciaran's global role (Lead since the update above) applies on Payments API, where he had no
    // override of his own: a new assignment.
    expect(result).toMatchObject({
      status: "CREATED",
      role: null,
      permission: { role: "Lead", level: "MANAGE" },
    });
    expect(result.user.projects.nodes).toContainEqual({ name: "Payments API" });
    expect((await userNow(uid(2))).permissions).toContainEqual({
      role: "Lead",
      level: "MANAGE",
      project: { name: "Payments API" },
    });
  });

  it("refuses a role TestRail does not have as BAD_USER_INPUT on input.role, before writing", async () => {
    const { assignUsersToProject } = await mutate(ASSIGN, {
      project: pid(6),
      users: [uid(2)],
      role: "Overlord",
    });
    expect(assignUsersToProject.results[0].error).toEqual({ code: "BAD_USER_INPUT", field: "input.role" });
    expect(posts()).toEqual([]);
  });

  it("unassigns with a No Access override; the user then has no role there", async () => {
    expect(await members(pid(3))).toContain("1");
    const { unassignUsersFromProject } = await mutate(`mutation {
      unassignUsersFromProject(input: { project: "${pid(3)}", users: ["${uid(1)}"] }) {
        ok results { status permission { role } error { code } }
      }
    }`);
    expect(unassignUsersFromProject.results).toEqual([{ status: "DELETED", permission: null, error: null }]);
    expect(posts()).toEqual(["POST /update_project/3"]);
    expect(await members(pid(3))).not.toContain("1");
    const alexis = await userNow(uid(1));
    expect(alexis.projects.nodes).not.toContainEqual({ name: "Payments API" });
    // Her other projects are untouched.
    expect(alexis.projects.nodes).toContainEqual({ name: "Web Portal" });
  });

  it("unassigns by clearing the user's override where the project's default leaves them no access", async () => {
    // Security Review defaults to No Access and gives no group access; user 103 was made Lead above.
    expect(await members(pid(6))).toContain("103");
    const { unassignUsersFromProject } = await mutate(`mutation {
      unassignUsersFromProject(input: { project: "${pid(6)}", users: ["${uid(103)}"] }) {
        ok results { status error { code message } }
      }
    }`);
    expect(unassignUsersFromProject).toEqual({ ok: true, results: [{ status: "DELETED", error: null }] });
    expect(posts()).toEqual(["POST /update_project/6"]);
    // No No Access override: the override is gone, and TestRail no longer lists the user.
    expect(sim().state.projects.get(6)?.users.has(103)).toBe(false);
    expect(await members(pid(6))).not.toContain("103");
    expect((await userNow(uid(103))).projects.nodes).not.toContainEqual({ name: "Security Review" });
  });

  describe("on an instance whose get_roles has no No Access role", () => {
    const UNASSIGN_MANY = `mutation ($assignments: [ProjectUnassignmentInput!]!) {
      unassignUsersFromProjects(input: { assignments: $assignments }) {
        ok results { status userId projectId error { code message retryable } }
      }
    }`;
    beforeEach(() => {
      sim().settings.listNoAccessRole = false;
    });
    afterAll(() => {
      sim().settings.listNoAccessRole = true;
    });

    it("still unassigns where clearing is enough, and says precisely why it cannot elsewhere", async () => {
      const { unassignUsersFromProjects } = await mutate(UNASSIGN_MANY, {
        assignments: [
          { user: uid(110), project: pid(6) },
          { user: uid(100), project: pid(2) },
          { user: uid(1), project: pid(4) },
        ],
      });
      expect(unassignUsersFromProjects.ok).toBe(false);
      const [cleared, byDefault, notListedAnyway] = unassignUsersFromProjects.results;
      expect(cleared).toMatchObject({ status: "DELETED", userId: uid(110), error: null });
      // Web Portal gives every user Tester by default: only a No Access override would do.
      expect(byDefault).toMatchObject({
        status: "FAILED",
        userId: uid(100),
        error: {
          code: "UNSUPPORTED_BY_SOURCE",
          retryable: false,
          message:
            'TestRail (source "testrail") cannot take user 100 off project 2 ("Web Portal"): clearing their own access is not enough, as the project\'s default access gives every user the role Tester, and its get_roles lists no "No Access" role to set instead. Set the user\'s access to No Access in the project\'s Access tab in TestRail',
        },
      });
      expect(notListedAnyway.error.code).toBe("UNSUPPORTED_BY_SOURCE");
      expect(notListedAnyway.error.message).toContain(
        "the project's default access gives every user the role Guest",
      );
      // One write, for the one that could be done.
      expect(posts()).toEqual(["POST /update_project/6"]);
      expect(await members(pid(6))).not.toContain("110");
      expect(await members(pid(2))).toContain("100");
    });

    it("clears a Global Role override where no group of the user's has access", async () => {
      // Ciaran was given Global Role on Payments API above; his Developers group has no access there.
      const { unassignUsersFromProject } = await mutate(`mutation {
        unassignUsersFromProject(input: { project: "${pid(3)}", users: ["${uid(2)}"] }) {
          ok results { status error { code message } }
        }
      }`);
      expect(unassignUsersFromProject.results).toEqual([{ status: "DELETED", error: null }]);
      expect(posts()).toEqual(["POST /update_project/3"]);
      expect(await members(pid(3))).not.toContain("2");
    });

    it("names the group that keeps a user on a project, writing nothing", async () => {
      // Payments API defaults to No Access, but QA Team (group 1) has Tester there.
      const qaTeam = [...(sim().state.groups.get(1)?.user_ids ?? [])];
      const member = qaTeam.find((id) => id !== 1 && sim().state.users.get(id)?.is_active) as number;
      expect(await members(pid(3))).toContain(String(member));
      const { unassignUsersFromProject } = await mutate(`mutation {
        unassignUsersFromProject(input: { project: "${pid(3)}", users: ["${uid(member)}"] }) {
          ok results { status error { code message } }
        }
      }`);
      const [result] = unassignUsersFromProject.results;
      expect(result.status).toBe("FAILED");
      expect(result.error.code).toBe("UNSUPPORTED_BY_SOURCE");
      expect(result.error.message).toContain("as their group 1 has access there (Tester)");
      expect(posts()).toEqual([]);
      expect(await members(pid(3))).toContain(String(member));
    });
  });
});

describe("groups on TestRail", () => {
  const GROUP_FIELDS = "id remoteId name description grants members { nodes { remoteId } }";
  const groupNow = async (id: string) =>
    (await query(`query ($id: ID!) { node(id: $id) { ... on Group { ${GROUP_FIELDS} } } }`, { id })).node;
  const memberIds = (group: Json) => group.members.nodes.map((n: Json) => n.remoteId).sort();
  let created: string;

  it("creates a group with members; TestRail then returns it with them", async () => {
    const { createGroup } = await mutate(`mutation {
      createGroup(input: { source: "testrail", name: "Auditors", members: ["${uid(1)}", "${uid(2)}"] }) {
        ok results { status error { code field } group { ${GROUP_FIELDS} } }
      }
    }`);
    expect(createGroup.results[0]).toMatchObject({
      status: "CREATED",
      group: { name: "Auditors", description: null, grants: [] },
    });
    expect(memberIds(createGroup.results[0].group)).toEqual(["1", "2"]);
    created = createGroup.results[0].group.id;
    expect(memberIds(await groupNow(created))).toEqual(["1", "2"]);
    expect((await userNow(uid(2))).groups.nodes).toContainEqual({ name: "Auditors" });
  });

  it("refuses grants, and a name already taken, as BAD_USER_INPUT naming the field", async () => {
    const count = sim().state.groups.size;
    const answer = async (input: string) =>
      (
        await mutate(`mutation { createGroup(input: { source: "testrail", ${input} }) {
          results { status error { code field } }
        } }`)
      ).createGroup.results[0];
    expect(await answer(`name: "Runners", grants: ["run tests"]`)).toEqual({
      status: "FAILED",
      error: { code: "BAD_USER_INPUT", field: "input.grants" },
    });
    expect(await answer(`name: "auditors"`)).toEqual({
      status: "FAILED",
      error: { code: "BAD_USER_INPUT", field: "input.name" },
    });
    expect(posts()).toEqual([]);
    expect(sim().state.groups.size).toBe(count);
  });

  it("adds members by merging with the current list (update_group replaces it)", async () => {
    const { addUsersToGroup } = await mutate(`mutation {
      addUsersToGroup(input: { group: "${created}", users: ["${uid(100)}"] }) {
        results { status group { ${GROUP_FIELDS} } }
      }
    }`);
    expect(memberIds(addUsersToGroup.results[0].group)).toEqual(["1", "100", "2"]);
    expect(posts()).toHaveLength(1);
    expect(memberIds(await groupNow(created))).toEqual(["1", "100", "2"]);
  });

  it("removes only the members named", async () => {
    const { removeUsersFromGroup } = await mutate(`mutation {
      removeUsersFromGroup(input: { group: "${created}", users: ["${uid(1)}"] }) {
        results { status group { ${GROUP_FIELDS} } }
      }
    }`);
    expect(memberIds(removeUsersFromGroup.results[0].group)).toEqual(["100", "2"]);
    expect(memberIds(await groupNow(created))).toEqual(["100", "2"]);
    expect((await userNow(uid(1))).groups.nodes).not.toContainEqual({ name: "Auditors" });
  });

  it("renames a group", async () => {
    const { updateGroup } = await mutate(`mutation {
      updateGroup(input: { group: "${created}", name: "Internal Audit" }) { results { status group { name } } }
    }`);
    expect(updateGroup.results[0]).toEqual({ status: "UPDATED", group: { name: "Internal Audit" } });
    expect((await groupNow(created)).name).toBe("Internal Audit");
  });

  it("deletes a group; TestRail then has no such group", async () => {
    const { deleteGroup } = await mutate(`mutation {
      deleteGroup(input: { group: "${created}" }) { ok results { status id error { code } } }
    }`);
    expect(deleteGroup.results).toEqual([{ status: "DELETED", id: created, error: null }]);
    expect(await groupNow(created)).toBeNull();
    expect((await userNow(uid(2))).groups.nodes).not.toContainEqual({ name: "Internal Audit" });
  });
});
