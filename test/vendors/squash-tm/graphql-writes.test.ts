/**
 * Squash TM user administration through GraphQL, against its simulator: every mutation Squash
 * supports, checked in its payload (the same operation's reads) and by a separate, later query.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { person } from "../../../src/simulator/people.js";
import { squashTm } from "../../../src/vendors/squash-tm/index.js";
import type { SquashSimulator } from "../../../src/vendors/squash-tm/simulator/index.js";
import { type GatewayHarness, startGateway } from "../../support/gateway-harness.js";

const SOURCE = "squash-tm";
const PASSWORD = "Initial-Pa55word";

let gw: GatewayHarness;
const log = () => gw.sims.get(SOURCE)!.log;
const sent = (method: string) =>
  log()
    .list()
    .filter((e) => e.method === method)
    .map(
      (e) =>
        `${e.method} ${decodeURIComponent(e.path)}${e.query ? `?${decodeURIComponent(e.query.replaceAll("+", " "))}` : ""}`,
    );
const userId = (remoteId: string | number) => `${SOURCE}:User:${remoteId}`;
/** Generated person #i is Squash user 1000+i. */
const gen = (i: number) => ({ gid: userId(1000 + i), ...person(i) });

interface Result {
  status: string;
  error: { code: string; field: string | null; message: string } | null;
  [key: string]: unknown;
}

async function mutate(mutation: string, variables?: Record<string, unknown>) {
  const response = await gw.mutate<Record<string, { ok: boolean; results: Result[] }>>(mutation, variables);
  expect(response.errors).toBeUndefined();
  return Object.values(response.data!)[0]!;
}

async function query<D>(text: string, variables?: Record<string, unknown>): Promise<D> {
  const response = await gw.gql<D>(text, variables);
  expect(response.errors).toBeUndefined();
  return response.data!;
}

const userCount = async () =>
  (await query<{ users: { totalCount: number } }>(`{ users(first: 0) { totalCount } }`)).users.totalCount;

const INVITE = `mutation Invite($input: InviteUserInput!) {
  inviteUser(input: $input) {
    ok
    results {
      status
      error { code field message }
      source { id }
      user { id login email displayName firstName lastName active admin permissions { role level project { id } } }
    }
  }
}`;

beforeAll(async () => {
  gw = await startGateway({ instances: [{ vendor: squashTm, id: SOURCE }], users: 20 });
});
afterAll(() => gw?.stop());
beforeEach(() => gw.clearLogs());

describe("Squash TM source", () => {
  it("reports the write capabilities it supports, and no group management", async () => {
    const { sources } = await query<{ sources: Array<{ capabilities: string[] }> }>(
      `{ sources { capabilities } }`,
    );
    const caps = sources[0]!.capabilities;
    expect(caps).toEqual(
      expect.arrayContaining([
        "INVITE_USERS",
        "UPDATE_USERS",
        "DEACTIVATE_USERS",
        "REACTIVATE_USERS",
        "DELETE_USERS",
        "ASSIGN_PROJECTS",
        "MANAGE_TEAM_MEMBERS",
      ]),
    );
    expect(caps).not.toContain("MANAGE_GROUPS");
  });
});

