/**
 * A serving process's stop is bounded (server.stopTimeoutMs; a second signal ends it at once), and
 * what it leaves when it can't wait is left as a crash leaves it: real Rollcall processes on one
 * PostgreSQL store, every simulated vendor behind a proxy that lets a write through (the vendor
 * applies it) and holds its answer. The replica applying a plan is told to stop while a step of
 * each source is in flight that way, past its limit: it exits 1, logging that plan and exactly
 * those steps, having recorded nothing of them; another replica (or the next start) settles each
 * from the vendor's live state — the write landed: APPLIED, never sent again. On the embedded
 * store the apply's own request is left unanswered, and the next start and apply settle the same
 * way. A stop with nothing in flight exits 0.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newApiKey } from "../../../src/server/api-keys.js";
import type { SimServer } from "../../../src/simulator/sim-server.js";
import { vendors } from "../../../src/vendors/registry.js";
import { auditEventsVia } from "../../support/audit-trail.js";
import { type HoldingProxy, startHoldingProxy } from "../../support/holding-proxy.js";
import { builtRollcall } from "../../support/replica-process.js";
import { type LogLine, type ServingProcess, startServing } from "../../support/serving-process.js";
import { postgresTarget, type StorePlace, sqliteTarget } from "../../support/store-targets.js";

const PLAN = "id status steps { id sourceId possible state attempts result { message } }";
/** What the next applier records of a step whose write landed but whose answer never came. */
const SETTLED_LANDED = "Sent by an apply that stopped before recording it; the live state shows it done";
/** The limit of the replicas the spec stops while a step is held: a held answer never comes. */
const SHORT_STOP_MS = 2000;
/** A limit the spec never reaches (the second signal and the idle stop end well before it). */
const LONG_STOP_MS = 120_000;

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
interface StopLeft {
  plans: Array<{ plan: string; steps: string[] }>;
  snapshots: unknown;
  httpRequestsUnanswered: number;
}
interface StopFields {
  reason: string;
  signal?: string;
  waitedMs: number;
  waitingFor: string;
  left: StopLeft;
  exitStatus: number;
}

const stopLine = (line: LogLine) => (line.stop as StopFields | undefined)?.exitStatus !== undefined;

