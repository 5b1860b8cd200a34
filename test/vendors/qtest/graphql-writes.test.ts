/**
 * qTest user administration through GraphQL: every mutation qTest supports, its effect seen in the
 * payload (reads of the same operation) and again by a following query; no duplicate invites; one
 * vendor call for a batch assignment; UNSUPPORTED_BY_SOURCE and BAD_USER_INPUT where they belong.
 * An assignment's answer names the profile sent and accepted; a following query names it only on an
 * instance whose member lists do (elsewhere the membership reads back with its role UNKNOWN).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { qtest } from "../../../src/vendors/qtest/index.js";
import type { QTestSimulator } from "../../../src/vendors/qtest/simulator/index.js";
import { type GatewayHarness, startGateway } from "../../support/gateway-harness.js";
import { withProfiles } from "../../vendors/qtest/instances.js";

let gw: GatewayHarness;
beforeAll(async () => {
  gw = await startGateway({ instances: [{ vendor: qtest, id: "qtest" }], users: 20 });
});
afterAll(() => gw?.stop());
beforeEach(() => gw.clearLogs());

const sim = () => gw.sims.get("qtest") as QTestSimulator;
const writes = () =>
  sim()
    .log.list()
    .filter((e) => e.method !== "GET");
const sent = (route: string) => sim().log.countByRoute()[route] ?? 0;

interface MutationError {
  code: string;
  field: string | null;
  message: string;
}
interface Permission {
  role: string | null;
  level: string;
  project: { id: string; name: string } | null;
}
interface User {
  id: string;
  email: string;
  login: string;
  displayName: string;
  active: boolean;
  groups?: { nodes: Array<{ name: string }> };
  permissions?: Permission[];
}
interface Result {
  status: string;
  error: MutationError | null;
  user?: User | null;
  permission?: Permission | null;
}
type Payload = { ok: boolean; results: Result[] };

async function mutate(query: string, variables: Record<string, unknown> = {}): Promise<Payload> {
  const response = await gw.mutate<Record<string, Payload>>(query, variables);
  expect(response.errors).toBeUndefined();
  return Object.values(response.data ?? {})[0] as Payload;
}

async function query<T>(text: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await gw.gql<T>(text, variables);
  expect(response.errors).toBeUndefined();
  return response.data as T;
}

const USER_FIELDS = `id email login displayName active groups { nodes { name } } permissions { role level project { id name } }`;
const INVITE = `mutation ($input: InviteUserInput!) {
  inviteUser(input: $input) { ok results { status error { code field message } user { ${USER_FIELDS} } } }
}`;
const ASSIGN_MANY = `mutation ($input: AssignUsersToProjectInput!) {
  assignUsersToProject(input: $input) {
    ok results { status error { code field message } permission { role level project { id name } } }
  }
}`;
const ASSIGN_ONE = `mutation ($input: AssignUserToProjectInput!) {
  assignUserToProject(input: $input) {
    ok results { status error { code field message } permission { role level project { id name } } }
  }
}`;
const UNASSIGN = `mutation ($input: UnassignUsersFromProjectInput!) {
  unassignUsersFromProject(input: $input) { ok results { status error { code field message } } }
}`;

const userCount = async () =>
  (await query<{ users: { totalCount: number } }>(`{ users(first: 0, sources: ["qtest"]) { totalCount } }`))
    .users.totalCount;
const byEmail = async (email: string) =>
  (
    await query<{ usersByEmail: User[] }>(
      `query ($email: String!) { usersByEmail(email: $email) { ${USER_FIELDS} } }`,
      { email },
    )
  ).usersByEmail;
const node = async (id: string) =>
  (
    await query<{ node: User | null }>(
      `query ($id: ID!) { node(id: $id) { ... on User { ${USER_FIELDS} } } }`,
      { id },
    )
  ).node;
const projectMembers = async (projectId: string) =>
  (
    await query<{ node: { permissions: Array<{ role: string; user: { id: string } }> } }>(
      `query ($id: ID!) { node(id: $id) { ... on Project { permissions { role user { id } } } } }`,
      { id: projectId },
    )
  ).node.permissions;
/** Generated people with no role on a project (the simulator's seed is deterministic). */
const outsiders = (projectId: number, n: number) =>
  [...sim().state.users.keys()]
    .filter(
      (id) =>
        id >= 1000 && sim().state.users.get(id)?.status === 1 && !sim().state.members.get(projectId)?.has(id),
    )
    .slice(0, n)
    .map((id) => `qtest:User:${id}`);