describe("inviteUser on Squash TM", () => {
  const ada = {
    email: "ada.newhire@example.org",
    firstName: "Ada",
    lastName: "Newhire",
    password: PASSWORD,
    sources: [SOURCE],
  };

  it("creates the account (login = email, group User) and a later query finds it", async () => {
    const before = await userCount();
    const payload = await mutate(INVITE, { input: ada });
    expect(payload.ok).toBe(true);
    const [result] = payload.results;
    expect(result).toMatchObject({
      status: "CREATED",
      error: null,
      user: {
        login: "ada.newhire@example.org",
        email: "ada.newhire@example.org",
        displayName: "Ada Newhire",
        active: true,
        admin: false,
        permissions: [],
      },
    });
    expect(sent("POST")).toEqual(["POST /users"]);
    expect(await userCount()).toBe(before + 1);
    const { usersByEmail } = await query<{ usersByEmail: Array<{ id: string; login: string }> }>(
      `{ usersByEmail(email: "ada.newhire@example.org") { id login } }`,
    );
    expect(usersByEmail).toEqual([
      { id: (result!.user as { id: string }).id, login: "ada.newhire@example.org" },
    ]);
  });

  it("answers a second invite of the same email ALREADY_EXISTS with the existing user, creating nothing", async () => {
    const before = await userCount();
    const { usersByEmail } = await query<{ usersByEmail: Array<{ id: string }> }>(
      `{ usersByEmail(email: "ada.newhire@example.org") { id } }`,
    );
    gw.clearLogs();
    const payload = await mutate(INVITE, { input: { ...ada, email: "ADA.NEWHIRE@example.org" } });
    expect(payload.ok).toBe(true);
    expect(payload.results[0]).toMatchObject({
      status: "ALREADY_EXISTS",
      error: null,
      user: { id: usersByEmail[0]!.id, email: "ada.newhire@example.org" },
    });
    expect(sent("POST")).toEqual([]);
    expect(await userCount()).toBe(before);
  });

  it("finds a seeded person by email even with another login, and creates nothing", async () => {
    const p = gen(3);
    const payload = await mutate(INVITE, {
      input: {
        email: p.email,
        firstName: p.firstName,
        lastName: p.lastName,
        login: "fresh-login",
        password: PASSWORD,
      },
    });
    expect(payload.results[0]).toMatchObject({
      status: "ALREADY_EXISTS",
      user: { id: p.gid, login: p.handle },
    });
    expect(sent("POST")).toEqual([]);
  });

  it("uses the login and group given: an admin invite is an ADMIN permission at once", async () => {
    const payload = await mutate(INVITE, {
      input: {
        email: "grace.admin@example.org",
        firstName: "Grace",
        lastName: "Admin",
        login: "gadmin",
        password: PASSWORD,
        globalRole: "admin",
      },
    });
    expect(payload.results[0]).toMatchObject({
      status: "CREATED",
      user: { login: "gadmin", admin: true, permissions: [{ role: "Admin", level: "ADMIN", project: null }] },
    });
    const { users } = await query<{ users: { nodes: Array<{ admin: boolean }> } }>(
      `{ users(filter: { login: "gadmin" }) { nodes { admin } } }`,
    );
    expect(users.nodes).toEqual([{ admin: true }]);
  });

  it.each([
    ["without a password (Squash requires one)", { password: undefined }, "input.password", 0],
    ["with an unknown group", { globalRole: "superuser" }, "input.globalRole", 0],
    ["with a login another account holds", { login: "User-1" }, "input.login", 1],
  ])("fails %s as BAD_USER_INPUT naming the field, writing nothing", async (_what, change, field, reads) => {
    const before = await userCount();
    gw.clearLogs();
    const payload = await mutate(INVITE, {
      input: {
        email: "nobody.yet@example.org",
        firstName: "No",
        lastName: "Body",
        password: PASSWORD,
        ...change,
      },
    });
    expect(payload.ok).toBe(false);
    expect(payload.results[0]).toMatchObject({
      status: "FAILED",
      user: null,
      error: { code: "BAD_USER_INPUT", field },
    });
    expect(log().total).toBe(reads);
    expect(await userCount()).toBe(before);
  });

  it("never shows or logs the password", async () => {
    const response = await gw.mutate(INVITE, {
      input: { email: "secret.keeper@example.org", firstName: "Se", lastName: "Cret", password: PASSWORD },
    });
    expect(JSON.stringify(response)).not.toContain(PASSWORD);
    expect(gw.logs.join("\n")).not.toContain(PASSWORD);
  });
});

const USER_PAYLOAD = `results { status error { code field } user { id login firstName lastName email active admin } }`;