describe("a serving process's stop, bounded", () => {
  const target = postgresTarget();
  // This run's shared build (test/global-setup.ts): never removed here.
  let outDir: string;
  const dir = mkdtempSync(join(tmpdir(), "rollcall-stop-deadline-"));
  const writer = newApiKey();
  const sims = new Map<string, SimServer>(vendors.map((v) => [v.kind, v.simulator.create({ users: 20 })]));
  const proxies = new Map<string, HoldingProxy>();
  const processes: ServingProcess[] = [];
  let place: StorePlace;
  let sources: unknown[];

  const configWith = (stopTimeoutMs: number, store?: { url: string }) => ({
    server: { port: 0, host: "127.0.0.1", overload: { maxEventLoopDelayMs: 0 }, stopTimeoutMs },
    logging: { level: "info" },
    auth: { apiKeys: [{ name: "writer", scope: "write", sha256: writer.sha256 }] },
    // A dead replica's lease runs out within a second; applyPlan answers APPLYING at once.
    store: store ?? { url: place.url, jobs: { leaseSeconds: 1, pollSeconds: 0.5, waitSeconds: 0 } },
    sources,
  });

  async function start(
    name: string,
    stopTimeoutMs: number,
    store?: { url: string },
  ): Promise<ServingProcess> {
    const started = await startServing(outDir, dir, name, configWith(stopTimeoutMs, store));
    processes.push(started);
    return started;
  }

  async function post<T>(to: ServingProcess, query: string, variables = {}): Promise<T> {
    const response = await fetch(to.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${writer.key}` },
      body: JSON.stringify({ query, variables }),
    });
    const { data, errors } = (await response.json()) as { data?: T; errors?: unknown[] };
    if (errors || !data) throw new Error(JSON.stringify(errors));
    return data;
  }

  const sql = (query: string) => target.rows(place, query);
  /** The embedded store's file, and what its rows say. */
  const embedded = sqliteTarget();
  let embeddedPlace: StorePlace;
  const embeddedSql = (query: string) => embedded.rows(embeddedPlace, query);

  /**
   * Plans an offboarding and applies it with every source's first write held: each source's first
   * step stays in flight. `answered`: the applyPlan request (on the embedded store the apply runs
   * inside it, unanswered while a step is held).
   */
  async function applyHeld(
    through: ServingProcess,
    person: string,
  ): Promise<{ plan: PlanJson; answered: Promise<unknown> }> {
    const { planOffboarding: plan } = await post<{ planOffboarding: PlanJson }>(
      through,
      `mutation($person: String!) { planOffboarding(input: { person: $person, mode: REMOVE_ACCESS }) { ${PLAN} } }`,
      { person },
    );
    for (const sim of sims.values()) sim.log.clear();
    for (const proxy of proxies.values()) proxy.holding = true;
    const heldBefore = new Map([...proxies].map(([id, proxy]) => [id, proxy.held]));
    const noneHeld = (id: string) => proxies.get(id)?.held === heldBefore.get(id);
    const answered = post(through, `mutation($plan: ID!) { applyPlan(input: { plan: $plan }) { id } }`, {
      plan: plan.id,
    });
    answered.catch(() => undefined);
    // One account per source, whose steps go one at a time: each source's first write is held.
    const withSteps = new Set(plan.steps.filter((s) => s.possible).map((s) => s.sourceId));
    expect(withSteps.size, "sources with a step to take").toBeGreaterThan(1);
    for (let i = 0; i < 600 && [...withSteps].some(noneHeld); i += 1) await sleep(50);
    expect([...withSteps].filter(noneHeld), "sources with no write held").toEqual([]);
    return { plan, answered };
  }

  /** The process whose lease the plan names. */
  async function holderOf(planId: string, among: readonly ServingProcess[]): Promise<ServingProcess> {
    const [row] = await sql(`select runner from plans where id = '${planId}'`);
    const holder = among.find((p) => String(row?.runner).includes(`#${p.pid}#`));
    expect(holder, "a process holds the plan's lease").toBeDefined();
    return holder as ServingProcess;
  }

  async function stepsRunning(planId: string, rowsOf = sql): Promise<string[]> {
    const rows = await rowsOf(
      `select step_id from plan_steps where plan_id = '${planId}' and state = 'RUNNING'`,
    );
    return rows.map((r) => String(r.step_id)).sort();
  }

  /** The plan once `by` has finished it, each held step settled as landed, each write sent once. */
  async function expectFinishedOnce(by: ServingProcess, plan: PlanJson, held: readonly string[]) {
    let done = { status: "APPLYING", steps: [] as StepJson[] };
    for (let i = 0; i < 600 && done.status === "APPLYING"; i += 1) {
      await sleep(100);
      done = (
        await post<{ plan: PlanJson }>(by, `query($id: ID!) { plan(id: $id) { ${PLAN} } }`, { id: plan.id })
      ).plan;
    }
    const possible = plan.steps.filter((s) => s.possible);
    expect(done.status).toBe("APPLIED");
    expect(done.steps.filter((s) => s.possible).map((s) => s.state)).toEqual(possible.map(() => "APPLIED"));
    // Left RUNNING by the stopped process, found so by the next applier: settled from the live state.
    for (const id of held)
      expect(
        done.steps.find((s) => s.id === id),
        `step ${id}`,
      ).toMatchObject({
        attempts: 2,
        result: { message: SETTLED_LANDED },
      });
    // Each vendor received one write per step: the held ones were not sent again.
    for (const [sourceId, sim] of sims) {
      const writes = sim.log.calls().filter((c) => c.method !== "GET" && !c.path.startsWith("/get_"));
      expect(writes.length, sourceId).toBe(possible.filter((s) => s.sourceId === sourceId).length);
    }
    const events = await auditEventsVia((query, variables) => post(by, query, variables), { plan: plan.id });
    for (const step of possible)
      expect(
        events.filter((e) => e.step === step.id).map((e) => e.outcome),
        `step ${step.id}`,
      ).toEqual(["APPLIED"]);
  }

  beforeAll(async () => {
    outDir = await builtRollcall();
    place = await target.fresh();
    embeddedPlace = await embedded.fresh();
    sources = await Promise.all(
      vendors.map(async (v) => {
        const sim = sims.get(v.kind) as SimServer;
        const proxy = await startHoldingProxy(await sim.start());
        proxies.set(v.kind, proxy);
        // Its own timeout never ends a held write within the spec: only the stop's limit does.
        return { ...v.simulator.demoSource(proxy.url, v.kind), timeoutMs: 60_000 };
      }),
    );
  }, 180_000);

  afterAll(async () => {
    for (const p of processes) p.signal("SIGKILL");
    await Promise.all(processes.map((p) => p.exited));
    await Promise.all([...proxies.values()].map((p) => p.stop()));
    await Promise.all([...sims.values()].map((s) => s.stop()));
    await place?.drop();
    await embeddedPlace?.drop();
    await target.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("exits 1 at server.stopTimeoutMs, logging the plan and the steps held in flight, recording none of them; another replica settles each without sending it again", async () => {
    // One after the other: the first creates the job engine's schema, the second finds it.
    const a = await start("a", SHORT_STOP_MS);
    const b = await start("b", SHORT_STOP_MS);
    const { plan } = await applyHeld(a, "katherine.johnson@example.com");
    const stopping = await holderOf(plan.id, [a, b]);
    const survivor = stopping === a ? b : a;
    const inFlight = await stepsRunning(plan.id);
    expect(inFlight.length).toBeGreaterThan(1);

    stopping.signal("SIGTERM");
    const exit = await stopping.exited;
    expect(exit).toEqual({ code: 1, signal: null });
    const [line, ...more] = stopping.lines().filter(stopLine);
    expect(more).toEqual([]);
    const stop = line?.stop as StopFields;
    expect(line?.level).toBe(50);
    expect(stop).toMatchObject({
      reason: "stopTimeoutMs",
      waitingFor: "plan steps in flight",
      exitStatus: 1,
    });
    // It gave up at its limit (a generous bound above: this machine is shared).
    expect(stop.waitedMs).toBeGreaterThanOrEqual(SHORT_STOP_MS);
    expect(stop.waitedMs).toBeLessThan(SHORT_STOP_MS + 10_000);
    expect(stop.left.plans.map((p) => ({ plan: p.plan, steps: [...p.steps].sort() }))).toEqual([
      { plan: plan.id, steps: inFlight },
    ]);
    expect(stop.left).toMatchObject({ snapshots: [], httpRequestsUnanswered: 0 });
    expect(String(line?.msg)).toContain(`plan ${plan.id} (steps `);
    // Left as a crash leaves them: still RUNNING, neither APPLIED nor FAILED on a guess.
    expect(await stepsRunning(plan.id)).toEqual(inFlight);
    expect(
      await sql(`select step_id from plan_steps where plan_id = '${plan.id}' and state = 'FAILED'`),
    ).toEqual([]);

    for (const proxy of proxies.values()) proxy.holding = false;
    await expectFinishedOnce(survivor, plan, inFlight);

    // The survivor, with nothing in flight, stops gracefully: status 0.
    survivor.signal("SIGTERM");
    expect(await survivor.exited).toEqual({ code: 0, signal: null });
    expect(survivor.lines().filter(stopLine)).toEqual([]);
    expect(survivor.lines().map((l) => l.msg)).toContain("stopped");
  }, 240_000);

  it("ends at once at a second signal, with the same log; the next start settles what it left, sending nothing twice", async () => {
    const alone = await start("alone", LONG_STOP_MS);
    const { plan } = await applyHeld(alone, "grace.hopper@example.com");
    const inFlight = await stepsRunning(plan.id);
    expect(inFlight.length).toBeGreaterThan(1);

    alone.signal("SIGTERM");
    await alone.waitForLine((l) => l.msg === "shutting down");
    alone.signal("SIGINT");
    expect(await alone.exited).toEqual({ code: 1, signal: null });
    const [line] = alone.lines().filter(stopLine);
    const stop = line?.stop as StopFields;
    expect(stop).toMatchObject({ reason: "second signal", signal: "SIGINT", exitStatus: 1 });
    expect(stop.waitedMs).toBeLessThan(LONG_STOP_MS);
    expect(stop.left.plans.map((p) => ({ plan: p.plan, steps: [...p.steps].sort() }))).toEqual([
      { plan: plan.id, steps: inFlight },
    ]);
    expect(await stepsRunning(plan.id)).toEqual(inFlight);

    for (const proxy of proxies.values()) proxy.holding = false;
    const next = await start("next", LONG_STOP_MS);
    await expectFinishedOnce(next, plan, inFlight);

    // Nothing in flight: a graceful stop, status 0, well before its limit.
    next.signal("SIGTERM");
    expect(await next.exited).toEqual({ code: 0, signal: null });
    const stopped = next.lines().find((l) => l.msg === "stopped");
    expect(stopped?.stoppedInMs).toBeLessThan(10_000);
    expect(next.lines().filter(stopLine)).toEqual([]);
  }, 240_000);

  it("on the embedded store, exits 1 at its limit with the apply's request unanswered; the next start and apply settle the steps it left, sending nothing twice", async () => {
    const store = { url: embeddedPlace.url };
    const single = await start("embedded", SHORT_STOP_MS, store);
    const { plan, answered } = await applyHeld(single, "alan.turing@example.com");
    const inFlight = await stepsRunning(plan.id, embeddedSql);
    expect(inFlight.length).toBeGreaterThan(1);

    single.signal("SIGTERM");
    expect(await single.exited).toEqual({ code: 1, signal: null });
    await expect(answered, "the apply's request was never answered").rejects.toThrow();
    const [line] = single.lines().filter(stopLine);
    expect(line?.stop).toMatchObject({
      reason: "stopTimeoutMs",
      waitingFor: "HTTP requests in flight",
      exitStatus: 1,
    });
    const { left } = (line?.stop ?? {}) as StopFields;
    expect(left.plans.map((p) => ({ plan: p.plan, steps: [...p.steps].sort() }))).toEqual([
      { plan: plan.id, steps: inFlight },
    ]);
    expect(left).toMatchObject({ snapshots: [], httpRequestsUnanswered: 1 });
    expect(await stepsRunning(plan.id, embeddedSql)).toEqual(inFlight);

    for (const proxy of proxies.values()) proxy.holding = false;
    const next = await start("embedded-next", LONG_STOP_MS, store);
    // One process on the embedded store: its start settles every intent left open, from the live state.
    await next.waitForLine((l) => l.msg === "settled the audit trail's open events");
    await post(next, `mutation($plan: ID!) { applyPlan(input: { plan: $plan }) { id } }`, { plan: plan.id });
    await expectFinishedOnce(next, plan, inFlight);

    next.signal("SIGTERM");
    expect(await next.exited).toEqual({ code: 0, signal: null });
  }, 240_000);
});
