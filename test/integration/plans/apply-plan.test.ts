/**
 * Applying a plan, over real HTTP against the simulators: twice changes nothing, a vendor down fails
 * its own steps only (and the steps after them wait), applying again finishes the job, an apply that
 * stopped half way resumes, and a plan made against a state that has changed since says what
 * differs. Vendors are chosen by what they can do, never by name.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoTemplates } from "../../../src/demo/demo-templates.js";
import { Capability } from "../../../src/model/capabilities.js";
import { vendors } from "../../../src/vendors/registry.js";
import { type GatewayHarness, startGateway } from "../../support/gateway-harness.js";
import { capabilitiesOfVendor, projectRolesOf } from "../../support/pick-vendor.js";
import {
  accountsOf,
  applyPlan,
  planOffboarding,
  planOnboarding,
  readPlan,
  type Step,
  writesTo,
} from "./plan-queries.js";

const DONE = ["APPLIED", "SKIPPED"];
const UNNAMED = "a role the vendor does not name";

describe("applying a plan", () => {
  let gw: GatewayHarness;
  beforeAll(async () => {
    gw = await startGateway({
      users: 20,
      extraConfig: { templates: demoTemplates() },
      // A vendor taken down on purpose answers again at once when brought back.
      sourceOverrides: Object.fromEntries(
        vendors.map((v) => [v.kind, { circuitBreaker: { failureThreshold: 0 } }]),
      ),
    });
  });
  afterAll(() => gw?.stop());

  const totalCalls = () => [...gw.sims.values()].reduce((n, sim) => n + sim.log.calls().length, 0);
  const allWrites = () => vendors.flatMap((v) => writesTo(gw, v.kind));

  it("applies twice with no change: the second apply sends nothing; a second plan of the same thing is all SKIPPED, with no write", async () => {
    const person = "katherine.johnson@example.com";
    const first = await planOffboarding(gw, person, "REMOVE_ACCESS");
    const second = await planOffboarding(gw, person, "REMOVE_ACCESS");
    expect(second.steps.map((s) => s.target.label)).toEqual(first.steps.map((s) => s.target.label));
    const possible = first.steps.filter((s) => s.possible);
    expect(possible.length).toBeGreaterThan(0);

    const applied = await applyPlan(gw, first.id);
    expect(applied.status).toBe("APPLIED");
    expect(applied.steps.filter((s) => s.possible).map((s) => s.state)).toEqual(
      possible.map(() => "APPLIED"),
    );

    gw.clearLogs();
    const again = await applyPlan(gw, first.id);
    expect(totalCalls()).toBe(0);
    expect(again.status).toBe("APPLIED");
    expect(again.steps).toEqual(applied.steps);

    gw.clearLogs();
    const stale = await applyPlan(gw, second.id);
    expect(allWrites()).toEqual([]);
    expect(stale.status).toBe("APPLIED");
    for (const step of stale.steps.filter((s) => s.possible)) {
      expect(step.state, step.target.label).toBe("SKIPPED");
      expect(step.result?.message).toBe("Already so: nothing was sent");
      // That plan saw the access the first one took away.
      expect(step.result?.drift, step.target.label).toBe(
        `The plan saw "${step.from}"; the live state was none`,
      );
    }
    expect(
      stale.steps.filter((s) => !s.possible).every((s) => s.state === "IMPOSSIBLE" && s.result === null),
    ).toBe(true);
  });

  it("fails a vendor's steps when it is down, runs the rest, leaves the steps after the failed ones PENDING with why; applying again finishes", async () => {
    const plan = await planOnboarding(gw, {
      email: "down.during.apply@example.com",
      firstName: "Down",
      lastName: "During",
      template: "mobile-tester",
    });
    // The vendor taken down: the first whose account step has steps waiting on it.
    const create = plan.steps.find(
      (s) => s.action === "CREATE_ACCOUNT" && plan.steps.some((d) => d.dependsOn.includes(s.id)),
    );
    expect(create, "a source where the template gives a new account more than the account").toBeDefined();
    const down = create!.sourceId;
    const sim = gw.sims.get(down)!;
    sim.faults.set({ inject: [{ kind: "5xx", status: 503 }] });
    let partial: Awaited<ReturnType<typeof applyPlan>>;
    try {
      partial = await applyPlan(gw, plan.id, "Welcome#2026");
    } finally {
      sim.faults.clear();
    }
    expect(partial.status).toBe("PARTIAL");
    const byId = new Map(partial.steps.map((s) => [s.id, s]));
    expect(byId.get(create!.id)).toMatchObject({
      state: "FAILED",
      attempts: 1,
      result: { code: "SOURCE_UNAVAILABLE" },
    });
    for (const step of partial.steps) {
      if (step.sourceId !== down)
        expect(DONE, `${step.target.label}: ${step.result?.message}`).toContain(step.state);
      else if (step.dependsOn.includes(create!.id)) {
        expect(step.state).toBe("PENDING");
        expect(step.attempts).toBe(0);
        expect(step.result?.message).toBe(`Not run: it waits for step ${create!.id}, not done`);
      }
    }
    expect(await readPlan(gw, plan.id)).toEqual(partial);

    const finished = await applyPlan(gw, plan.id, "Welcome#2026");
    expect(finished.status).toBe("APPLIED");
    for (const step of finished.steps) {
      expect(DONE, step.target.label).toContain(step.state);
      // Only what had not been done ran again.
      const before = byId.get(step.id)!;
      expect(step.attempts, step.target.label).toBe(
        DONE.includes(before.state) ? before.attempts : before.attempts + 1,
      );
    }
    expect((await accountsOf(gw, "down.during.apply@example.com")).map((a) => a.source.id)).toContain(down);
  });

  it("resumes an apply that stopped half way: a step left RUNNING is checked, not sent again when its change went through", async () => {
    const person = "linus.torvalds@example.com";
    const plan = await planOffboarding(gw, person, "DEACTIVATE");
    const [done, ...rest] = plan.steps.filter((s) => s.possible);
    expect(rest.length).toBeGreaterThan(0);
    // The crash: one step's write reached its vendor and its outcome was never stored.
    const { data } = await gw.mutate<{ setUserActive: { ok: boolean } }>(
      `mutation($id: ID!) { setUserActive(input: { users: [$id], active: false }) { ok } }`,
      { id: done!.target.user },
    );
    expect(data!.setUserActive.ok).toBe(true);
    const plans = gw.rollcall.store.plans;
    await plans.setStatus(plan.id, "APPLYING");
    await plans.updateStep(plan.id, done!.id, { state: "RUNNING", attempts: 1 });

    gw.clearLogs();
    const resumed = await applyPlan(gw, plan.id);
    expect(resumed.status).toBe("APPLIED");
    const step = resumed.steps.find((s) => s.id === done!.id)!;
    expect(step).toMatchObject({
      state: "SKIPPED",
      attempts: 2,
      result: { message: "Already so: nothing was sent" },
    });
    expect(writesTo(gw, done!.sourceId)).toEqual([]);
    for (const other of rest) expect(resumed.steps.find((s) => s.id === other.id)!.state).toBe("APPLIED");
  });

  it("re-checks a stale plan step by step: a changed role still goes, a role already gone is skipped, each saying what differed", async () => {
    const person = "margaret.hamilton@example.com";
    const plan = await planOffboarding(gw, person, "REMOVE_ACCESS");
    // A vendor that assigns roles, where the plan removes two roles it names.
    const named = (sourceId: string) =>
      plan.steps.filter(
        (s) =>
          s.sourceId === sourceId && s.action === "REMOVE_FROM_PROJECT" && s.possible && s.from !== UNNAMED,
      );
    const vendor = vendors.find(
      (v) => capabilitiesOfVendor(v).has(Capability.ASSIGN_PROJECTS) && named(v.kind).length >= 2,
    );
    expect(vendor, "a vendor where the person holds two named roles").toBeDefined();
    const [changed, gone] = named(vendor!.kind) as [Step, Step];
    const other = (await projectRolesOf(vendor!)).find(
      (r) => r.toLowerCase() !== changed.from!.toLowerCase(),
    )!;

    const changes = await gw.mutate<{ a: { ok: boolean }; b: { ok: boolean } }>(
      `mutation($user: ID!, $p1: ID!, $p2: ID!, $role: String!) {
        a: assignUserToProject(input: { user: $user, project: $p1, role: $role }) { ok }
        b: unassignUsersFromProject(input: { project: $p2, users: [$user] }) { ok }
      }`,
      { user: changed.target.user, p1: changed.target.project, p2: gone.target.project, role: other },
    );
    expect(changes.data).toEqual({ a: { ok: true }, b: { ok: true } });

    const applied = await applyPlan(gw, plan.id);
    const result = (id: string) => applied.steps.find((s) => s.id === id)!;
    expect(result(changed.id)).toMatchObject({
      state: "APPLIED",
      result: { drift: `The plan saw "${changed.from}"; the live state was "${other}"` },
    });
    expect(result(gone.id)).toMatchObject({
      state: "SKIPPED",
      result: { drift: `The plan saw "${gone.from}"; the live state was none` },
    });
    for (const step of applied.steps.filter((s) => s.possible && ![changed.id, gone.id].includes(s.id)))
      expect(step.result?.drift ?? null, step.target.label).toBeNull();
    const left = (await accountsOf(gw, person)).find((a) => a.source.id === vendor!.kind)!;
    expect(left.permissions.filter((p) => p.project && !p.via)).toEqual([]);
  });
});