describe("updateUser and setUserActive on Squash TM", () => {
  it("renames a user and makes them admin; the payload and a later query show it", async () => {
    const p = gen(4);
    const payload = await mutate(
      `mutation { updateUser(input: { user: "${p.gid}", firstName: "Renamed", email: "renamed@example.org", globalRole: "Admin" }) { ok ${USER_PAYLOAD} } }`,
    );
    expect(payload.results[0]).toMatchObject({
      status: "UPDATED",
      user: { firstName: "Renamed", email: "renamed@example.org", admin: true },
    });
    expect(sent("PATCH")).toEqual([`PATCH /users/${1004}`]);
    const { node } = await query<{ node: Record<string, unknown> }>(
      `{ node(id: "${p.gid}") { ... on User { firstName email admin permissions { level project { id } } } } }`,
    );
    expect(node).toMatchObject({ firstName: "Renamed", email: "renamed@example.org", admin: true });
    expect(node.permissions).toContainEqual({ level: "ADMIN", project: null });
  });

  it("refuses a login held by another account as BAD_USER_INPUT on input.login, without a PATCH", async () => {
    const payload = await mutate(
      `mutation { updateUser(input: { user: "${gen(5).gid}", login: "User-1" }) { ok ${USER_PAYLOAD} } }`,
    );
    expect(payload.results[0]).toMatchObject({
      status: "FAILED",
      error: { code: "BAD_USER_INPUT", field: "input.login" },
    });
    expect(sent("PATCH")).toEqual([]);
  });

  it("deactivates with one PATCH per account, then reactivates", async () => {
    const ids = [gen(6).gid, gen(7).gid];
    const off = await mutate(
      `mutation($u: [ID!]!) { setUserActive(input: { users: $u, active: false }) { ok ${USER_PAYLOAD} } }`,
      {
        u: ids,
      },
    );
    expect(off.results.map((r) => [r.status, (r.user as { active: boolean }).active])).toEqual([
      ["UPDATED", false],
      ["UPDATED", false],
    ]);
    expect(sent("PATCH").sort()).toEqual(["PATCH /users/1006", "PATCH /users/1007"]);
    const later = await query<{ nodes: Array<{ active: boolean }> }>(
      `query($u: [ID!]!) { nodes(ids: $u) { ... on User { active } } }`,
      { u: ids },
    );
    expect(later.nodes).toEqual([{ active: false }, { active: false }]);
    const on = await mutate(
      `mutation($u: [ID!]!) { setUserActive(input: { users: $u, active: true }) { ok ${USER_PAYLOAD} } }`,
      {
        u: ids,
      },
    );
    expect(on.results.map((r) => (r.user as { active: boolean }).active)).toEqual([true, true]);
  });
});

describe("deleteUsers on Squash TM", () => {
  it("deletes several accounts with ONE DELETE /users/{ids}; later they are gone", async () => {
    const before = await userCount();
    gw.clearLogs();
    const ids = [gen(8).gid, gen(9).gid, gen(10).gid];
    const payload = await mutate(
      `mutation($u: [ID!]!) { deleteUsers(input: { users: $u }) { ok results { id status error { code } } } }`,
      {
        u: ids,
      },
    );
    expect(payload.ok).toBe(true);
    expect(payload.results.map((r) => [r.id, r.status])).toEqual(ids.map((id) => [id, "DELETED"]));
    expect(sent("DELETE")).toEqual(["DELETE /users/1008,1009,1010"]);
    expect(log().total).toBe(1);
    expect(await userCount()).toBe(before - 3);
    const later = await query<{ nodes: unknown[] }>(`query($u: [ID!]!) { nodes(ids: $u) { id } }`, {
      u: ids,
    });
    expect(later.nodes).toEqual([null, null, null]);
  });
});

const ACCESS_PAYLOAD = `ok results {
  status role userId projectId error { code field }
  permission { role level project { id name } }
  user { id permissions { role project { id } } }
}`;

describe("project access on Squash TM", () => {
  const project = `${SOURCE}:Project:373`; // "Data Platform"

  it("assigns several users a permission group, one POST per user; payload and later query agree", async () => {
    const users = [gen(11).gid, gen(12).gid, gen(13).gid];
    const state = (gw.sims.get(SOURCE) as SquashSimulator).state;
    const held = [1011, 1012, 1013].map((id) => state.permissions.get(id)?.has(373) ?? false);
    const payload = await mutate(
      `mutation($u: [ID!]!) { assignUsersToProject(input: { project: "${project}", users: $u, role: "test_designer" }) { ${ACCESS_PAYLOAD} } }`,
      { u: users },
    );
    expect(payload.ok).toBe(true);
    // A user who held a group on 373 before has it changed (UPDATED); for the others it is new.
    for (const [i, r] of payload.results.entries()) {
      expect(r).toMatchObject({
        status: held[i] ? "UPDATED" : "CREATED",
        permission: { role: "test_designer", level: "EDIT", project: { id: project, name: "Data Platform" } },
      });
      expect((r.user as { permissions: unknown[] }).permissions).toContainEqual({
        role: "test_designer",
        project: { id: project },
      });
    }
    // Squash batches the projects of one user and one group: several users are one call each.
    expect(sent("POST").sort()).toEqual([
      "POST /users/1011/permissions/test_designer?ids=373",
      "POST /users/1012/permissions/test_designer?ids=373",
      "POST /users/1013/permissions/test_designer?ids=373",
    ]);
    const later = await query<{ node: { permissions: Array<{ role: string; user: { id: string } }> } }>(
      `{ node(id: "${project}") { ... on Project { permissions { role user { id } } } } }`,
    );
    for (const id of users)
      expect(later.node.permissions).toContainEqual({ role: "test_designer", user: { id } });
  });

  it("unassigns them, one DELETE per user; a later query no longer has them", async () => {
    const users = [gen(11).gid, gen(12).gid];
    const payload = await mutate(
      `mutation($u: [ID!]!) { unassignUsersFromProject(input: { project: "${project}", users: $u }) { ${ACCESS_PAYLOAD} } }`,
      { u: users },
    );
    expect(payload.results.map((r) => [r.status, r.permission])).toEqual([
      ["DELETED", null],
      ["DELETED", null],
    ]);
    expect(sent("DELETE").sort()).toEqual([
      "DELETE /users/1011/permissions?ids=373",
      "DELETE /users/1012/permissions?ids=373",
    ]);
    const later = await query<{ node: { permissions: Array<{ user: { id: string } }> } }>(
      `{ node(id: "${project}") { ... on Project { permissions { user { id } } } } }`,
    );
    const holders = later.node.permissions.map((p) => p.user.id);
    expect(holders).not.toContain(users[0]);
    expect(holders).toContain(gen(13).gid);
  });

  it.each([
    ["no role (Squash has no default permission group)", ""],
    ["an unknown role", `, role: "boss"`],
  ])("refuses %s as BAD_USER_INPUT on input.role, without a call", async (_what, role) => {
    const payload = await mutate(
      `mutation { assignUserToProject(input: { user: "${gen(14).gid}", project: "${project}"${role} }) { ok results { status error { code field } } } }`,
    );
    expect(payload.results[0]).toMatchObject({
      status: "FAILED",
      error: { code: "BAD_USER_INPUT", field: "input.role" },
    });
    expect(log().total).toBe(0);
  });
});

