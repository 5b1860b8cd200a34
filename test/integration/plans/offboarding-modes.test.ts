/**
 * Each offboarding mode on every vendor, over real HTTP against the simulators: what is planned,
 * what is marked impossible and why (in the vendor's own words), and what applying it leaves. The
 * expectations come from each vendor's capabilities and the reasons its writer gives, never from
 * its name.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Capability } from "../../../src/model/capabilities.js";
import { personGlobalId } from "../../../src/schema/common/global-id.js";
import { vendors } from "../../../src/vendors/registry.js";
import type { VendorModule } from "../../../src/vendors/vendor-module.js";
import { type GatewayHarness, startGateway } from "../../support/gateway-harness.js";
import { capabilitiesOfVendor, inspect } from "../../support/pick-vendor.js";
import { accountsOf, applyPlan, planOffboarding, type Step, writesTo } from "./plan-queries.js";

const can = (vendor: VendorModule, capability: Capability) => capabilitiesOfVendor(vendor).has(capability);
const reasonFor = (vendor: VendorModule, operation: "deleteUsers" | "deactivateUser") =>
  inspect(vendor, (c) => c.writes?.unsupported?.[operation]) ?? "";
const takesMembersOut = (vendor: VendorModule) =>
  can(vendor, Capability.MANAGE_GROUPS) &&
  inspect(vendor, (c) => c.writes?.groups?.removeMembers !== undefined);
const stepsIn = (steps: readonly Step[], vendor: VendorModule) =>
  steps.filter((s) => s.sourceId === vendor.kind);

describe("offboarding, each mode on every vendor", () => {
  let gw: GatewayHarness;
  beforeAll(async () => {
    gw = await startGateway({ users: 20 });
  });
  afterAll(() => gw?.stop());

  /** A person with an active account in every source, each mode its own. */
  const person = {
    DEACTIVATE: "ada.lovelace@example.com",
    REMOVE_ACCESS: "grace.hopper@example.com",
    DELETE_WHERE_POSSIBLE: "alan.turing@example.com",
  };

  it("plans without changing anything: no vendor is sent a write", async () => {
    for (const email of Object.values(person))
      expect((await accountsOf(gw, email)).map((a) => [a.source.id, a.active]).sort()).toEqual(
        vendors.map((v) => [v.kind, true]).sort(),
      );
    gw.clearLogs();
    for (const [mode, email] of Object.entries(person)) await planOffboarding(gw, email, mode);
    for (const vendor of vendors) expect(writesTo(gw, vendor.kind), vendor.kind).toEqual([]);
  });

  it("finds the person by a Person id as by their email, in any case", async () => {
    const byEmail = await planOffboarding(gw, person.DEACTIVATE.toUpperCase(), "DEACTIVATE");
    const byId = await planOffboarding(gw, personGlobalId(person.DEACTIVATE), "DEACTIVATE");
    expect(byId.steps.map((s) => s.target.label)).toEqual(byEmail.steps.map((s) => s.target.label));
    expect(byId.steps.length).toBe(vendors.length);
    expect(
      byId.summary.startsWith(`offboard ${person.DEACTIVATE} (DEACTIVATE): ${byId.steps.length} steps`),
    ).toBe(true);
  });

  it("DEACTIVATE: a deactivation per account where the vendor can, elsewhere impossible with the vendor's reason", async () => {
    const plan = await planOffboarding(gw, person.DEACTIVATE, "DEACTIVATE");
    expect(plan).toMatchObject({ kind: "OFFBOARDING", status: "PLANNED", createdBy: "key:test-writer" });
    for (const vendor of vendors) {
      const [step, ...more] = stepsIn(plan.steps, vendor);
      expect(more, vendor.kind).toEqual([]);
      expect(step, vendor.kind).toMatchObject({
        action: "DEACTIVATE_ACCOUNT",
        from: "active",
        to: "inactive",
      });
      expect(step!.possible, vendor.kind).toBe(can(vendor, Capability.DEACTIVATE_USERS));
      if (!step!.possible) {
        expect(step!.state).toBe("IMPOSSIBLE");
        expect(step!.reason, vendor.kind).toContain(reasonFor(vendor, "deactivateUser"));
      }
    }

    const applied = await applyPlan(gw, plan.id);
    expect(applied.status).toBe("APPLIED");
    const active = new Map((await accountsOf(gw, person.DEACTIVATE)).map((a) => [a.source.id, a.active]));
    for (const vendor of vendors)
      expect(active.get(vendor.kind), vendor.kind).toBe(!can(vendor, Capability.DEACTIVATE_USERS));
  });

  it("DELETE_WHERE_POSSIBLE: deleted where the vendor deletes, else deactivated saying why, else impossible with both reasons", async () => {
    const plan = await planOffboarding(gw, person.DELETE_WHERE_POSSIBLE, "DELETE_WHERE_POSSIBLE");
    for (const vendor of vendors) {
      const [step, ...more] = stepsIn(plan.steps, vendor);
      expect(more, vendor.kind).toEqual([]);
      if (can(vendor, Capability.DELETE_USERS))
        expect(step, vendor.kind).toMatchObject({
          action: "DELETE_ACCOUNT",
          from: "active",
          to: null,
          possible: true,
        });
      else if (can(vendor, Capability.DEACTIVATE_USERS)) {
        expect(step, vendor.kind).toMatchObject({
          action: "DEACTIVATE_ACCOUNT",
          to: "inactive",
          possible: true,
        });
        expect(step!.reason, vendor.kind).toContain(reasonFor(vendor, "deleteUsers"));
      } else {
        expect(step, vendor.kind).toMatchObject({
          action: "DELETE_ACCOUNT",
          possible: false,
          state: "IMPOSSIBLE",
        });
        expect(step!.reason).toContain(reasonFor(vendor, "deleteUsers"));
        expect(step!.reason).toContain(reasonFor(vendor, "deactivateUser"));
      }
    }

    expect((await applyPlan(gw, plan.id)).status).toBe("APPLIED");
    // Deleted: gone, or soft-deleted where the vendor deletes so.
    const left = new Map(
      (await accountsOf(gw, person.DELETE_WHERE_POSSIBLE))
        .filter((a) => !a.archived)
        .map((a) => [a.source.id, a.active]),
    );
    for (const vendor of vendors)
      if (can(vendor, Capability.DELETE_USERS)) expect(left.has(vendor.kind), vendor.kind).toBe(false);
      else if (can(vendor, Capability.DEACTIVATE_USERS))
        expect(left.get(vendor.kind), vendor.kind).toBe(false);
  });

  it("REMOVE_ACCESS: every role, group and team the person holds, access through a group or team by leaving it", async () => {
    const [before, plan] = [
      await accountsOf(gw, person.REMOVE_ACCESS),
      await planOffboarding(gw, person.REMOVE_ACCESS, "REMOVE_ACCESS"),
    ];
    for (const vendor of vendors) {
      const account = before.find((a) => a.source.id === vendor.kind)!;
      const steps = stepsIn(plan.steps, vendor);
      const direct = account.permissions.filter((p) => p.via === null);
      const groups = new Set([
        ...account.groups.nodes.map((g) => g.id),
        ...account.permissions.filter((p) => p.via?.id.includes(":Group:")).map((p) => p.via!.id),
      ]);
      const teams = new Set([
        ...account.teams.nodes.map((t) => t.id),
        ...account.permissions.filter((p) => p.via?.id.includes(":Team:")).map((p) => p.via!.id),
      ]);
      const planned = (action: string, key: "project" | "group" | "team") =>
        steps
          .filter((s) => s.action === action)
          .map((s) => s.target[key])
          .sort();
      expect(planned("REMOVE_FROM_PROJECT", "project"), vendor.kind).toEqual(
        [...new Set(direct.filter((p) => p.project).map((p) => p.project!.id))].sort(),
      );
      expect(planned("REMOVE_FROM_GROUP", "group"), vendor.kind).toEqual([...groups].sort());
      expect(planned("REMOVE_FROM_TEAM", "team"), vendor.kind).toEqual([...teams].sort());
      // An instance-wide role held directly is kept, and the plan says so.
      expect(
        steps.filter((s) => s.action === "CHANGE_ROLE").map((s) => s.from),
        vendor.kind,
      ).toEqual(
        direct.filter((p) => p.project === null).map((p) => p.role ?? "a role the vendor does not name"),
      );
      for (const step of steps) {
        const possible = {
          REMOVE_FROM_PROJECT: can(vendor, Capability.ASSIGN_PROJECTS),
          REMOVE_FROM_GROUP: takesMembersOut(vendor),
          REMOVE_FROM_TEAM: can(vendor, Capability.MANAGE_TEAM_MEMBERS),
          CHANGE_ROLE: false,
        }[step.action];
        expect(step.possible, `${vendor.kind} ${step.target.label}`).toBe(possible);
        expect(step.to).toBeNull();
        if (!step.possible) expect(step.reason, `${vendor.kind} ${step.target.label}`).toBeTruthy();
      }
    }
    expect(plan.steps.some((s) => s.possible)).toBe(true);
    expect(plan.steps.some((s) => !s.possible)).toBe(true);

    expect((await applyPlan(gw, plan.id)).status).toBe("APPLIED");
    // Planned again, only what can't be done is left, exactly as it was.
    const again = await planOffboarding(gw, person.REMOVE_ACCESS, "REMOVE_ACCESS");
    const impossible = (steps: readonly Step[]) =>
      steps.filter((s) => !s.possible).map((s) => [s.sourceId, s.action, s.target.label, s.reason]);
    expect(again.steps.every((s) => !s.possible)).toBe(true);
    expect(impossible(again.steps)).toEqual(impossible(plan.steps));
    // The accounts are kept.
    expect((await accountsOf(gw, person.REMOVE_ACCESS)).map((a) => a.active)).toEqual(
      vendors.map(() => true),
    );
  });
});
