/** Mutations that span sources: one operation, a result per source or target, nothing lost. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { vendors } from "../../../src/vendors/registry.js";
import { type GatewayHarness, startGateway } from "../../support/gateway-harness.js";

interface Result {
  source: { id: string };
  status: string;
  warnings: string[];
  error: { code: string; field: string | null; message: string } | null;
}

describe("mutations across sources", () => {
  let gw: GatewayHarness;
  beforeAll(async () => {
    gw = await startGateway({ users: 20 });
  });
  afterAll(() => gw?.stop());

  it("invites one person everywhere: vendors that can't take the password still create the account, with a warning", async () => {
    const { data, errors } = await gw.mutate<{ inviteUser: { ok: boolean; results: Result[] } }>(`mutation {
      inviteUser(input: {
        email: "new.tester@example.com", firstName: "New", lastName: "Tester", password: "Initial#2026",
        groups: ["testresults:Group:f7eef9b7-1508-44b3-9d97-85d33f86e341"]
      }) { ok results { source { id } status warnings error { code field message } } }
    }`);
    expect(errors).toBeUndefined();
    const bySource = Object.fromEntries(data!.inviteUser.results.map((r) => [r.source.id, r]));
    expect(Object.keys(bySource).sort()).toEqual(vendors.map((v) => v.kind).sort());
    for (const r of Object.values(bySource))
      expect(r.status, `${r.source.id}: ${r.error?.message}`).toBe("CREATED");
    expect(bySource.qtest!.warnings).toEqual([]);
    expect(bySource["squash-tm"]!.warnings).toEqual([]);
    for (const id of ["testrail", "qacomplete", "testresults"])
      expect(bySource[id]!.warnings[0]).toContain("can't set a password");
    expect(data!.inviteUser.ok).toBe(true);

    const again = await gw.mutate<{ inviteUser: { ok: boolean; results: Result[] } }>(`mutation {
      inviteUser(input: { email: "NEW.tester@example.com", firstName: "New", lastName: "Tester", password: "Initial#2026",
        groups: ["testresults:Group:f7eef9b7-1508-44b3-9d97-85d33f86e341"] }) { ok results { status warnings error { code } } }
    }`);
    expect(again.data!.inviteUser.results.map((r) => r.status)).toEqual(
      Array(vendors.length).fill("ALREADY_EXISTS"),
    );
    // Done, so no error (a client reading "error is not null" as failure is right), and said in words.
    for (const r of again.data!.inviteUser.results) {
      expect(r.error).toBeNull();
      expect(r.warnings.join(" ")).toContain("already exists");
    }
    const found = await gw.gql<{ usersByEmail: unknown[] }>(
      `{ usersByEmail(email: "new.tester@example.com") { id } }`,
    );
    expect(found.data!.usersByEmail).toHaveLength(vendors.length);
  });

  it("assigns users to projects in two vendors in one operation, each grouped its cheapest way", async () => {
    gw.clearLogs();
    const { data, errors } = await gw.mutate<{
      assignUsersToProjects: {
        ok: boolean;
        results: Array<Result & { permission: { role: string } | null }>;
      };
    }>(`mutation {
      assignUsersToProjects(input: { assignments: [
        { user: "qtest:User:1001", project: "qtest:Project:2", role: "Tester" },
        { user: "testrail:User:1", project: "testrail:Project:3", role: "Tester" },
        { user: "qtest:User:1002", project: "qtest:Project:2", role: "Tester" },
        { user: "qtest:User:1003", project: "qtest:Project:2", role: "Nobody" }
      ] }) { ok results { source { id } status error { code field } permission { role } } }
    }`);
    expect(errors).toBeUndefined();
    const results = data!.assignUsersToProjects.results;
    // qTest 1001 was a member of project 2 already (its profile unnamed), 1002 was not; TestRail's
    // user 1 held another role on project 3.
    expect(results.map((r) => [r.source.id, r.status, r.permission?.role ?? r.error?.field])).toEqual([
      ["qtest", "UPDATED", "Tester"],
      ["testrail", "UPDATED", "Tester"],
      ["qtest", "CREATED", "Tester"],
      ["qtest", "FAILED", "input.assignments[3].role"],
    ]);
    expect(data!.assignUsersToProjects.ok).toBe(false);
    // Two qTest users on one project with one profile: one batch call (the unknown role never left).
    const qtestWrites = gw.sims
      .get("qtest")!
      .log.list()
      .filter((e) => e.method !== "GET")
      .map((e) => `${e.method} ${e.path}`);
    expect(qtestWrites).toEqual(["POST /api/v3/users/projects"]);
    const after = await gw.gql<{
      node: { permissions: Array<{ role: string; project: { id: string } | null }> };
    }>(`{ node(id: "qtest:User:1002") { ... on User { permissions { role project { id } } } } }`);
    // The membership reads back; qTest's documented member list does not name its profile.
    expect(after.data!.node.permissions).toContainEqual({
      role: null,
      project: { id: "qtest:Project:2" },
    });
  });

  it("grants one Squash TM user several projects with one group in one call with a list of ids", async () => {
    gw.clearLogs();
    const { data } = await gw.mutate<{
      assignUsersToProjects: { ok: boolean; results: Result[] };
    }>(`mutation {
      assignUsersToProjects(input: { assignments: [
        { user: "squash-tm:User:1003", project: "squash-tm:Project:370", role: "test_runner" },
        { user: "squash-tm:User:1003", project: "squash-tm:Project:371", role: "test_runner" },
        { user: "squash-tm:User:1003", project: "squash-tm:Project:372", role: "test_runner" }
      ] }) { ok results { status } }
    }`);
    expect(data!.assignUsersToProjects.ok).toBe(true);
    const writes = gw.sims
      .get("squash-tm")!
      .log.list()
      .filter((e) => e.method !== "GET")
      .map((e) => `${e.method} ${e.path}?${decodeURIComponent(e.query)}`);
    expect(writes).toEqual(["POST /users/1003/permissions/test_runner?ids=370,371,372"]);
    const after = await gw.gql<{
      node: { permissions: Array<{ role: string; project: { id: string } | null }> };
    }>(`{ node(id: "squash-tm:User:1003") { ... on User { permissions { role project { id } } } } }`);
    for (const project of [370, 371, 372])
      expect(after.data!.node.permissions).toContainEqual({
        role: "test_runner",
        project: { id: `squash-tm:Project:${project}` },
      });
  });

  it("explains what a vendor can't do and what to do instead", async () => {
    const { data } = await gw.mutate<{
      deleteUsers: { results: Result[] };
      removeUsersFromGroup: { results: Result[] };
    }>(`mutation {
      deleteUsers(input: { users: ["testrail:User:1"] }) { results { source { id } status error { code message } } }
      removeUsersFromGroup(input: { group: "testresults:Group:f7eef9b7-1508-44b3-9d97-85d33f86e341", users: ["testresults:User:eec02495-a1ac-46b1-95ec-07e20096cb7b"] }) {
        results { source { id } status error { code message } }
      }
    }`);
    expect(data!.deleteUsers.results[0]!.error).toMatchObject({ code: "UNSUPPORTED_BY_SOURCE" });
    expect(data!.deleteUsers.results[0]!.error!.message).toContain("setUserActive");
    expect(data!.removeUsersFromGroup.results[0]!.error).toMatchObject({ code: "UNSUPPORTED_BY_SOURCE" });
    expect(data!.removeUsersFromGroup.results[0]!.error!.message).toContain("addUsersToGroup");
  });

  it("offboards one person everywhere with the ids usersByEmail found, one result per account", async () => {
    const found = await gw.gql<{ usersByEmail: Array<{ id: string }> }>(
      `{ usersByEmail(email: "grace.hopper@example.com") { id } }`,
    );
    const ids = found.data!.usersByEmail.map((u) => u.id);
    expect(ids.length).toBeGreaterThanOrEqual(4);
    const { data } = await gw.mutate<{
      setUserActive: { results: Array<Result & { user: { id: string; active: boolean } | null }> };
    }>(
      `mutation($ids: [ID!]!) { setUserActive(input: { users: $ids, active: false }) { results { source { id } status error { code } user { id active } } } }`,
      { ids },
    );
    const results = data!.setUserActive.results;
    expect(results).toHaveLength(ids.length);
    for (const r of results) {
      if (r.status === "UPDATED") expect(r.user!.active).toBe(false);
      else expect(r.error!.code, r.source.id).toBe("UNSUPPORTED_BY_SOURCE");
    }
    expect(results.filter((r) => r.status === "UPDATED").length).toBeGreaterThanOrEqual(4);
  });
});
