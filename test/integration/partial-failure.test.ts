import { afterEach, describe, expect, it } from "vitest";
import { squashTm } from "../../src/vendors/squash-tm/index.js";
import { type GatewayHarness, startGateway } from "../support/gateway-harness.js";

const twoSquashes = [
  { vendor: squashTm, id: "squash-a" },
  { vendor: squashTm, id: "squash-b" },
];

describe("one source failing", () => {
  let gw: GatewayHarness;
  afterEach(() => gw?.stop());

  it("reports one vendor outage without failing the query", async () => {
    gw = await startGateway({ instances: twoSquashes, users: 5 });
    await gw.sims.get("squash-b")!.stop();
    const { status, data, errors } = await gw.gql<{ users: { nodes: Array<{ id: string }> } }>(
      `{ users(first: 100) { nodes { id } } }`,
    );
    expect(status).toBe(200);
    expect(data!.users.nodes.length).toBe(7);
    expect(data!.users.nodes.every((u) => u.id.startsWith("squash-a:"))).toBe(true);
    expect(errors).toHaveLength(1);
    expect(errors![0]).toMatchObject({
      path: ["users"],
      extensions: { code: "SOURCE_UNAVAILABLE", source: "squash-b", vendor: "Squash TM", retryable: true },
    });
    expect(errors![0]!.message).toContain('"squash-b"');
  });

  it("reports a hung source as a timeout, with the other source's data", async () => {
    gw = await startGateway({
      instances: twoSquashes,
      users: 5,
      sourceOverrides: { "squash-a": { timeoutMs: 300 } },
    });
    gw.sims.get("squash-a")!.faults.inject({ kind: "hang" });
    const { data, errors } = await gw.gql<{ users: { nodes: Array<{ id: string }> } }>(
      `{ users(first: 100) { nodes { id } } }`,
    );
    expect(data!.users.nodes.map((u) => u.id.split(":")[0])).toEqual(Array(7).fill("squash-b"));
    expect(errors).toMatchObject([{ extensions: { code: "SOURCE_TIMEOUT", source: "squash-a" } }]);
  });

  it("stops asking a source that keeps failing to answer, and reports its part at once", async () => {
    gw = await startGateway({
      instances: twoSquashes,
      users: 5,
      sourceOverrides: {
        "squash-a": { timeoutMs: 300, circuitBreaker: { failureThreshold: 2, cooldownMs: 60_000 } },
      },
    });
    const before = await fetch(`${gw.rollcall.origin}/metrics`).then((r) => r.text());
    expect(before).toContain('rollcall_source_circuit_open{source="squash-a"} 0');
    const hung = gw.sims.get("squash-a")!;
    hung.faults.inject({ kind: "hang" });
    const users = `{ users(first: 100) { nodes { id } } }`;
    for (let i = 0; i < 2; i++)
      expect((await gw.gql(users)).errors).toMatchObject([{ extensions: { code: "SOURCE_TIMEOUT" } }]);
    const asked = hung.log.list().length;

    const { data, errors } = await gw.gql<{ users: { nodes: Array<{ id: string }> } }>(users);
    expect(hung.log.list()).toHaveLength(asked);
    expect(data!.users.nodes.map((u) => u.id.split(":")[0])).toEqual(Array(7).fill("squash-b"));
    expect(errors).toMatchObject([
      { extensions: { code: "SOURCE_UNAVAILABLE", source: "squash-a", retryable: true } },
    ]);
    expect(errors![0]!.message).toMatch(
      /"squash-a".*not being asked after 2 requests in a row that timed out/,
    );
    expect(errors![0]!.extensions!.retryAfter).toBeGreaterThan(50);
    const metrics = await fetch(`${gw.rollcall.origin}/metrics`).then((r) => r.text());
    expect(metrics).toContain('rollcall_source_circuit_open{source="squash-a"} 1');
    const status = await gw.gql<{
      source: { status: { reachable: boolean; problem: { code: string; retryAfter: number } } };
    }>(`{ source(id: "squash-a") { status { reachable problem { code retryAfter } } } }`);
    const { reachable, problem } = status.data!.source.status;
    expect([reachable, problem.code]).toEqual([false, "SOURCE_UNAVAILABLE"]);
    expect(problem.retryAfter).toBeGreaterThan(50); // of the 60 s cooldown, whatever this machine's pace
    expect(problem.retryAfter).toBeLessThanOrEqual(60);
    expect(hung.log.list()).toHaveLength(asked);
    expect(gw.logs.some((l) => l.includes('"circuit"') && l.includes("squash-a"))).toBe(true);
  });

  it("asks a source again after the cooldown, and takes it back once it answers", async () => {
    gw = await startGateway({
      instances: twoSquashes,
      users: 5,
      sourceOverrides: { "squash-a": { circuitBreaker: { failureThreshold: 1, cooldownMs: 200 } } },
    });
    const down = gw.sims.get("squash-a")!;
    down.faults.inject({ kind: "5xx", status: 503 });
    const users = `{ users(first: 100) { nodes { id } } }`;
    expect((await gw.gql(users)).errors).toMatchObject([{ extensions: { code: "SOURCE_UNAVAILABLE" } }]);
    down.faults.clear();
    expect((await gw.gql(users)).errors![0]!.message).toContain("not being asked");

    await new Promise((r) => setTimeout(r, 250));
    const { data, errors } = await gw.gql<{ users: { nodes: Array<{ id: string }> } }>(users);
    expect(errors).toBeUndefined();
    expect(data!.users.nodes).toHaveLength(14);
    const metrics = await fetch(`${gw.rollcall.origin}/metrics`).then((r) => r.text());
    expect(metrics).toContain('rollcall_source_circuit_open{source="squash-a"} 0');
  });

  it("fails only the nested field whose source call failed", async () => {
    gw = await startGateway({ instances: twoSquashes, users: 2 });
    gw.sims.get("squash-a")!.faults.inject({ kind: "5xx", status: 500, match: "/permissions" });
    const { data, errors } = await gw.gql<{
      users: { nodes: Array<{ id: string; permissions: unknown[] | null }> };
    }>(`{ users(first: 100) { nodes { id permissions { role } } } }`);
    const bySource = (s: string) => data!.users.nodes.filter((u) => u.id.startsWith(`${s}:`));
    expect(bySource("squash-a").every((u) => u.permissions === null)).toBe(true);
    expect(bySource("squash-b").every((u) => Array.isArray(u.permissions))).toBe(true);
    expect(errors!.length).toBe(bySource("squash-a").length);
    expect(
      errors!.every((e) => e.extensions?.source === "squash-a" && e.extensions.code === "SOURCE_UNAVAILABLE"),
    ).toBe(true);
    expect(errors![0]!.extensions).toMatchObject({ httpStatus: 500 });
  });

  it("shows each source's reachability on Source.status", async () => {
    gw = await startGateway({ instances: twoSquashes, users: 1 });
    await gw.sims.get("squash-a")!.stop();
    const { data, errors } = await gw.gql<{
      sources: Array<{ id: string; status: { reachable: boolean; problem: { code: string } | null } }>;
    }>(`{ sources { id status { reachable problem { code message } } } }`);
    expect(errors).toBeUndefined();
    expect(data!.sources.map((s) => [s.id, s.status.reachable, s.status.problem?.code ?? null])).toEqual([
      ["squash-a", false, "SOURCE_UNAVAILABLE"],
      ["squash-b", true, null],
    ]);
  });
});
