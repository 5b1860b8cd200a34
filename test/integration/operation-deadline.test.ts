import { readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { SimServer } from "../../src/simulator/sim-server.js";
import { testResults } from "../../src/vendors/testresults/index.js";
import { type GatewayHarness, type GraphQLResponse, startGateway } from "../support/gateway-harness.js";

const DIRECTORY = readFileSync("examples/operations/directory.graphql", "utf8");

/** Waits (bounded) until `done` holds; the assertion is on what happened, not on how long it took. */
async function until(done: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (done()) return;
    await sleep(10);
  }
  throw new Error(`never happened: ${what}`);
}

const hung = (sim: SimServer) => sim.log.list().filter((e) => e.status === 0).length;

describe("an operation's deadline and its client", () => {
  let gw: GatewayHarness;

  beforeAll(async () => {
    gw = await startGateway({ users: 10, server: { operationTimeoutMs: 1000, maxResponseBytes: 20_000 } });
    // Warm: the deadline should meet a running gateway's pace, not its first operation's.
    expect(
      (await gw.gql(`{ users(first: 5) { nodes { id permissions { role } } } }`)).errors,
    ).toBeUndefined();
    gw.clearLogs();
  });
  afterAll(() => gw?.stop());
  afterEach(() => {
    for (const sim of gw.sims.values()) sim.faults.clear();
    gw.clearLogs();
  });

  it("answers OPERATION_TIMEOUT when the deadline passes, and aborts the calls still in flight", async () => {
    const qac = gw.sims.get("qacomplete") as SimServer;
    // QAComplete never answers (the source's own timeout is 10 s), and
    // Squash TM fails at once: the answer is the cancellation alone, with nothing to annotate.
    qac.faults.inject({ kind: "hang" });
    const squash = gw.sims.get("squash-tm") as SimServer;
    squash.faults.inject({ kind: "5xx", match: "GET /users" });
    const answer = await gw.gql(DIRECTORY);
    expect(squash.log.list().filter((e) => e.status === 500)).not.toEqual([]);
    expect(answer.status).toBe(504);
    expect(answer.data ?? null).toBeNull();
    expect(answer.errors).toEqual([
      {
        message:
          "The operation did not finish within 1000 ms (server.operationTimeoutMs); its upstream calls were cancelled",
        extensions: { code: "OPERATION_TIMEOUT", timeoutMs: 1000 },
      },
    ]);
    expect(hung(qac)).toBeGreaterThan(0);
    // Every hung call's socket is closed by Rollcall: the simulator sees its client go.
    await until(() => qac.log.abandoned === hung(qac), "every hung call abandoned");

    // The cancellations say nothing about QAComplete: its circuit breaker has not opened.
    qac.faults.clear();
    const after = await gw.gql<{ users: { nodes: unknown[] } }>(
      `{ users(sources: ["qacomplete"], first: 3) { nodes { id permissions { role } } } }`,
    );
    expect(after.errors).toBeUndefined();
    expect(after.data?.users.nodes).toHaveLength(3);
  });

  it("sends nothing more once cancelled: a slow vendor's second wave of calls never goes out", async () => {
    const testrail = gw.sims.get("testrail") as SimServer;
    // Every answer leaves 1.5 s after its request: past the deadline, with the first wave in flight.
    testrail.faults.set({ latencyMs: 1500 });
    const answer = await gw.gql(DIRECTORY);
    expect(answer.errors?.[0]?.extensions?.code).toBe("OPERATION_TIMEOUT");
    await until(() => testrail.log.abandoned > 0, "TestRail's first wave abandoned");
    const abandoned = testrail.log.abandoned;
    await sleep(1700); // past the latency: anything still coming would have arrived
    // Project roles (get_users/{project}) need get_projects' answer: they were never asked for.
    const perProject = testrail.log.list().filter((e) => /get_users\/\d+/.test(e.path + e.query));
    expect(perProject).toEqual([]);
    expect(testrail.log.abandoned).toBe(abandoned);
    expect(testrail.log.total).toBe(abandoned);
  });

  it("answers RESPONSE_TOO_LARGE past maxResponseBytes, and small answers as usual", async () => {
    const big = await gw.gql(`{ users(first: 100) { nodes { id displayName email raw } } }`);
    expect(big.status).toBe(400);
    expect(big.data).toBeUndefined();
    expect(big.errors).toHaveLength(1);
    expect(big.errors?.[0]?.extensions).toMatchObject({ code: "RESPONSE_TOO_LARGE", maxBytes: 20_000 });
    expect(big.errors?.[0]?.extensions?.bytes as number).toBeGreaterThan(20_000);
    expect(big.errors?.[0]?.message).toMatch(/more than 20,000 \(server\.maxResponseBytes\)/);
    const small = await gw.gql(`{ sources { id } }`);
    expect(small.status).toBe(200);
    expect(small.errors).toBeUndefined();
  });
});

describe("a client that goes away", () => {
  let gw: GatewayHarness;
  beforeAll(async () => {
    // The default deadline (30 s): only the client's leaving can cancel the operation here.
    gw = await startGateway({ users: 10 });
  });
  afterAll(() => gw?.stop());

  it("cancels the upstream calls of a client that goes away, and sends none after", async () => {
    const testrail = gw.sims.get("testrail") as SimServer;
    // TestRail's answers leave 1.5 s after their requests: its first wave is in flight for that long.
    testrail.faults.set({ latencyMs: 1500 });
    const client = new AbortController();
    const request = fetch(gw.rollcall.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: DIRECTORY }),
      signal: client.signal,
    }).catch((error: unknown) => error);
    await sleep(300); // the other vendors answer meanwhile; TestRail's first wave is still out
    client.abort();
    expect(await request).toBeInstanceOf(Error);
    await until(() => testrail.log.abandoned > 0, "TestRail's first wave abandoned");
    const abandoned = testrail.log.abandoned;
    await sleep(1700); // past the latency: anything still coming would have arrived
    const perProject = testrail.log.list().filter((e) => /get_users\/\d+/.test(e.path + e.query));
    expect(perProject).toEqual([]);
    expect(testrail.log.abandoned).toBe(abandoned);
    expect(testrail.log.total).toBe(abandoned);
  });
});

describe("a shared login", () => {
  let gw: GatewayHarness;
  beforeAll(async () => {
    // The demo's TestResults.io source signs in with email and password (POST /api/token/login).
    gw = await startGateway({
      instances: [{ vendor: testResults, id: "testresults" }],
      users: 5,
      server: { operationTimeoutMs: 150 },
    });
  });
  afterAll(() => gw?.stop());

  it("is not cancelled with the operation that started it: the next operation uses its token", async () => {
    const sim = gw.sims.get("testresults") as SimServer;
    const logins = () => sim.log.list().filter((e) => e.path.endsWith("/token/login"));
    sim.faults.set({ latencyMs: 400 });
    const first: GraphQLResponse = await gw.gql(`{ users(first: 2) { nodes { id } } }`);
    expect(first.errors?.[0]?.extensions?.code).toBe("OPERATION_TIMEOUT");
    await until(() => logins().length === 1, "the login answered");
    expect(logins()[0]?.status).toBe(200);
    expect(sim.log.abandoned).toBe(0);
    sim.faults.clear();
    const second = await gw.gql<{ users: { nodes: unknown[] } }>(`{ users(first: 2) { nodes { id } } }`);
    expect(second.errors).toBeUndefined();
    expect(second.data?.users.nodes).toHaveLength(2);
    expect(logins()).toHaveLength(1);
  });
});
