/**
 * applyPlan on a PostgreSQL store goes through the job engine (pg-boss): the job holds the plan's
 * id and its caller, never an initial password, and the answer is the plan once a worker applied
 * it. One Rollcall process here; two, and one killed, in replica-takeover.test.ts.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_TEMPLATE, demoTemplates } from "../../../src/demo/demo-templates.js";
import { APPLY_QUEUE } from "../../../src/plans/plan-jobs.js";
import { type GatewayHarness, startGateway } from "../../support/gateway-harness.js";
import { postgresTarget, type StorePlace } from "../../support/store-targets.js";
import { applyPlan, planOffboarding, planOnboarding } from "./plan-queries.js";

const PASSWORD = "Welcome#2026-jobs";

describe("applying plans through the job engine", () => {
  const target = postgresTarget();
  let place: StorePlace;
  let gw: GatewayHarness;

  beforeAll(async () => {
    place = await target.fresh();
    gw = await startGateway({
      users: 20,
      storeUrl: place.url,
      extraConfig: {
        templates: demoTemplates(),
        store: { url: place.url, jobs: { leaseSeconds: 2, pollSeconds: 0.5 } },
      },
    });
  });
  afterAll(async () => {
    await gw?.stop();
    await place?.drop();
    await target.close();
  });

  /** Every job the engine holds or has archived, as its data. */
  async function jobsData(): Promise<Array<Record<string, unknown>>> {
    const schema = `${new URL(place.url).searchParams.get("options")?.split("=")[1]}_jobs`;
    const client = new pg.Client({ connectionString: place.url });
    await client.connect();
    try {
      const { rows } = await client.query(
        `select data from "${schema}".job where name = $1 union all select data from "${schema}".archive where name = $1`,
        [APPLY_QUEUE],
      );
      return rows.map((r: { data: Record<string, unknown> }) => r.data);
    } finally {
      await client.end();
    }
  }

  it("answers the plan APPLIED once a worker applied it, its job holding the plan and who applies it only", async () => {
    const plan = await planOffboarding(gw, "grace.hopper@example.com", "DEACTIVATE");
    const applied = await applyPlan(gw, plan.id);
    expect(applied.status).toBe("APPLIED");
    expect(applied.steps.filter((s) => s.possible).every((s) => s.state === "APPLIED")).toBe(true);
    const jobs = (await jobsData()).filter((d) => d.planId === plan.id);
    expect(jobs).toEqual([{ planId: plan.id, caller: "key:test-writer" }]);
  });

  it("applies a plan given an initial password on the process that received it, the password in no job", async () => {
    const plan = await planOnboarding(gw, {
      email: "jobs.onboarded@example.com",
      firstName: "Job",
      lastName: "Runner",
      template: DEMO_TEMPLATE,
    });
    const applied = await applyPlan(gw, plan.id, PASSWORD);
    expect(applied.status).toBe("APPLIED");
    const jobs = await jobsData();
    expect(jobs.filter((d) => d.planId === plan.id)).toEqual([
      { planId: plan.id, caller: "key:test-writer" },
    ]);
    expect(JSON.stringify(jobs)).not.toContain(PASSWORD);
  });
});
