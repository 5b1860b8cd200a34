/**
 * Two real Rollcall processes on one PostgreSQL store apply plans through its job engine: the
 * replica whose worker took a plan is killed (SIGKILL) half way through, and the other resumes it
 * once its lease runs out — every step sent to its vendor once, the plan APPLIED, and the audit
 * trail showing each step applied once. One stopped gracefully (SIGTERM) instead lets go of the
 * plan, no step failed by its stop, and the other finishes it. Every simulated vendor, each slowed
 * so the apply takes a while; leases and polls are short through config.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newApiKey } from "../../../src/server/api-keys.js";
import type { SimServer } from "../../../src/simulator/sim-server.js";
import { vendors } from "../../../src/vendors/registry.js";
import type { AuditEventJson } from "../../support/audit-trail.js";
import { buildRollcall, type ReplicaProcess, startReplica } from "../../support/replica-process.js";
import { postgresTarget, type StorePlace } from "../../support/store-targets.js";

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
interface EventsAnswer {
  auditEvents: { nodes: AuditEventJson[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}
interface PlanJson {
  id: string;
  status: string;
  steps: StepJson[];
}

describe("a replica killed while it applies a plan", () => {
  const target = postgresTarget();
  const outDir = join(process.cwd(), `dist-takeover-test-${process.pid}`);
  const dir = mkdtempSync(join(tmpdir(), "rollcall-takeover-"));
  const writer = newApiKey();
  const reader = newApiKey();
  const sims = new Map<string, SimServer>(vendors.map((v) => [v.kind, v.simulator.create({ users: 20 })]));
  const replicas: ReplicaProcess[] = [];
  let place: StorePlace;

  async function post<T>(replica: ReplicaProcess, key: string, query: string, variables = {}): Promise<T> {
    const response = await fetch(replica.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
      body: JSON.stringify({ query, variables }),
    });
    const { data, errors } = (await response.json()) as { data?: T; errors?: unknown[] };
    if (errors || !data) throw new Error(JSON.stringify(errors));
    return data;
  }

  async function sql<T>(statement: string, values: unknown[]): Promise<T[]> {
    const client = new pg.Client({ connectionString: place.url });
    await client.connect();
    try {
      return (await client.query(statement, values)).rows as T[];
    } finally {
      await client.end();
    }
  }

  const readPlan = async (replica: ReplicaProcess, id: string) =>
    (
      await post<{ plan: PlanJson }>(replica, reader.key, `query($id: ID!) { plan(id: $id) { ${PLAN} } }`, {
        id,
      })
    ).plan;

  beforeAll(async () => {
    buildRollcall(outDir);
    place = await target.fresh();
    const sources = await Promise.all(
      vendors.map(async (v) => v.simulator.demoSource(await (sims.get(v.kind) as SimServer).start(), v.kind)),
    );
    const config = {
      server: { port: 0, host: "127.0.0.1", overload: { maxEventLoopDelayMs: 0 } },
      logging: { level: "info" },
      auth: {
        apiKeys: [
          { name: "writer", scope: "write", sha256: writer.sha256 },
          { name: "reader", scope: "read", sha256: reader.sha256 },
        ],
      },
      store: {
        url: place.url,
        // The answer says APPLYING at once; a dead replica's lease runs out within a second. The
        // engine's schema is the store's + "_jobs", dropped with it.
        jobs: { leaseSeconds: 1, pollSeconds: 0.5, waitSeconds: 0 },
      },
      sources,
    };
    // One after the other: the first creates the engine's schema, the second finds it.
    replicas.push(await startReplica(outDir, dir, "a", config));
    replicas.push(await startReplica(outDir, dir, "b", config));
  }, 180_000);

  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.stop()));
    await Promise.all([...sims.values()].map((s) => s.stop()));
    await place?.drop();
    await target.close();
    rmSync(outDir, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  });

  it("is resumed by the other from the first step not done: each step sent once, the plan APPLIED, each step once APPLIED in the audit trail", async () => {
    const [a, b] = replicas as [ReplicaProcess, ReplicaProcess];
    const { planOffboarding: plan } = await post<{ planOffboarding: PlanJson }>(
      a,
      writer.key,
      `mutation($person: String!) { planOffboarding(input: { person: $person, mode: REMOVE_ACCESS }) { ${PLAN} } }`,
      { person: PERSON },
    );
    const possible = plan.steps.filter((s) => s.possible);
    expect(possible.length).toBeGreaterThan(5);
    for (const sim of sims.values()) {
      sim.log.clear();
      sim.faults.set({ latencyMs: LATENCY_MS });
    }

    const { applyPlan: answered } = await post<{ applyPlan: PlanJson }>(
      a,
      writer.key,
      `mutation($plan: ID!) { applyPlan(input: { plan: $plan }) { ${PLAN} } }`,
      { plan: plan.id },
    );
    expect(answered.status).toBe("APPLYING");

    // Whichever replica's worker took the plan holds its lease, naming its process: kill that one
    // once some steps have landed and others have not.
    let holder: ReplicaProcess | undefined;
    let landed = 0;
    for (let i = 0; i < 400 && (!holder || landed < 2); i += 1) {
      const [row] = await sql<{ runner: string | null; applied: string }>(
        `select runner, (select count(*) from plan_steps where plan_id = $1 and state = 'APPLIED') as applied
           from plans where id = $1`,
        [plan.id],
      );
      holder = replicas.find((r) => row?.runner?.includes(`#${r.pid}#`));
      landed = Number(row?.applied ?? 0);
      if (!holder || landed < 2) await sleep(50);
    }
    expect(holder, "a replica took the plan").toBeDefined();
    await (holder as ReplicaProcess).kill();
    const survivor = holder === a ? b : a;
    const atKill = await readPlan(survivor, plan.id);
    const notDone = atKill.steps.filter((s) => s.possible && s.state !== "APPLIED");
    expect(notDone.length, "the replica was killed half way").toBeGreaterThan(0);

    let done = atKill;
    for (let i = 0; i < 600 && done.status === "APPLYING"; i += 1) {
      await sleep(100);
      done = await readPlan(survivor, plan.id);
    }
    expect(done.status).toBe("APPLIED");
    expect(done.steps.filter((s) => s.possible).map((s) => s.state)).toEqual(possible.map(() => "APPLIED"));

    // Each step sends one write: a vendor received exactly as many writes as it has steps.
    for (const [sourceId, sim] of sims) {
      const writes = sim.log.calls().filter((c) => c.method !== "GET" && !c.path.startsWith("/get_"));
      expect(writes.length, sourceId).toBe(possible.filter((s) => s.sourceId === sourceId).length);
    }

    const events: AuditEventJson[] = [];
    for (let after: string | null = null; ; ) {
      const { auditEvents }: EventsAnswer = await post<EventsAnswer>(
        survivor,
        reader.key,
        `query($plan: ID, $after: String) { auditEvents(first: 100, after: $after, filter: { plan: $plan }) {
          nodes { step outcome settled } pageInfo { hasNextPage endCursor } } }`,
        { plan: plan.id, after },
      );
      events.push(...auditEvents.nodes);
      if (!auditEvents.pageInfo.hasNextPage) break;
      after = auditEvents.pageInfo.endCursor;
    }
    for (const step of possible)
      expect(
        events.filter((e) => e.step === step.id && e.outcome === "APPLIED").length,
        `step ${step.id}`,
      ).toBe(1);
    expect(events.filter((e) => e.outcome === "PENDING" || e.outcome === "UNKNOWN")).toEqual([]);
  }, 120_000);
});

describe("a replica stopped (SIGTERM) while it applies a plan", () => {
  const target = postgresTarget();
  const outDir = join(process.cwd(), `dist-stop-test-${process.pid}`);
  const dir = mkdtempSync(join(tmpdir(), "rollcall-stop-"));
  const writer = newApiKey();
  const sims = new Map<string, SimServer>(vendors.map((v) => [v.kind, v.simulator.create({ users: 20 })]));
  const replicas: ReplicaProcess[] = [];
  let place: StorePlace;

  async function post<T>(replica: ReplicaProcess, query: string, variables = {}): Promise<T> {
    const response = await fetch(replica.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${writer.key}` },
      body: JSON.stringify({ query, variables }),
    });
    const { data, errors } = (await response.json()) as { data?: T; errors?: unknown[] };
    if (errors || !data) throw new Error(JSON.stringify(errors));
    return data;
  }

  async function sql<T>(statement: string, values: unknown[]): Promise<T[]> {
    const client = new pg.Client({ connectionString: place.url });
    await client.connect();
    try {
      return (await client.query(statement, values)).rows as T[];
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    buildRollcall(outDir);
    place = await target.fresh();
    const sources = await Promise.all(
      vendors.map(async (v) => v.simulator.demoSource(await (sims.get(v.kind) as SimServer).start(), v.kind)),
    );
    const config = {
      server: { port: 0, host: "127.0.0.1", overload: { maxEventLoopDelayMs: 0 } },
      logging: { level: "info" },
      auth: { apiKeys: [{ name: "writer", scope: "write", sha256: writer.sha256 }] },
      // A long lease: the stopped replica's cannot run out during the spec, so the other resumes
      // the plan only because the stopping one let go of it.
      store: { url: place.url, jobs: { leaseSeconds: 120, pollSeconds: 0.5, waitSeconds: 0 } },
      sources,
    };
    replicas.push(await startReplica(outDir, dir, "a", config));
    replicas.push(await startReplica(outDir, dir, "b", config));
  }, 180_000);

  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.stop()));
    await Promise.all([...sims.values()].map((s) => s.stop()));
    await place?.drop();
    await target.close();
    rmSync(outDir, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  });

  it("lets go of it with no step failed by the stop; the other finishes it, each step sent once", async () => {
    const [a, b] = replicas as [ReplicaProcess, ReplicaProcess];
    const { planOffboarding: plan } = await post<{ planOffboarding: PlanJson }>(
      a,
      `mutation($person: String!) { planOffboarding(input: { person: $person, mode: REMOVE_ACCESS }) { ${PLAN} } }`,
      { person: PERSON },
    );
    const possible = plan.steps.filter((s) => s.possible);
    expect(possible.length).toBeGreaterThan(5);
    for (const sim of sims.values()) {
      sim.log.clear();
      sim.faults.set({ latencyMs: LATENCY_MS });
    }
    await post(a, `mutation($plan: ID!) { applyPlan(input: { plan: $plan }) { id } }`, { plan: plan.id });

    let holder: ReplicaProcess | undefined;
    let landed = 0;
    for (let i = 0; i < 400 && (!holder || landed < 2); i += 1) {
      const [row] = await sql<{ runner: string | null; applied: string }>(
        `select runner, (select count(*) from plan_steps where plan_id = $1 and state = 'APPLIED') as applied
           from plans where id = $1`,
        [plan.id],
      );
      holder = replicas.find((r) => row?.runner?.includes(`#${r.pid}#`));
      landed = Number(row?.applied ?? 0);
      if (!holder || landed < 2) await sleep(50);
    }
    expect(holder, "a replica took the plan").toBeDefined();
    const stopping = holder as ReplicaProcess;
    // Slower still while it stops: what is left could not be sent within the stop's grace.
    for (const sim of sims.values()) sim.faults.set({ latencyMs: STOPPING_LATENCY_MS });
    await stopping.stop();
    for (const sim of sims.values()) sim.faults.set({ latencyMs: LATENCY_MS });
    const survivor = stopping === a ? b : a;

    const [left] = await sql<{ status: string; runner: string | null }>(
      "select status, runner from plans where id = $1",
      [plan.id],
    );
    expect(left?.status, "the stopped replica left the plan to the other").toBe("APPLYING");
    expect(left?.runner ?? "", "the stopped replica let go of the lease").not.toContain(`#${stopping.pid}#`);
    const failedAtStop = await sql<{ step_id: string }>(
      "select step_id from plan_steps where plan_id = $1 and state = 'FAILED'",
      [plan.id],
    );
    expect(failedAtStop, "no step failed by the stop").toEqual([]);

    let done = { status: "APPLYING", steps: [] as StepJson[] };
    for (let i = 0; i < 600 && done.status === "APPLYING"; i += 1) {
      await sleep(100);
      done = (
        await post<{ plan: PlanJson }>(survivor, `query($id: ID!) { plan(id: $id) { ${PLAN} } }`, {
          id: plan.id,
        })
      ).plan;
    }
    expect(done.status).toBe("APPLIED");
    expect(done.steps.filter((s) => s.possible).map((s) => s.state)).toEqual(possible.map(() => "APPLIED"));
    for (const [sourceId, sim] of sims) {
      const writes = sim.log.calls().filter((c) => c.method !== "GET" && !c.path.startsWith("/get_"));
      expect(writes.length, sourceId).toBe(possible.filter((s) => s.sourceId === sourceId).length);
    }
  }, 180_000);
});
