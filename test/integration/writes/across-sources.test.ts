/**
 * Mutations that span sources: one operation, a result per source or target, nothing lost. Every
 * vendor takes part as its capabilities say; what a vendor does in its own way (how it groups a
 * batch) is its own folder's spec.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Capability } from "../../../src/model/capabilities.js";
import { vendors } from "../../../src/vendors/registry.js";
import type { VendorModule } from "../../../src/vendors/vendor-module.js";
import { type GatewayHarness, startGateway } from "../../support/gateway-harness.js";
import { capabilitiesOfVendor, inspect, projectRolesOf, vendorWhere } from "../../support/pick-vendor.js";

interface Result {
  source: { id: string };
  status: string;
  warnings: string[];
  error: { code: string; field: string | null; message: string } | null;
}

const can = (vendor: VendorModule, capability: Capability) => capabilitiesOfVendor(vendor).has(capability);
const setsPassword = (vendor: VendorModule) => inspect(vendor, (c) => c.writes?.users?.setsPassword === true);

describe("mutations across sources", () => {
  let gw: GatewayHarness;
  beforeAll(async () => {
    gw = await startGateway({ users: 20 });
  });
  afterAll(() => gw?.stop());

  const nodesOf = async (field: string, source: string, first = 1) => {
    const { data } = await gw.gql<Record<string, { nodes: Array<{ id: string }> }>>(
      `{ list: ${field}(sources: ["${source}"], first: ${first}) { nodes { id } } }`,
    );
    return data!.list!.nodes.map((n) => n.id);
  };

  it("invites one person everywhere: vendors that can't take the password still create the account, with a warning", async () => {
    // A group of each source that has groups (a vendor may require one, and the others join it).
    const groups = (
      await Promise.all(
        vendors.filter((v) => can(v, Capability.GROUPS)).map((v) => nodesOf("groups", v.kind)),
      )
    ).flat();
    const INVITE = `mutation ($email: String!, $groups: [ID!]) {
      inviteUser(input: { email: $email, firstName: "New", lastName: "Tester", password: "Initial#2026", groups: $groups })
      { ok results { source { id } status warnings error { code field message } } }
    }`;
    const { data, errors } = await gw.mutate<{ inviteUser: { ok: boolean; results: Result[] } }>(INVITE, {
      email: "new.tester@example.com",
      groups,
    });
    expect(errors).toBeUndefined();
    const bySource = Object.fromEntries(data!.inviteUser.results.map((r) => [r.source.id, r]));
    expect(Object.keys(bySource).sort()).toEqual(vendors.map((v) => v.kind).sort());
    for (const vendor of vendors) {
      const r = bySource[vendor.kind]!;
      expect(r.status, `${r.source.id}: ${r.error?.message}`).toBe("CREATED");
      if (setsPassword(vendor)) expect(r.warnings, vendor.kind).toEqual([]);
      else expect(r.warnings[0], vendor.kind).toContain("can't set a password");
    }
    expect(data!.inviteUser.ok).toBe(true);

    const again = await gw.mutate<{ inviteUser: { ok: boolean; results: Result[] } }>(INVITE, {
      email: "NEW.tester@example.com",
      groups,
    });
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

  it("assigns users to projects in two vendors in one operation, a result per assignment, an unknown role refused by name", async () => {
    const [one, two] = vendors.filter((v) => can(v, Capability.ASSIGN_PROJECTS)) as [
      VendorModule,
      VendorModule,
    ];
    const [role] = await projectRolesOf(one);
    const [otherRole] = await projectRolesOf(two);
    const [project] = await nodesOf("projects", one.kind);
    const [otherProject] = await nodesOf("projects", two.kind);
    const users = await nodesOf("users", one.kind, 5);
    const [otherUser] = await nodesOf("users", two.kind, 5);
    const assignments = [
      { user: users[2], project, role },
      { user: otherUser, project: otherProject, role: otherRole },
      { user: users[3], project, role },
      { user: users[4], project, role: "No Such Role" },
    ];
    const { data, errors } = await gw.mutate<{
      assignUsersToProjects: {
        ok: boolean;
        results: Array<Result & { permission: { role: string | null } | null }>;
      };
    }>(
      `mutation ($assignments: [ProjectAssignmentInput!]!) {
        assignUsersToProjects(input: { assignments: $assignments }) { ok results { source { id } status error { code field } permission { role } } }
      }`,
      { assignments },
    );
    expect(errors).toBeUndefined();
    const results = data!.assignUsersToProjects.results;
    // Done: CREATED (a new assignment), UPDATED (another role before) or UNCHANGED (held already);
    // which one each is, is the vendor's spec (test/vendors/<kind>/, the write contract).
    const done = (status: string) => (["CREATED", "UPDATED", "UNCHANGED"].includes(status) ? "done" : status);
    expect(results.map((r) => [r.source.id, done(r.status), r.permission?.role ?? r.error?.field])).toEqual([
      [one.kind, "done", role],
      [two.kind, "done", otherRole],
      [one.kind, "done", role],
      [one.kind, "FAILED", "input.assignments[3].role"],
    ]);
    expect(data!.assignUsersToProjects.ok).toBe(false);
    // The membership reads back (with its role, or UNKNOWN where the vendor's member lists name none).
    const after = await gw.gql<{
      node: { permissions: Array<{ role: string | null; level: string; project: { id: string } | null }> };
    }>(`{ node(id: "${users[3]}") { ... on User { permissions { role level project { id } } } } }`);
    const held = after.data!.node.permissions.find((p) => p.project?.id === project);
    expect(held, "the assignment reads back").toBeDefined();
    expect([role, null]).toContain(held!.role);
  });

  it("explains what a vendor can't do and what to do instead, in its own words", async () => {
    const vendor = vendorWhere(
      (c) => c.writes?.unsupported?.deleteUsers !== undefined,
      "that declines deletion",
    );
    const reason = inspect(vendor, (c) => c.writes?.unsupported?.deleteUsers) as string;
    const [user] = await nodesOf("users", vendor.kind);
    const { data } = await gw.mutate<{ deleteUsers: { results: Result[] } }>(
      `mutation { deleteUsers(input: { users: ["${user}"] }) { results { source { id } status error { code message } } } }`,
    );
    expect(data!.deleteUsers.results[0]!.error).toMatchObject({ code: "UNSUPPORTED_BY_SOURCE" });
    expect(data!.deleteUsers.results[0]!.error!.message).toContain(reason);
  });

  it("offboards one person everywhere with the ids usersByEmail found, one result per account", async () => {
    const found = await gw.gql<{ usersByEmail: Array<{ id: string; source: { id: string } }> }>(
      `{ usersByEmail(email: "grace.hopper@example.com") { id source { id } } }`,
    );
    const ids = found.data!.usersByEmail.map((u) => u.id);
    expect(ids).toHaveLength(vendors.length);
    const { data } = await gw.mutate<{
      setUserActive: { results: Array<Result & { user: { id: string; active: boolean } | null }> };
    }>(
      `mutation($ids: [ID!]!) { setUserActive(input: { users: $ids, active: false }) { results { source { id } status error { code } user { id active } } } }`,
      { ids },
    );
    const results = data!.setUserActive.results;
    expect(results).toHaveLength(ids.length);
    for (const r of results) {
      const vendor = vendors.find((v) => v.kind === r.source.id)!;
      if (can(vendor, Capability.DEACTIVATE_USERS)) {
        expect(r.status, r.source.id).toBe("UPDATED");
        expect(r.user!.active).toBe(false);
      } else expect(r.error!.code, r.source.id).toBe("UNSUPPORTED_BY_SOURCE");
    }
  });
});