describe("team membership on Squash TM", () => {
  const TEAMS = [`${SOURCE}:Team:572`, `${SOURCE}:Team:573`]; // Release Crew, Security Champions
  const user = userId(486); // Charles Dupond, login User-1, in Team A and Team B
  const TEAM_PAYLOAD = `ok results { status error { code field } user { id teams { nodes { name } } } teams { id name } }`;

  it("subscribes a user to two teams with ONE POST by login and names; payload and later query agree", async () => {
    const payload = await mutate(
      `mutation($t: [ID!]!) { subscribeUserToTeams(input: { user: "${user}", teams: $t }) { ${TEAM_PAYLOAD} } }`,
      { t: TEAMS },
    );
    const names = ["Team A", "Team B", "Release Crew", "Security Champions"];
    expect(payload.results[0]).toMatchObject({ status: "UPDATED", error: null });
    expect((payload.results[0]!.teams as Array<{ name: string }>).map((t) => t.name)).toEqual(names);
    expect(sent("POST")).toEqual([
      "POST /users/login/User-1/teams?teamNames=Release Crew,Security Champions",
    ]);
    const later = await query<{ node: { teams: { nodes: Array<{ name: string }> } } }>(
      `{ node(id: "${user}") { ... on User { teams { nodes { name } } } } }`,
    );
    expect(later.node.teams.nodes.map((t) => t.name)).toEqual(names);
  });

  it("unsubscribes with ONE DELETE; a later query shows the teams left", async () => {
    const payload = await mutate(
      `mutation($t: [ID!]!) { unsubscribeUserFromTeams(input: { user: "${user}", teams: $t }) { ${TEAM_PAYLOAD} } }`,
      { t: TEAMS },
    );
    expect((payload.results[0]!.teams as Array<{ name: string }>).map((t) => t.name)).toEqual([
      "Team A",
      "Team B",
    ]);
    expect(sent("DELETE")).toEqual([
      "DELETE /users/login/User-1/teams?teamNames=Release Crew,Security Champions",
    ]);
    const later = await query<{ node: { teams: { nodes: Array<{ name: string }> } } }>(
      `{ node(id: "${user}") { ... on User { teams { nodes { name } } } } }`,
    );
    expect(later.node.teams.nodes.map((t) => t.name)).toEqual(["Team A", "Team B"]);
  });
});

describe("group mutations on Squash TM", () => {
  it("answer UNSUPPORTED_BY_SOURCE: Squash TM has no user groups", async () => {
    const payload = await mutate(
      `mutation { createGroup(input: { source: "${SOURCE}", name: "Reviewers" }) { ok results { status error { code } group { id } } } }`,
    );
    expect(payload.ok).toBe(false);
    expect(payload.results[0]).toMatchObject({
      status: "FAILED",
      error: { code: "UNSUPPORTED_BY_SOURCE" },
      group: null,
    });
    expect(log().total).toBe(0);
  });
});
