/**
 * Two real Rollcall processes on one PostgreSQL store apply plans through its job engine: the
 * replica whose worker took a plan is killed (SIGKILL) half way through, and the other resumes it
 * once its lease runs out — every step sent to its vendor once, the plan APPLIED, and the audit
 * trail showing each step applied once. One stopped gracefully (SIGTERM) instead lets go of the
 * plan, no step failed by its stop, and the other finishes it. Every simulated vendor, each slowed
 * so the apply takes a while (and the survivor's part at full speed); leases and polls are short
 * through config.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEventsVia } from "../../support/audit-trail.js";
import {
  askReplica,
  type ReplicaProcess,
  type ReplicasOnPostgres,
  startReplicasOnPostgres,
} from "../../support/replica-process.js";

/** Each simulator answers this late: the apply lasts long enough to be cut half way. */
const LATENCY_MS = 120;
/** Each call's latency while the replica applying stops: its steps outlast what a stop may wait. */
const STOPPING_LATENCY_MS = 4000;
const PERSON = "katherine.johnson@example.com";
const PLAN = "id status steps { id sourceId possible state attempts result { message } }";

interface StepJson {
  id: string;
  sourceId: string;
  possible: boolean;
  state: string;
  attempts: number;
  result: { message: string | null } | null;
}
interface PlanJson {
  id: string;
  status: string;
  steps: StepJson[];
}

/** An offboarding planned through the first replica, then every vendor slowed for its apply. */
async function planWithEveryVendorSlowed(
  on: ReplicasOnPostgres<"writer">,
): Promise<{ plan: PlanJson; possible: StepJson[] }> {
  const { planOffboarding: plan } = await askReplica<{ planOffboarding: PlanJson }>(
    on.replicas[0] as ReplicaProcess,
    on.keys.writer,
    `mutation($person: String!) { planOffboarding(input: { person: $person, mode: REMOVE_ACCESS }) { ${PLAN} } }`,
    { person: PERSON },
  );
  const possible = plan.steps.filter((s) => s.possible);
  expect(possible.length).toBeGreaterThan(5);
  on.clearLogs();
  slowEveryVendor(on, LATENCY_MS);
  return { plan, possible };
}

/** Whichever replica's worker took the plan (its lease names its process), once two steps landed. */
async function holderOnceTwoLanded(on: ReplicasOnPostgres, planId: string): Promise<ReplicaProcess> {
  let holder: ReplicaProcess | undefined;
  let landed = 0;
  for (let i = 0; i < 400 && (!holder || landed < 2); i += 1) {
    const [row] = await on.sql<{ runner: string | null; applied: string }>(
      `select runner, (select count(*) from plan_steps where plan_id = $1 and state = 'APPLIED') as applied
         from plans where id = $1`,
      [planId],
    );
    holder = on.replicas.find((r) => row?.runner?.includes(`#${r.pid}#`));
    landed = Number(row?.applied ?? 0);
    if (!holder || landed < 2) await sleep(50);
  }
  expect(holder, "a replica took the plan").toBeDefined();
  return holder as ReplicaProcess;
}

/** Each vendor received exactly as many writes as the plan has steps for it: one write a step. */
function expectOneWriteAStep(on: ReplicasOnPostgres, possible: readonly StepJson[]): void {
  for (const [sourceId, sim] of on.sims) {
    const writes = sim.log.calls().filter((c) => c.method !== "GET" && !c.path.startsWith("/get_"));
    expect(writes.length, sourceId).toBe(possible.filter((s) => s.sourceId === sourceId).length);
  }
}

function slowEveryVendor(on: ReplicasOnPostgres, latencyMs: number): void {
  for (const sim of on.sims.values()) sim.faults.set({ latencyMs });
}

