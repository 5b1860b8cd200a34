/**
 * Every mutation's vendor writes are recorded: an intent before the write (who, what, where, before
 * → after) and its outcome after, for every existing mutation, on a vendor that can do it, chosen
 * by capability. Real HTTP against the simulators; the trail read back through `auditEvents`.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Capability } from "../../../src/model/capabilities.js";
import type { VendorModule } from "../../../src/vendors/vendor-module.js";
import { type AuditEventJson, auditEvents } from "../../support/audit-trail.js";
import { type GatewayHarness, startGateway } from "../../support/gateway-harness.js";
import { startIssuer, type TestIssuer } from "../../support/oidc-issuer.js";
import { projectRolesOf, vendorWhere } from "../../support/pick-vendor.js";

const withCapability = (capability: Capability) =>
  vendorWhere((c) => c.capabilities.has(capability), `with ${capability}`);

const WRITER = "key:test-writer";

describe("the audit trail of mutations", () => {
  let gw: GatewayHarness;
  beforeAll(async () => {
    gw = await startGateway({ users: 20 });
  });
  afterAll(() => gw?.stop());

  const ids = async (field: string, source: string, first = 5) => {
    const { data } = await gw.gql<Record<string, { nodes: Array<{ id: string }> }>>(
      `{ list: ${field}(sources: ["${source}"], first: ${first}) { nodes { id } } }`,
    );
    return data!.list!.nodes.map((n) => n.id);
  };

  /** Runs a mutation with the write key, failing the test on a GraphQL error or a FAILED result. */
  const mutate = async (operation: string, document: string, variables: Record<string, unknown> = {}) => {
    const { data, errors } = await gw.mutate<Record<string, { ok: boolean; results: unknown[] }>>(
      document,
      variables,
    );
    expect(errors, operation).toBeUndefined();
    expect(data![operation]!.ok, `${operation}: ${JSON.stringify(data![operation]!.results)}`).toBe(true);
  };

  /** The events one operation left: each with its intent and a result, by the write key's caller. */
  const recorded = async (operation: string, vendor: VendorModule): Promise<AuditEventJson[]> => {
    const events = (await auditEvents(gw, { caller: WRITER })).filter((e) => e.operation === operation);
    expect(events.length, `${operation} left events`).toBeGreaterThan(0);
    for (const e of events) {
      expect(e.caller).toBe(WRITER);
      expect(e.source).toBe(vendor.kind);
      expect(e.outcome, `${operation} ${e.action}: ${e.message}`).toMatch(/^(APPLIED|UNCHANGED)$/);
      expect(e.answeredAt, "the result came after the intent").not.toBeNull();
      expect(Date.parse(e.answeredAt!)).toBeGreaterThanOrEqual(Date.parse(e.at));
    }
    return events;
  };

  it("inviteUser: the account created, with its names and email, and never the password", async () => {
    const vendor = withCapability(Capability.INVITE_USERS);
    const password = "Pa55word-never-stored-7f3a";
    await mutate(
      "inviteUser",
      `mutation ($password: String) { inviteUser(input: { email: "Audited.Invite@example.com", firstName: "Audit", lastName: "Ed", password: $password, sources: ["${vendor.kind}"] }) { ok results { status } } }`,
      { password },
    );
    const [event] = await recorded("inviteUser", vendor);
    expect(event).toMatchObject({
      action: "CREATE_ACCOUNT",
      target: "Audited.Invite@example.com",
      person: "audited.invite@example.com",
      outcome: "APPLIED",
      before: null,
      after: { email: "Audited.Invite@example.com", firstName: "Audit", lastName: "Ed" },
    });
    expect(event!.message).toMatch(new RegExp(`^Created ${vendor.kind}:User:`));
    // Nowhere in the store: not in any event, not in the database's files (its write-ahead log too).
    expect(JSON.stringify(await auditEvents(gw))).not.toContain(password);
    const file = fileURLToPath(new URL(gw.storeUrl.replace(/^file:/, "file://")));
    for (const part of [file, `${file}-wal`]) expect(readFileSync(part).includes(password), part).toBe(false);
  });

  it("updateUser: the change, and no before the operation did not read (the trail asks the vendor nothing)", async () => {
    const vendor = withCapability(Capability.UPDATE_USERS);
    const [user] = await ids("users", vendor.kind);
    await mutate(
      "updateUser",
      `mutation { updateUser(input: { user: "${user}", firstName: "Renamed" }) { ok results { status } } }`,
    );
    const [event] = await recorded("updateUser", vendor);
    expect(event).toMatchObject({
      action: "UPDATE_ACCOUNT",
      target: user,
      before: null,
      after: { firstName: "Renamed" },
      outcome: "APPLIED",
    });
  });

  it("setUserActive: one event per account, active true → false, filed under the person's email", async () => {
    const vendor = withCapability(Capability.DEACTIVATE_USERS);
    const users = (await ids("users", vendor.kind, 8)).slice(5, 7);
    await mutate(
      "setUserActive",
      `mutation ($users: [ID!]!) { setUserActive(input: { users: $users, active: false }) { ok results { status } } }`,
      { users },
    );
    const events = await recorded("setUserActive", vendor);
    expect(events.map((e) => [e.target, e.action, e.before, e.after, e.outcome])).toEqual(
      users.map((u) => [u, "DEACTIVATE_ACCOUNT", { active: true }, { active: false }, "APPLIED"]),
    );
    for (const e of events) expect(e.person).toMatch(/@/);
  });

  it("deleteUsers: one event per account", async () => {
    const vendor = withCapability(Capability.DELETE_USERS);
    const [user] = (await ids("users", vendor.kind, 10)).slice(9);
    await mutate(
      "deleteUsers",
      `mutation { deleteUsers(input: { users: ["${user}"] }) { ok results { status } } }`,
    );
    const [event] = await recorded("deleteUsers", vendor);
    expect(event).toMatchObject({ action: "DELETE_ACCOUNT", target: user, after: null, outcome: "APPLIED" });
  });

  describe("project access", () => {
    const vendor = withCapability(Capability.ASSIGN_PROJECTS);
    let role: string;
    let project: string;
    let users: string[];
    beforeAll(async () => {
      [role] = (await projectRolesOf(vendor)) as [string];
      [project] = (await ids("projects", vendor.kind)) as [string];
      users = await ids("users", vendor.kind, 5);
    });

    it("assignUserToProject, assignUsersToProject, assignUsersToProjects: one event per grant, the project and role after", async () => {
      await mutate(
        "assignUserToProject",
        `mutation { assignUserToProject(input: { user: "${users[0]}", project: "${project}", role: "${role}" }) { ok } }`,
      );
      await mutate(
        "assignUsersToProject",
        `mutation ($users: [ID!]!) { assignUsersToProject(input: { users: $users, project: "${project}", role: "${role}" }) { ok } }`,
        { users: [users[1], users[2]] },
      );
      await mutate(
        "assignUsersToProjects",
        `mutation { assignUsersToProjects(input: { assignments: [{ user: "${users[3]}", project: "${project}", role: "${role}" }] }) { ok } }`,
      );
      const byOperation = {
        assignUserToProject: [users[0]],
        assignUsersToProject: [users[1], users[2]],
        assignUsersToProjects: [users[3]],
      };
      for (const [operation, targets] of Object.entries(byOperation)) {
        const events = await recorded(operation, vendor);
        expect(events.map((e) => e.target)).toEqual(targets);
        for (const e of events) {
          expect(["ASSIGN_ROLE", "CHANGE_ROLE"]).toContain(e.action);
          expect(e.after).toEqual({ project, role });
        }
      }
    });

    it("unassignUsersFromProject, unassignUsersFromProjects: one event per revocation", async () => {
      await mutate(
        "unassignUsersFromProject",
        `mutation { unassignUsersFromProject(input: { users: ["${users[1]}", "${users[2]}"], project: "${project}" }) { ok } }`,
      );
      await mutate(
        "unassignUsersFromProjects",
        `mutation { unassignUsersFromProjects(input: { assignments: [{ user: "${users[3]}", project: "${project}" }] }) { ok } }`,
      );
      const one = await recorded("unassignUsersFromProject", vendor);
      const many = await recorded("unassignUsersFromProjects", vendor);
      expect(one.map((e) => [e.target, e.action, e.after])).toEqual([
        [users[1], "REMOVE_FROM_PROJECT", { project, role: null }],
        [users[2], "REMOVE_FROM_PROJECT", { project, role: null }],
      ]);
      expect(many.map((e) => e.target)).toEqual([users[3]]);
    });
  });

  it("subscribeUserToTeams, unsubscribeUserFromTeams: one event per team", async () => {
    const vendor = withCapability(Capability.MANAGE_TEAM_MEMBERS);
    const [user] = await ids("users", vendor.kind);
    const teams = await ids("teams", vendor.kind, 2);
    for (const operation of ["subscribeUserToTeams", "unsubscribeUserFromTeams"])
      await mutate(
        operation,
        `mutation ($teams: [ID!]!) { ${operation}(input: { user: "${user}", teams: $teams }) { ok } }`,
        { teams },
      );
    const joined = await recorded("subscribeUserToTeams", vendor);
    const left = await recorded("unsubscribeUserFromTeams", vendor);
    expect(joined.map((e) => [e.target, e.action, e.after])).toEqual(
      teams.map((team) => [user, "ADD_TO_TEAM", { team, member: true }]),
    );
    expect(left.map((e) => [e.action, e.after])).toEqual(
      teams.map((team) => ["REMOVE_FROM_TEAM", { team, member: false }]),
    );
  });

  it("createGroup, updateGroup, addUsersToGroup, removeUsersFromGroup, deleteGroup: the group and each member", async () => {
    const vendor = vendorWhere(
      (c) => c.capabilities.has(Capability.MANAGE_GROUPS) && c.writes?.groups?.removeMembers !== undefined,
      "that manages groups and their members",
    );
    const users = await ids("users", vendor.kind, 3);
    const created = await gw.mutate<{
      createGroup: { ok: boolean; results: Array<{ group: { id: string } }> };
    }>(
      `mutation { createGroup(input: { source: "${vendor.kind}", name: "Audited group" }) { ok results { group { id } error { code message field } } } }`,
    );
    expect(created.data!.createGroup.ok, JSON.stringify(created)).toBe(true);
    const group = created.data!.createGroup.results[0]!.group.id;
    await mutate(
      "updateGroup",
      `mutation { updateGroup(input: { group: "${group}", name: "Audited group, renamed" }) { ok } }`,
    );
    await mutate(
      "addUsersToGroup",
      `mutation ($users: [ID!]!) { addUsersToGroup(input: { group: "${group}", users: $users }) { ok } }`,
      { users: users.slice(0, 2) },
    );
    await mutate(
      "removeUsersFromGroup",
      `mutation { removeUsersFromGroup(input: { group: "${group}", users: ["${users[0]}"] }) { ok } }`,
    );
    await mutate("deleteGroup", `mutation { deleteGroup(input: { group: "${group}" }) { ok } }`);

    const [create] = await recorded("createGroup", vendor);
    expect(create).toMatchObject({
      action: "CREATE_GROUP",
      target: "Audited group",
      message: `Created ${group}`,
    });
    const [update] = await recorded("updateGroup", vendor);
    expect(update).toMatchObject({
      action: "UPDATE_GROUP",
      target: group,
      after: { name: "Audited group, renamed" },
    });
    expect((await recorded("addUsersToGroup", vendor)).map((e) => [e.target, e.action, e.after])).toEqual(
      users.slice(0, 2).map((u) => [u, "ADD_TO_GROUP", { group, member: true }]),
    );
    expect((await recorded("removeUsersFromGroup", vendor)).map((e) => [e.target, e.action])).toEqual([
      [users[0], "REMOVE_FROM_GROUP"],
    ]);
    const [removed] = await recorded("deleteGroup", vendor);
    expect(removed).toMatchObject({
      action: "DELETE_GROUP",
      target: group,
      after: null,
    });
  });

  it("records every write a mutation sends, and nothing for what it refuses before any write", async () => {
    const before = (await auditEvents(gw)).length;
    const { data } = await gw.mutate<{ updateUser: unknown }>(
      `mutation { updateUser(input: { user: "no-such-source:User:1", firstName: "X" }) { ok } }`,
    );
    expect(data).toBeNull();
    expect((await auditEvents(gw)).length).toBe(before);
  });

  /** Mutations that record nothing: they store a plan, which keeps who made it. */
  const STORE_ONLY = ["planOffboarding", "planOnboarding", "planAccess"];
  /** Mutations whose events are specified with their own feature (applied-plans.test.ts, link-events.test.ts,
   *  roster-events.test.ts), or that send no vendor write at all (takeSnapshot only reads: test/integration/history/). */
  const ELSEWHERE = ["applyPlan", "linkAccounts", "unlinkAccounts", "replaceRoster", "takeSnapshot"];

  it("covers every mutation of the schema that sends vendor writes", async () => {
    const { data } = await gw.gql<{ __schema: { mutationType: { fields: Array<{ name: string }> } } }>(
      "{ __schema { mutationType { fields { name } } } }",
    );
    const events = await auditEvents(gw, { caller: WRITER });
    const recordedOperations = new Set(events.map((e) => e.operation));
    const untested = data!.__schema.mutationType.fields
      .map((f) => f.name)
      .filter((name) => !recordedOperations.has(name) && ![...STORE_ONLY, ...ELSEWHERE].includes(name));
    expect(untested).toEqual([]);
  });
});

