/**
 * `rollcall apply` on a PostgreSQL store goes through the store's job engine, as the server's
 * applyPlan does: with no replica running, the command's own worker applies the plan; while a
 * replica (a real Rollcall process on the same store) is applying it, the command waits for that
 * replica's worker and reports the plan once done. Either way each step is sent to its vendor
 * once, and the output and exit status are those of an apply on SQLite. Every simulated vendor,
 * over real HTTP; leases and polls are short through config.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APPLY_QUEUE } from "../../src/plans/plan-jobs.js";
import type { AuditEventJson } from "../support/audit-trail.js";
import { rollcall, writeConfig } from "../support/cli.js";
import {
  askReplica,
  type ReplicaProcess,
  type ReplicasOnPostgres,
  startReplicasOnPostgres,
} from "../support/replica-process.js";

const PLAN = "id status steps { id sourceId possible state }";

interface PlanJson {
  id: string;
  status: string;
  steps: Array<{ id: string; sourceId: string; possible: boolean; state: string }>;
}

describe("rollcall apply on a PostgreSQL store", () => {
  /** The store, the simulators, and the replicas started on them (none at first). */
  let on: ReplicasOnPostgres<"writer" | "reader">;
  let configFile: string;
  let alone: PlanJson;
  let shared: PlanJson;
  let stuck: PlanJson;

  /** Every job of the apply queue the engine holds or has archived, as its data. */
  async function jobsData(): Promise<Array<Record<string, unknown>>> {
    const [where] = await on.sql<{ schema: string }>("select current_schema() as schema");
    const schema = `${where?.schema}_jobs`;
    const rows = await on.sql<{ data: Record<string, unknown> }>(
      `select data from "${schema}".job where name = $1 union all select data from "${schema}".archive where name = $1`,
      [APPLY_QUEUE],
    );
    return rows.map((r) => r.data);
  }

  const planOffboarding = async (replica: ReplicaProcess, person: string) =>
    (
      await askReplica<{ planOffboarding: PlanJson }>(
        replica,
        on.keys.writer,
        `mutation($person: String!) { planOffboarding(input: { person: $person, mode: DEACTIVATE }) { ${PLAN} } }`,
        { person },
      )
    ).planOffboarding;

  /** The writes each simulator received since the last clearLogs (sign-ins left out). */
  const writesBySource = () =>
    new Map(
      [...on.sims].map(([id, sim]) => [
        id,
        sim.log.calls().filter((c) => c.method !== "GET" && !c.path.startsWith("/get_")).length,
      ]),
    );
  const stepsBySource = (plan: PlanJson) =>
    new Map(
      [...on.sims.keys()].map((id) => [id, plan.steps.filter((s) => s.possible && s.sourceId === id).length]),
    );

  beforeAll(async () => {
    on = await startReplicasOnPostgres({
      users: 20,
      apiKeys: { writer: "write", reader: "read" },
      jobs: { leaseSeconds: 1, pollSeconds: 0.5, waitSeconds: 0 },
      start: [],
    });
    configFile = await writeConfig("rollcall.json", { sources: on.config.sources, store: on.config.store });
    // Both plans are made through a replica, which then stops: the first is applied with none running.
    const planner = await on.start("planner");
    try {
      alone = await planOffboarding(planner, "grace.hopper@example.com");
      shared = await planOffboarding(planner, "katherine.johnson@example.com");
      stuck = await planOffboarding(planner, "alan.turing@example.com");
    } finally {
      await planner.stop();
    }
    for (const plan of [alone, shared, stuck])
      expect(plan.steps.filter((s) => s.possible).length).toBeGreaterThan(2);
  }, 180_000);

  afterAll(() => on?.stop());

  it("with no replica running, applies the plan with its own worker through the job engine: exit 0, each step's outcome, each step sent once", async () => {
    on.clearLogs();
    const run = await rollcall(["apply", alone.id, "--config", configFile], { NODE_ENV: "test" });
    expect(run.status).toBe(0);
    const stepLines = run.stdout.split("\n").filter((l) => /^ {2}s\d+ /.test(l));
    expect(stepLines).toHaveLength(alone.steps.length);
    for (const line of stepLines)
      expect(line).toMatch(/: (applied|skipped: already so|not possible)( \(.*\))?$/);
    expect(run.stdout).toMatch(
      /\nAPPLIED: \d+ applied, \d+ already so, 0 failed, 0 not run, \d+ not possible\.$/,
    );

    // Told on stderr: where the plan went, then each step as it landed.
    const told = run.stderr.split("\n");
    expect(told[0]).toMatch(new RegExp(`^Plan ${alone.id}: offered to the job engine \\(schema "[^"]+"\\)`));
    for (const step of alone.steps.filter((s) => s.possible))
      expect(told.filter((l) => l.startsWith(`  ${step.id} `))).toHaveLength(1);

    expect((await jobsData()).filter((d) => d.planId === alone.id)).toEqual([
      { planId: alone.id, caller: "cli" },
    ]);
    expect(writesBySource()).toEqual(stepsBySource(alone));
  });

  it("applied again, sends nothing and still exits 0", async () => {
    on.clearLogs();
    const run = await rollcall(["apply", alone.id, "--config", configFile], { NODE_ENV: "test" });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/\nAPPLIED: /);
    expect([...writesBySource().values()].every((n) => n === 0)).toBe(true);
  });

  it("stops waiting for a plan that makes no progress for --wait seconds (a process that does not progress holds its lease): exit 1, says why, the plan left APPLYING and offered for a replica to resume", async () => {
    // A Rollcall process that took the plan and then stalls: its lease runs for an hour, so every
    // offer of the plan's job finds it held and is retried a lease later, for ever.
    const hour = new Date(Date.now() + 3_600_000).toISOString();
    await on.sql("update plans set runner = $2, lease_until = $3 where id = $1", [
      stuck.id,
      "stalled#1#process",
      hour,
    ]);
    on.clearLogs();
    const run = await rollcall(["apply", stuck.id, "--config", configFile, "--wait", "2"], {
      NODE_ENV: "test",
    });
    expect(run.status).toBe(1);
    // Two seconds asked, three granted: never less than three lease periods (leaseSeconds: 1).
    expect(run.stderr).toContain(
      `rollcall apply: plan ${stuck.id} made no progress for 3 s (no step landed)`,
    );
    expect(run.stderr).toContain(
      `The plan stays APPLYING and offered to the job engine: a running replica resumes it, or run \`rollcall apply ${stuck.id}\` again.`,
    );
    expect(run.stdout).toMatch(
      /\nAPPLYING: 0 applied, 0 already so, 0 failed, \d+ not run, \d+ not possible\.\n/,
    );
    const [row] = await on.sql<{ status: string }>("select status from plans where id = $1", [stuck.id]);
    expect(row?.status).toBe("APPLYING");
    expect([...writesBySource().values()].every((n) => n === 0)).toBe(true);
    // Offered by the command, and only by it. Once or twice: a retry its worker fetched while it
    // was giving up is offered again at once by the stop (plan-jobs.ts, PlanStoppedError) rather
    // than a retry's delay later; the plan's lease, not the job count, keeps a step from being
    // sent twice (asserted below when it is resumed).
    const offers = (await jobsData()).filter((d) => d.planId === stuck.id);
    expect(offers.length).toBeGreaterThanOrEqual(1);
    expect(offers.length).toBeLessThanOrEqual(2);
    for (const offer of offers) expect(offer).toEqual({ planId: stuck.id, caller: "cli" });

    // The stalled process gone (its lease let go), the plan is resumed: applied again, it finishes.
    await on.sql("update plans set runner = null, lease_until = null where id = $1", [stuck.id]);
    const again = await rollcall(["apply", stuck.id, "--config", configFile, "--wait", "30"], {
      NODE_ENV: "test",
    });
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/\nAPPLIED: /);
    expect(writesBySource()).toEqual(stepsBySource(stuck));
  }, 60_000);

  it("refuses a --wait that is not a positive number of seconds as a usage error (exit 2)", async () => {
    const run = await rollcall(["apply", stuck.id, "--config", configFile, "--wait", "soon"], {
      NODE_ENV: "test",
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--wait takes a positive number of seconds, not "soon"');
  });

  it("waits for a plan a replica's worker is applying and reports it done: each step sent once, by that replica, the lease keeping the command's worker off it", async () => {
    const replica = await on.start("replica");
    on.clearLogs();
    // Slow enough that the command starts while the replica is half way.
    for (const sim of on.sims.values()) sim.faults.set({ latencyMs: 400 });
    let run: Awaited<ReturnType<typeof rollcall>>;
    try {
      const { applyPlan: answered } = await askReplica<{ applyPlan: PlanJson }>(
        replica,
        on.keys.writer,
        `mutation($plan: ID!) { applyPlan(input: { plan: $plan }) { ${PLAN} } }`,
        { plan: shared.id },
      );
      expect(answered.status).toBe("APPLYING");
      let held = false;
      for (let i = 0; i < 200 && !held; i += 1) {
        const [row] = await on.sql<{ runner: string | null }>("select runner from plans where id = $1", [
          shared.id,
        ]);
        held = row?.runner?.includes(`#${replica.pid}#`) ?? false;
        if (!held) await sleep(50);
      }
      expect(held, "the replica's worker took the plan").toBe(true);
      run = await rollcall(["apply", shared.id, "--config", configFile], { NODE_ENV: "test" });
    } finally {
      for (const sim of on.sims.values()) sim.faults.clear();
    }
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      /\nAPPLIED: \d+ applied, \d+ already so, 0 failed, 0 not run, \d+ not possible\.$/,
    );
    expect(writesBySource()).toEqual(stepsBySource(shared));

    // Every write was the replica's (its caller, the writer's key), one per step.
    const { auditEvents } = await askReplica<{ auditEvents: { nodes: AuditEventJson[] } }>(
      replica,
      on.keys.reader,
      `query($plan: ID) { auditEvents(first: 100, filter: { plan: $plan }) { nodes { step outcome caller } } }`,
      { plan: shared.id },
    );
    for (const step of shared.steps.filter((s) => s.possible))
      expect(
        auditEvents.nodes.filter((e) => e.step === step.id && e.outcome === "APPLIED").map((e) => e.caller),
        `step ${step.id}`,
      ).toEqual(["key:writer"]);
  }, 120_000);
});
