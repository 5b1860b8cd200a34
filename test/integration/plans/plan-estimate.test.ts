/**
 * The estimate of the plan fields, judged before anything runs: planning is estimated at no less
 * than the reads it makes, applying at the live checks of the steps its stored plan has left, and a
 * caller whose budget is smaller is refused with nothing sent.
 */
import { type DocumentNode, Kind, type OperationDefinitionNode, parse } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoTemplates } from "../../../src/demo/demo-templates.js";
import { type Estimate, fragmentsOf } from "../../../src/server/limits/operation-estimate.js";
import { readAppliedPlans } from "../../../src/server/limits/plan-estimate.js";
import { vendors } from "../../../src/vendors/registry.js";
import { type GatewayHarness, startGateway } from "../../support/gateway-harness.js";
import { applyPlan, planOffboarding } from "./plan-queries.js";

const operationOf = (document: DocumentNode) =>
  document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;

describe("the estimate of plans", () => {
  let gw: GatewayHarness;
  beforeAll(async () => {
    gw = await startGateway({ users: 20, extraConfig: { templates: demoTemplates() } });
  });
  afterAll(() => gw?.stop());

  /** The server's estimate of a mutation without variables, with the plans it applies read first. */
  async function estimateOf(mutation: string, planIds: string[] = []): Promise<Estimate> {
    const document = parse(mutation);
    const plans = await readAppliedPlans(gw.rollcall.store.plans, planIds);
    return gw.rollcall.server.estimator.estimate(
      operationOf(document),
      fragmentsOf(document),
      {},
      plans,
    ) as Estimate;
  }

  /** The calls each source was sent since the logs were cleared. */
  const calls = () => Object.fromEntries([...gw.sims].map(([id, sim]) => [id, sim.log.calls().length]));

  it("estimates planning at no less than the reads it makes, in every source", async () => {
    const cases = [
      `mutation { planOffboarding(input: { person: "ada.lovelace@example.com", mode: DEACTIVATE }) { id } }`,
      `mutation { planOffboarding(input: { person: "ada.lovelace@example.com", mode: REMOVE_ACCESS }) { id steps { id } } }`,
      `mutation { planOnboarding(input: { email: "est.imate@example.com", firstName: "E", lastName: "St", template: "mobile-tester" }) { id } }`,
    ];
    for (const mutation of cases) {
      const estimate = await estimateOf(mutation);
      gw.clearLogs();
      const { errors } = await gw.mutate(mutation);
      expect(errors).toBeUndefined();
      const made = calls();
      for (const vendor of vendors)
        expect(estimate.bySource[vendor.kind] ?? 0, `${vendor.kind}: ${mutation}`).toBeGreaterThanOrEqual(
          made[vendor.kind]!,
        );
    }
  });

  it("estimates an apply by the steps its plan has left: each one's live check, and nothing once all are done", async () => {
    const plan = await planOffboarding(gw, "grace.hopper@example.com", "REMOVE_ACCESS");
    const apply = `mutation { applyPlan(input: { plan: "${plan.id}" }) { id steps { id state } } }`;
    const before = await estimateOf(apply, [plan.id]);
    const sources = new Set(plan.steps.filter((s) => s.possible).map((s) => s.sourceId));
    expect(Object.keys(before.bySource).sort()).toEqual([...sources].sort());
    for (const source of sources) expect(before.bySource[source], source).toBeGreaterThan(0);
    // The answer: at most MAX_PLAN_STEPS steps, whatever this one holds.
    expect(before.objects).toBeGreaterThanOrEqual(5000);

    await applyPlan(gw, plan.id);
    const after = await estimateOf(apply, [plan.id]);
    expect(after.upstreamCalls).toBe(0);
    // A plan the store does not hold costs nothing to estimate: applying it is refused by field.
    expect(
      (await estimateOf(`mutation { applyPlan(input: { plan: "nope" }) { id } }`, ["nope"])).upstreamCalls,
    ).toBe(0);
  });
});

describe("a caller whose budget is smaller than a plan's reads", () => {
  it("is refused before anything is sent", async () => {
    const gw = await startGateway({
      users: 5,
      server: { limits: { callers: { "test-writer": { upstreamCalls: 3 } } } },
    });
    try {
      gw.clearLogs();
      const { data, errors } = await gw.mutate(
        `mutation { planOffboarding(input: { person: "ada.lovelace@example.com", mode: REMOVE_ACCESS }) { id } }`,
      );
      expect(data ?? null).toBeNull();
      expect(errors?.[0]?.extensions).toMatchObject({ code: "OPERATION_TOO_COSTLY", limit: "upstreamCalls" });
      expect([...gw.sims.values()].map((s) => s.log.calls().length)).toEqual(vendors.map(() => 0));
      expect(await gw.rollcall.store.plans.list({ first: 10 })).toEqual([]);
    } finally {
      await gw.stop();
    }
  });
});