describe("qTest: inviteUser", () => {
  it("creates the account, shows it in the payload and in a following query, once", async () => {
    const before = await userCount();
    const input = {
      email: "Margaret.Invited@example.org",
      firstName: "Margaret",
      lastName: "Invited",
      groups: ["qtest:Group:3"],
      sources: ["qtest"],
    };

    const created = await mutate(INVITE, { input });
    expect(created.ok).toBe(true);
    const [result] = created.results;
    expect(result?.status).toBe("CREATED");
    expect(result?.user).toMatchObject({
      email: "margaret.invited@example.org",
      login: "margaret.invited@example.org",
      displayName: "Margaret Invited",
      active: true,
      groups: { nodes: [{ name: "QA Guild" }] },
      permissions: [],
    });
    expect(sent("POST /api/v3/users")).toBe(1);

    expect(await userCount()).toBe(before + 1);
    const [found] = await byEmail("margaret.invited@example.org");
    expect(found).toMatchObject({ id: result?.user?.id, groups: { nodes: [{ name: "QA Guild" }] } });

    gw.clearLogs();
    const again = await mutate(INVITE, { input });
    expect(again.ok).toBe(true);
    expect(again.results[0]).toMatchObject({
      status: "ALREADY_EXISTS",
      error: null,
      user: { id: result?.user?.id },
    });
    expect(writes()).toEqual([]);
    expect(await userCount()).toBe(before + 1);
  });

  it("sends a given password to qTest only: not in the answer, the logs or any URL", async () => {
    const password = "Plum-Tree-Secret-42";
    const payload = await mutate(INVITE, {
      input: { email: "secret.keeper@example.org", firstName: "Secret", lastName: "Keeper", password },
    });
    expect(payload.results[0]?.status).toBe("CREATED");
    const id = Number(payload.results[0]?.user?.id.split(":").pop());
    expect(sim().state.passwords.get(id)).toBe(password);
    expect(JSON.stringify(payload)).not.toContain(password);
    expect(gw.logs.join("\n")).not.toContain(password);
    expect(JSON.stringify(sim().log.list())).not.toContain(password);
  });

  it("refuses an instance-wide role as UNSUPPORTED_BY_SOURCE naming input.globalRole, and creates nothing", async () => {
    const payload = await mutate(INVITE, {
      input: {
        email: "role.asker@example.org",
        firstName: "Role",
        lastName: "Asker",
        globalRole: "Administrator",
      },
    });
    expect(payload.ok).toBe(false);
    expect(payload.results[0]).toMatchObject({
      status: "FAILED",
      error: { code: "UNSUPPORTED_BY_SOURCE", field: "input.globalRole" },
      user: null,
    });
    expect(sim().log.total).toBe(0);
  });

  it("answers BAD_USER_INPUT on input.groups for a group qTest does not have, before any write", async () => {
    const payload = await mutate(INVITE, {
      input: {
        email: "lost.group@example.org",
        firstName: "Lost",
        lastName: "Group",
        groups: ["qtest:Group:99"],
      },
    });
    expect(payload.results[0]?.error).toMatchObject({ code: "BAD_USER_INPUT", field: "input.groups" });
    expect(writes()).toEqual([]);
  });

  it("refuses a missing required field (first name) before qTest is called", async () => {
    const response = await gw.mutate(INVITE, {
      input: { email: "nameless@example.org", firstName: " ", lastName: "Nameless" },
    });
    expect(response.errors?.[0]?.extensions).toEqual({ code: "BAD_USER_INPUT", field: "input.firstName" });
    expect(sim().log.total).toBe(0);
  });
});