describe("the caller of a token", () => {
  let idp: TestIssuer;
  let gw: GatewayHarness;
  const vendor = withCapability(Capability.DEACTIVATE_USERS);
  beforeAll(async () => {
    idp = await startIssuer();
    await idp.addKey("k1");
    gw = await startGateway({
      instances: [{ vendor, id: vendor.kind }],
      users: 3,
      auth: { jwt: { issuer: idp.issuer, audience: idp.audience, jwksUri: idp.jwksUri, jwksCooldownMs: 0 } },
    });
  });
  afterAll(async () => {
    await gw?.stop();
    await idp?.stop();
  });

  it("is recorded as the token's issuer and subject", async () => {
    const token = await idp.sign("dana", "openid rollcall:write");
    const { data: users } = await gw.gql<{ users: { nodes: Array<{ id: string }> } }>(
      `{ users(first: 1) { nodes { id } } }`,
    );
    const user = users!.users.nodes[0]!.id;
    const { data, errors } = await gw.gql<{ setUserActive: { ok: boolean } }>(
      `mutation { setUserActive(input: { users: ["${user}"], active: false }) { ok } }`,
      undefined,
      { authorization: `Bearer ${token}` },
    );
    expect(errors).toBeUndefined();
    expect(data!.setUserActive.ok).toBe(true);
    const events = await auditEvents(gw, { caller: `token:${idp.issuer}#dana` });
    expect(events.map((e) => [e.operation, e.target, e.action, e.outcome])).toEqual([
      ["setUserActive", user, "DEACTIVATE_ACCOUNT", "APPLIED"],
    ]);
  });
});
