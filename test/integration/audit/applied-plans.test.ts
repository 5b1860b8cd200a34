/**
 * A plan's applied steps are in the audit trail: each step the vendor was sent is one event with
 * its plan, its step, the caller who applied it and the person, recorded through the same choke
 * point as every mutation; a step found already so (SKIPPED) sent nothing and records nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../../support/audit-trail.js";
import { type GatewayHarness, startGateway } from "../../support/gateway-harness.js";

const PERSON = "grace.hopper@example.com";

interface PlanJson {
  id: string;
  steps: Array<{ id: string; sourceId: string; action: string; state: string }>;
}
const PLAN_FIELDS = "id steps { id sourceId action state }";

describe("the audit trail of applied plans", () => {
  let gw: GatewayHarness;
  beforeAll(async () => {
    gw = await startGateway({ users: 10 });
  });
  afterAll(() => gw?.stop());

  it("holds every step sent to a vendor, with its plan, step, caller and person; applying again adds nothing", async () => {
    const planned = await gw.mutate<{ planOffboarding: PlanJson }>(
      `mutation { planOffboarding(input: { person: "${PERSON.toUpperCase()}", mode: DEACTIVATE }) { ${PLAN_FIELDS} } }`,
    );
    expect(planned.errors).toBeUndefined();
    const planId = planned.data!.planOffboarding.id;
    expect(await auditEvents(gw, { plan: planId }), "planning sends nothing").toEqual([]);

    const applied = await gw.mutate<{ applyPlan: PlanJson }>(
      `mutation { applyPlan(input: { plan: "${planId}" }) { ${PLAN_FIELDS} } }`,
    );
    expect(applied.errors).toBeUndefined();
    const sent = applied.data!.applyPlan.steps.filter((s) => s.state === "APPLIED");
    expect(sent.length).toBeGreaterThan(1);

    const events = await auditEvents(gw, { plan: planId });
    expect(events.map((e) => [e.step, e.source, e.action]).sort()).toEqual(
      sent.map((s) => [s.id, s.sourceId, s.action]).sort(),
    );
    for (const e of events)
      expect(e).toMatchObject({
        caller: "key:test-writer",
        operation: "applyPlan",
        plan: planId,
        person: PERSON,
        outcome: "APPLIED",
        before: { active: true },
        after: { active: false },
      });
    // Found by the person, as an auditor asks.
    expect((await auditEvents(gw, { person: PERSON })).map((e) => e.id)).toEqual(events.map((e) => e.id));

    const again = await gw.mutate<{ applyPlan: PlanJson }>(
      `mutation { applyPlan(input: { plan: "${planId}" }) { ${PLAN_FIELDS} } }`,
    );
    expect(again.errors).toBeUndefined();
    expect(await auditEvents(gw, { plan: planId })).toEqual(events);
  });
});