// Each case has its own store, simulators and replicas, and waits mostly on slowed vendors and
// leases: they run at once (each test asserts with its own `expect`, as tests running at once must).
describe.concurrent("plans applied by two replicas on one PostgreSQL store", () => {
  describe("a replica killed while it applies a plan", () => {
    let on: ReplicasOnPostgres<"writer" | "reader">;

    const readPlan = async (replica: ReplicaProcess, id: string) =>
      (
        await askReplica<{ plan: PlanJson }>(
          replica,
          on.keys.reader,
          `query($id: ID!) { plan(id: $id) { ${PLAN} } }`,
          { id },
        )
      ).plan;

    beforeAll(async () => {
      on = await startReplicasOnPostgres({
        users: 20,
        apiKeys: { writer: "write", reader: "read" },
        // The answer says APPLYING at once; a dead replica's lease runs out within a second.
        jobs: { leaseSeconds: 1, pollSeconds: 0.5, waitSeconds: 0 },
      });
    }, 180_000);

    afterAll(() => on?.stop());

    it("is resumed by the other from the first step not done: each step sent once, the plan APPLIED, each step once APPLIED in the audit trail", async ({
      expect,
    }) => {
      const [a, b] = on.replicas as [ReplicaProcess, ReplicaProcess];
      const { plan, possible } = await planWithEveryVendorSlowed(on);

      const { applyPlan: answered } = await askReplica<{ applyPlan: PlanJson }>(
        a,
        on.keys.writer,
        `mutation($plan: ID!) { applyPlan(input: { plan: $plan }) { ${PLAN} } }`,
        { plan: plan.id },
      );
      expect(answered.status).toBe("APPLYING");

      // Kill the replica holding the plan once some steps have landed and others have not.
      const holder = await holderOnceTwoLanded(on, plan.id);
      await holder.kill();
      const survivor = holder === a ? b : a;
      const atKill = await readPlan(survivor, plan.id);
      const notDone = atKill.steps.filter((s) => s.possible && s.state !== "APPLIED");
      expect(notDone.length, "the replica was killed half way").toBeGreaterThan(0);
      // The cut is made: the survivor's part need not be slow.
      for (const sim of on.sims.values()) sim.faults.clear();

      let done = atKill;
      for (let i = 0; i < 600 && done.status === "APPLYING"; i += 1) {
        await sleep(100);
        done = await readPlan(survivor, plan.id);
      }
      expect(done.status).toBe("APPLIED");
      expect(done.steps.filter((s) => s.possible).map((s) => s.state)).toEqual(possible.map(() => "APPLIED"));
      expectOneWriteAStep(on, possible);

      const events = await auditEventsVia(
        (query, variables) => askReplica(survivor, on.keys.reader, query, variables),
        { plan: plan.id },
      );
      for (const step of possible)
        expect(
          events.filter((e) => e.step === step.id && e.outcome === "APPLIED").length,
          `step ${step.id}`,
        ).toBe(1);
      expect(events.filter((e) => e.outcome === "PENDING" || e.outcome === "UNKNOWN")).toEqual([]);
    }, 120_000);
  });

  describe("a replica stopped (SIGTERM) while it applies a plan", () => {
    let on: ReplicasOnPostgres<"writer">;

    beforeAll(async () => {
      on = await startReplicasOnPostgres({
        users: 20,
        apiKeys: { writer: "write" },
        // A long lease: the stopped replica's cannot run out during the spec, so the other resumes
        // the plan only because the stopping one let go of it.
        jobs: { leaseSeconds: 120, pollSeconds: 0.5, waitSeconds: 0 },
      });
    }, 180_000);

    afterAll(() => on?.stop());

    it("lets go of it with no step failed by the stop; the other finishes it, each step sent once", async ({
      expect,
    }) => {
      const [a, b] = on.replicas as [ReplicaProcess, ReplicaProcess];
      const { plan, possible } = await planWithEveryVendorSlowed(on);
      await askReplica(
        a,
        on.keys.writer,
        `mutation($plan: ID!) { applyPlan(input: { plan: $plan }) { id } }`,
        {
          plan: plan.id,
        },
      );

      const stopping = await holderOnceTwoLanded(on, plan.id);
      // Slower still while it stops: what is left could not be sent within the stop's grace.
      slowEveryVendor(on, STOPPING_LATENCY_MS);
      await stopping.stop();
      // Stopped: the survivor's part need not be slow.
      for (const sim of on.sims.values()) sim.faults.clear();
      const survivor = stopping === a ? b : a;

      const [left] = await on.sql<{ status: string; runner: string | null }>(
        "select status, runner from plans where id = $1",
        [plan.id],
      );
      expect(left?.status, "the stopped replica left the plan to the other").toBe("APPLYING");
      expect(left?.runner ?? "", "the stopped replica let go of the lease").not.toContain(
        `#${stopping.pid}#`,
      );
      const failedAtStop = await on.sql<{ step_id: string }>(
        "select step_id from plan_steps where plan_id = $1 and state = 'FAILED'",
        [plan.id],
      );
      expect(failedAtStop, "no step failed by the stop").toEqual([]);

      let done = { status: "APPLYING", steps: [] as StepJson[] };
      for (let i = 0; i < 600 && done.status === "APPLYING"; i += 1) {
        await sleep(100);
        done = (
          await askReplica<{ plan: PlanJson }>(
            survivor,
            on.keys.writer,
            `query($id: ID!) { plan(id: $id) { ${PLAN} } }`,
            {
              id: plan.id,
            },
          )
        ).plan;
      }
      expect(done.status).toBe("APPLIED");
      expect(done.steps.filter((s) => s.possible).map((s) => s.state)).toEqual(possible.map(() => "APPLIED"));
      expectOneWriteAStep(on, possible);
    }, 180_000);
  });
});
