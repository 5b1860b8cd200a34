/**
 * Resuming a plan another apply left half done, step by step: a step left RUNNING whose intent is
 * in the audit trail is settled from the live state before anything is sent (its write landed:
 * APPLIED, never sent again; it did not: sent once), and a plan whose lease another process holds
 * is not applied until that lease has run out. Real HTTP to the simulators, one process.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RequestContext } from "../../../src/loaders/request-context.js";
import { applyPlan as applyInProcess } from "../../../src/plans/apply-plan.js";
import { PlanBusyError } from "../../../src/plans/plan-lease.js";
import { AuditOutcome } from "../../../src/store/store.js";
import { auditEvents } from "../../support/audit-trail.js";
import { type GatewayHarness, startGateway } from "../../support/gateway-harness.js";
import { applyPlan, planOffboarding, type Step, writesTo } from "./plan-queries.js";

describe("resuming a stopped apply", () => {
  let gw: GatewayHarness;
  beforeAll(async () => {
    gw = await startGateway({ users: 20 });
  });
  afterAll(() => gw?.stop());

  /** What a stopped apply leaves of a step it had begun: the step RUNNING, its intent PENDING. */
  async function stopMidStep(planId: string, step: Step): Promise<string> {
    const { plans, audit } = gw.rollcall.store;
    await plans.setStatus(planId, "APPLYING");
    await plans.updateStep(planId, step.id, { state: "RUNNING", attempts: 1 });
    return audit.recordIntent({
      at: new Date(),
      caller: "key:test-writer",
      operation: "applyPlan",
      planId,
      stepId: step.id,
      sourceId: step.sourceId,
      target: step.target.user ?? step.target.label,
      personKey: null,
      action: step.action,
      before: { active: true },
      after: { active: false },
    });
  }

  const eventsOfStep = async (planId: string, stepId: string) =>
    (await auditEvents(gw, { plan: planId })).filter((e) => e.step === stepId);

  it("marks a step APPLIED when the stopped apply's write landed: nothing sent again, its intent settled APPLIED", async () => {
    const plan = await planOffboarding(gw, "ada.lovelace@example.com", "DEACTIVATE");
    const [sent, ...rest] = plan.steps.filter((s) => s.possible);
    expect(rest.length).toBeGreaterThan(0);
    const intent = await stopMidStep(plan.id, sent as Step);
    // The write the stopped apply sent, landed at the vendor.
    const { data } = await gw.mutate<{ setUserActive: { ok: boolean } }>(
      `mutation($id: ID!) { setUserActive(input: { users: [$id], active: false }) { ok } }`,
      { id: sent?.target.user },
    );
    expect(data?.setUserActive.ok).toBe(true);

    gw.clearLogs();
    const resumed = await applyPlan(gw, plan.id);
    expect(resumed.status).toBe("APPLIED");
    expect(resumed.steps.find((s) => s.id === sent?.id)).toMatchObject({
      state: "APPLIED",
      attempts: 2,
      result: { message: "Sent by an apply that stopped before recording it; the live state shows it done" },
    });
    expect(writesTo(gw, sent?.sourceId as string)).toEqual([]);
    const [event] = await eventsOfStep(plan.id, sent?.id as string);
    expect(event).toMatchObject({ id: intent, outcome: AuditOutcome.APPLIED, settled: true });
    for (const other of rest) expect(resumed.steps.find((s) => s.id === other.id)?.state).toBe("APPLIED");
  });

  it("sends a step once when the stopped apply's write did not land: its intent settled FAILED, a new event APPLIED", async () => {
    const plan = await planOffboarding(gw, "alan.turing@example.com", "DEACTIVATE");
    const [unsent] = plan.steps.filter((s) => s.possible);
    await stopMidStep(plan.id, unsent as Step);

    gw.clearLogs();
    const resumed = await applyPlan(gw, plan.id);
    expect(resumed.steps.find((s) => s.id === unsent?.id)).toMatchObject({ state: "APPLIED", attempts: 2 });
    expect(writesTo(gw, unsent?.sourceId as string).length).toBe(1);
    const outcomes = (await eventsOfStep(plan.id, unsent?.id as string)).map((e) => [e.outcome, e.settled]);
    expect(outcomes).toEqual([
      [AuditOutcome.FAILED, true],
      [AuditOutcome.APPLIED, false],
    ]);
  });

  it("does not apply a plan whose lease another process holds, and takes it once that lease has run out", async () => {
    const plan = await planOffboarding(gw, "grace.hopper@example.com", "DEACTIVATE");
    const { plans } = gw.rollcall.store;
    const now = new Date();
    expect(await plans.lease(plan.id, "elsewhere", now, new Date(now.getTime() + 60_000))).toBe(true);
    const ctx = new RequestContext(gw.rollcall.gateway);
    const lease = { runner: "here", ms: 60_000 };

    gw.clearLogs();
    await expect(applyInProcess(ctx, plan.id, { plans, caller: "cli", lease })).rejects.toBeInstanceOf(
      PlanBusyError,
    );
    expect(writesTo(gw, plan.steps[0]?.sourceId as string)).toEqual([]);

    // The other process stopped renewing: its lease ran out (its last renewal ended a moment ago).
    expect(await plans.lease(plan.id, "elsewhere", now, new Date(Date.now() - 1))).toBe(true);
    const applied = await applyInProcess(ctx, plan.id, { plans, caller: "cli", lease });
    expect(applied.status).toBe("APPLIED");
  });
});