describe("qTest: updateUser and setUserActive", () => {
  const UPDATE = `mutation ($input: UpdateUserInput!) {
    updateUser(input: $input) { ok results { status error { code field message } user { ${USER_FIELDS} } } }
  }`;
  const ACTIVE = `mutation ($input: SetUserActiveInput!) {
    setUserActive(input: $input) { ok results { status error { code field message } user { id active } } }
  }`;

  it("changes names and the contact email with one PUT, seen in the payload and by a following query", async () => {
    const payload = await mutate(UPDATE, {
      input: {
        user: "qtest:User:1003",
        firstName: "Renamed",
        lastName: "Person",
        email: "renamed.person@example.org",
      },
    });
    expect(payload.results[0]).toMatchObject({
      status: "UPDATED",
      user: { displayName: "Renamed Person", email: "renamed.person@example.org" },
    });
    expect(writes().map((e) => `${e.method} ${e.path}`)).toEqual(["PUT /api/v3/users/1003"]);
    expect(await node("qtest:User:1003")).toMatchObject({
      displayName: "Renamed Person",
      email: "renamed.person@example.org",
    });
  });

  it("refuses a login or a role change as UNSUPPORTED_BY_SOURCE naming the field", async () => {
    const login = await mutate(UPDATE, { input: { user: "qtest:User:1003", login: "renamed" } });
    expect(login.results[0]?.error).toMatchObject({ code: "UNSUPPORTED_BY_SOURCE", field: "input.login" });
    const role = await mutate(UPDATE, { input: { user: "qtest:User:1003", globalRole: "Administrator" } });
    expect(role.results[0]?.error).toMatchObject({
      code: "UNSUPPORTED_BY_SOURCE",
      field: "input.globalRole",
    });
    expect(sim().log.total).toBe(0);
  });

  it("deactivates and reactivates accounts, one result each, seen by a following query", async () => {
    const users = ["qtest:User:1004", "qtest:User:1005"];
    const off = await mutate(ACTIVE, { input: { users, active: false } });
    expect(off.results.map((r) => [r.status, r.user?.active])).toEqual([
      ["UPDATED", false],
      ["UPDATED", false],
    ]);
    expect(sent("PUT /api/v3/users/1004")).toBe(1);
    expect((await node("qtest:User:1005"))?.active).toBe(false);
    const active = await query<{ users: { nodes: Array<{ id: string }> } }>(
      `{ users(first: 100, sources: ["qtest"], filter: { active: true }) { nodes { id } } }`,
    );
    expect(active.users.nodes.map((u) => u.id)).not.toContain("qtest:User:1004");

    const on = await mutate(ACTIVE, { input: { users, active: true } });
    expect(on.results.map((r) => r.user?.active)).toEqual([true, true]);
    expect((await node("qtest:User:1004"))?.active).toBe(true);
  });

  it("does not delete: deleteUsers is UNSUPPORTED_BY_SOURCE and the account stays", async () => {
    const payload = await mutate(
      `mutation { deleteUsers(input: { users: ["qtest:User:1006"] }) { ok results { status error { code } } } }`,
    );
    expect(payload.results[0]).toMatchObject({ status: "FAILED", error: { code: "UNSUPPORTED_BY_SOURCE" } });
    expect(sim().log.total).toBe(0);
    expect(await node("qtest:User:1006")).not.toBeNull();
  });
});

