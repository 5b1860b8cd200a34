import { readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { shapeOf } from "../../bench/lib/shape.js";
import type { SimServer } from "../../src/simulator/sim-server.js";
import { vendors } from "../../src/vendors/registry.js";
import type { VendorModule } from "../../src/vendors/vendor-module.js";
import { type GatewayHarness, type GraphQLResponse, startGateway } from "../support/gateway-harness.js";
import { vendorThatSignsIn } from "../support/pick-vendor.js";

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

/** A vendor whose directory takes a second wave of calls (they wait on the first wave's answers). */
const twoWaves = vendors.find(
  (v) =>
    v.floor.directoryDepth({ users: 10, teams: 1, groups: 1, projects: 2, membersPerProject: [1, 1] }) >= 2,
) as VendorModule;
/** Every call of the operation's first wave (and only those) reached the slow source, all abandoned. */
async function onlyFirstWaveAbandoned(gw: GatewayHarness, floor: number): Promise<void> {
  const slow = gw.sims.get(twoWaves.kind) as SimServer;
  await until(() => slow.log.abandoned > 0, "the slow vendor's first wave abandoned");
  const abandoned = slow.log.abandoned;
  await sleep(1700); // past the latency: anything still coming would have arrived
  expect(slow.log.abandoned).toBe(abandoned);
  expect(slow.log.calls().length).toBe(abandoned);
  // The calls that wait on the first wave's answers were never sent: fewer than the directory's floor.
  expect(abandoned).toBeLessThan(floor);
}

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
    const [hanging, failing] = vendors as [VendorModule, VendorModule];
    const hangingSim = gw.sims.get(hanging.kind) as SimServer;
    // One vendor never answers (the source's own timeout is 10 s), and
    // another fails at once: the answer is the cancellation alone, with nothing to annotate.
    hangingSim.faults.inject({ kind: "hang" });
    const failingSim = gw.sims.get(failing.kind) as SimServer;
    failingSim.faults.inject({ kind: "5xx" });
    const answer = await gw.gql(DIRECTORY);
    expect(failingSim.log.list().filter((e) => e.status === 500)).not.toEqual([]);
    expect(answer.status).toBe(504);
    expect(answer.data ?? null).toBeNull();
    expect(answer.errors).toEqual([
      {
        message:
          "The operation did not finish within 1000 ms (server.operationTimeoutMs); its upstream calls were cancelled",
        extensions: { code: "OPERATION_TIMEOUT", timeoutMs: 1000 },
      },
    ]);
    expect(hung(hangingSim)).toBeGreaterThan(0);
    // Every hung call's socket is closed by Rollcall: the simulator sees its client go.
    await until(() => hangingSim.log.abandoned === hung(hangingSim), "every hung call abandoned");

    // The cancellations say nothing about the hanging vendor: its circuit breaker has not opened.
    hangingSim.faults.clear();
    const after = await gw.gql<{ users: { nodes: unknown[] } }>(
      `{ users(sources: ["${hanging.kind}"], first: 3) { nodes { id permissions { role } } } }`,
    );
    expect(after.errors).toBeUndefined();
    expect(after.data?.users.nodes).toHaveLength(3);
  });

  it("sends nothing more once cancelled: a slow vendor's second wave of calls never goes out", async () => {
    const floor = twoWaves.floor.calls(await shapeOf((q) => gw.gql(q), twoWaves.kind, 1000));
    gw.clearLogs();
    // Every answer leaves 1.5 s after its request: past the deadline, with the first wave in flight.
    gw.sims.get(twoWaves.kind)!.faults.set({ latencyMs: 1500 });
    const answer = await gw.gql(DIRECTORY);
    expect(answer.errors?.[0]?.extensions?.code).toBe("OPERATION_TIMEOUT");
    await onlyFirstWaveAbandoned(gw, floor);
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
    const floor = twoWaves.floor.calls(await shapeOf((q) => gw.gql(q), twoWaves.kind, 1000));
    gw.clearLogs();
    // The slow vendor's answers leave 1.5 s after their requests: its first wave is in flight for that long.
    gw.sims.get(twoWaves.kind)!.faults.set({ latencyMs: 1500 });
    const client = new AbortController();
    const request = fetch(gw.rollcall.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: DIRECTORY }),
      signal: client.signal,
    }).catch((error: unknown) => error);
    await sleep(300); // the other vendors answer meanwhile; the slow one's first wave is still out
    client.abort();
    expect(await request).toBeInstanceOf(Error);
    await onlyFirstWaveAbandoned(gw, floor);
  });
});

describe("a shared login", () => {
  let gw: GatewayHarness;
  beforeAll(async () => {
    // A vendor whose demo source signs in before it reads.
    gw = await startGateway({
      instances: [{ vendor: await vendorThatSignsIn(), id: "src" }],
      users: 5,
      server: { operationTimeoutMs: 150 },
    });
  });
  afterAll(() => gw?.stop());

  it("is not cancelled with the operation that started it: the next operation uses its token", async () => {
    const sim = gw.sims.get("src") as SimServer;
    const logins = () => sim.log.list().filter((e) => e.public);
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