describe("qTest: project access (documented instance: member lists name no profile)", () => {
  it("assigns several users with one profile in exactly one POST /users/projects", async () => {
    const users = outsiders(2, 3);
    const payload = await mutate(
      `mutation ($input: AssignUsersToProjectInput!) { assignUsersToProject(input: $input) { ok results { status } } }`,
      { input: { project: "qtest:Project:2", users, role: "Tester" } },
    );
    expect(payload.results.map((r) => r.status)).toEqual(["CREATED", "CREATED", "CREATED"]);
    // The role list, the project list and its members, each user checked, then the one write.
    expect(sim().log.countByRoute()).toEqual({
      "GET /api/v3/user-profiles": 1,
      "GET /api/v3/projects": 1,
      "GET /api/v3/projects/2/users": 1,
      ...Object.fromEntries(users.map((u) => [`GET /api/v3/users/${u.split(":").pop()}`, 1])),
      "POST /api/v3/users/projects": 1,
    });

    // The memberships are real; qTest's documented member list does not say their profile.
    const members = await projectMembers("qtest:Project:2");
    for (const user of users) expect(members).toContainEqual({ role: null, user: { id: user } });
  });

  it("answers the profile it sent and qTest accepted; a following query, which cannot see profiles, says UNKNOWN", async () => {
    const users = outsiders(3, 2);
    const payload = await mutate(
      `mutation ($input: AssignUsersToProjectInput!) {
        assignUsersToProject(input: $input) {
          ok results { status permission { role level project { id name } } user { id projects { nodes { id } } } }
        }
      }`,
      { input: { project: "qtest:Project:3", users, role: "Viewer" } },
    );
    expect(payload.ok).toBe(true);
    for (const result of payload.results as Array<
      Result & { user: { projects: { nodes: Array<{ id: string }> } } }
    >) {
      expect(result.permission).toEqual({
        role: "Viewer",
        level: "VIEW",
        project: { id: "qtest:Project:3", name: "Web Portal" },
      });
      expect(result.user.projects.nodes).toContainEqual({ id: "qtest:Project:3" });
    }
    expect(sent("POST /api/v3/users/projects")).toBe(1);
    const [first] = users as [string];
    expect((await node(first))?.permissions).toContainEqual({
      role: null,
      level: "UNKNOWN",
      project: { id: "qtest:Project:3", name: "Web Portal" },
    });
  });

  it("assigns one user with qTest's default profile when no role is given, and answers it as the docs name it", async () => {
    const [user] = outsiders(4, 1) as [string];
    const payload = await mutate(ASSIGN_ONE, { input: { project: "qtest:Project:4", user } });
    expect(payload.results[0]).toMatchObject({
      status: "CREATED",
      permission: { role: "Developer", level: "EDIT", project: { id: "qtest:Project:4" } },
    });
    expect(sent(`POST /api/v3/users/${user.split(":").pop()}/projects`)).toBe(1);
    expect(await projectMembers("qtest:Project:4")).toContainEqual({ role: null, user: { id: user } });
  });

  it("answers BAD_USER_INPUT on input.role for a profile qTest does not have, with no write", async () => {
    const payload = await mutate(ASSIGN_MANY, {
      input: { project: "qtest:Project:2", users: outsiders(2, 2), role: "Wizard" },
    });
    expect(payload.ok).toBe(false);
    for (const result of payload.results)
      expect(result.error).toMatchObject({ code: "BAD_USER_INPUT", field: "input.role" });
    expect(writes()).toEqual([]);
  });

  it("takes users off a project with one PUT /users/projects, seen by a following query", async () => {
    const users = outsiders(5, 2);
    await mutate(ASSIGN_MANY, { input: { project: "qtest:Project:5", users, role: "Tester" } });
    gw.clearLogs();

    const payload = await mutate(UNASSIGN, { input: { project: "qtest:Project:5", users } });
    expect(payload.results.map((r) => r.status)).toEqual(["DELETED", "DELETED"]);
    expect(writes().map((e) => `${e.method} ${e.path}`)).toEqual(["PUT /api/v3/users/projects"]);
    const members = (await projectMembers("qtest:Project:5")).map((p) => p.user.id);
    for (const user of users) expect(members).not.toContain(user);
  });
});

describe("qTest: project access where member lists name profiles", () => {
  let named: GatewayHarness;
  beforeAll(async () => {
    named = await startGateway({ instances: [{ vendor: withProfiles, id: "qtest" }], users: 20 });
  });
  afterAll(() => named?.stop());

  const namedSim = () => named.sims.get("qtest") as QTestSimulator;
  const free = (projectId: number, n: number) =>
    [...namedSim().state.users.keys()]
      .filter((id) => id >= 1000 && !namedSim().state.members.get(projectId)?.has(id))
      .slice(0, n)
      .map((id) => `qtest:User:${id}`);
  const permissionsOf = async (user: string) =>
    (
      await named.gql<{ node: { permissions: Permission[] } }>(
        `query ($id: ID!) { node(id: $id) { ... on User { permissions { role level project { id name } } } } }`,
        { id: user },
      )
    ).data!.node.permissions;

  it("answers an assignment and reads it back the same: the mutation and the next query agree", async () => {
    const users = free(2, 2);
    const { data } = await named.mutate<{ assignUsersToProject: Payload }>(ASSIGN_MANY, {
      input: { project: "qtest:Project:2", users, role: "Tester" },
    });
    const answered = data!.assignUsersToProject.results.map((r) => r.permission);
    expect(answered).toEqual([
      { role: "Tester", level: "EXECUTE", project: { id: "qtest:Project:2", name: "Mobile Banking" } },
      { role: "Tester", level: "EXECUTE", project: { id: "qtest:Project:2", name: "Mobile Banking" } },
    ]);
    for (const [i, user] of users.entries()) expect(await permissionsOf(user)).toContainEqual(answered[i]);
  });

  it("answers the default profile and reads it back as Developer", async () => {
    const [user] = free(4, 1) as [string];
    const { data } = await named.mutate<{ assignUserToProject: Payload }>(ASSIGN_ONE, {
      input: { project: "qtest:Project:4", user },
    });
    const answered = data!.assignUserToProject.results[0]?.permission;
    expect(answered).toMatchObject({ role: "Developer", level: "EDIT" });
    expect(await permissionsOf(user)).toContainEqual(answered);
  });
});

describe("qTest: what it cannot do", () => {
  it("reports its write capabilities, without delete, teams or group management", async () => {
    const { source } = await query<{ source: { capabilities: string[] } }>(
      `{ source(id: "qtest") { capabilities } }`,
    );
    expect(source.capabilities).toEqual(
      expect.arrayContaining([
        "INVITE_USERS",
        "UPDATE_USERS",
        "DEACTIVATE_USERS",
        "REACTIVATE_USERS",
        "ASSIGN_PROJECTS",
      ]),
    );
    for (const missing of ["DELETE_USERS", "MANAGE_TEAM_MEMBERS", "MANAGE_GROUPS"])
      expect(source.capabilities).not.toContain(missing);
  });

  it("answers UNSUPPORTED_BY_SOURCE for group writes and team membership", async () => {
    const group = await mutate(
      `mutation { addUsersToGroup(input: { group: "qtest:Group:2", users: ["qtest:User:1001"] }) { ok results { status error { code } } } }`,
    );
    expect(group.results[0]).toMatchObject({ status: "FAILED", error: { code: "UNSUPPORTED_BY_SOURCE" } });
    const create = await mutate(
      `mutation { createGroup(input: { source: "qtest", name: "New" }) { ok results { status error { code } } } }`,
    );
    expect(create.results[0]?.error?.code).toBe("UNSUPPORTED_BY_SOURCE");
    const teams = await mutate(
      `mutation { subscribeUserToTeams(input: { user: "qtest:User:1001", teams: ["qtest:Team:1"] }) { ok results { status error { code } } } }`,
    );
    expect(teams.results[0]?.error?.code).toBe("UNSUPPORTED_BY_SOURCE");
    expect(sim().log.total).toBe(0);
  });
});
