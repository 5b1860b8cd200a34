/** One source failing never fails the others' data: two sources of one vendor, one of them failing. */
import { afterEach, describe, expect, it } from "vitest";
import { type GatewayHarness, startGateway } from "../support/gateway-harness.js";
import { anyVendor } from "../support/pick-vendor.js";

const vendor = anyVendor();
const twoSources = [
  { vendor, id: "src-a" },
  { vendor, id: "src-b" },
];
const USERS = `{ users(first: 100) { nodes { id } } }`;
type Users = { users: { nodes: Array<{ id: string }> } };

describe("one source failing", () => {
  let gw: GatewayHarness;
  afterEach(() => gw?.stop());

  /** How many users each source lists while both answer. */
  const perSource = async () => (await gw.gql<Users>(USERS)).data!.users.nodes.length / 2;
  const sourcesOf = (data: Users | undefined) => data!.users.nodes.map((u) => u.id.split(":")[0]);

  it("reports one vendor outage without failing the query", async () => {
    gw = await startGateway({ instances: twoSources, users: 5 });
    const each = await perSource();
    await gw.sims.get("src-b")!.stop();
    const { status, data, errors } = await gw.gql<Users>(USERS);
    expect(status).toBe(200);
    expect(sourcesOf(data)).toEqual(Array(each).fill("src-a"));
    expect(errors).toHaveLength(1);
    expect(errors![0]).toMatchObject({
      path: ["users"],
      extensions: { code: "SOURCE_UNAVAILABLE", source: "src-b", vendor: vendor.vendor, retryable: true },
    });
    expect(errors![0]!.message).toContain('"src-b"');
  });

  it("reports a hung source as a timeout, with the other source's data", async () => {
    gw = await startGateway({
      instances: twoSources,
      users: 5,
      sourceOverrides: { "src-a": { timeoutMs: 300 } },
    });
    const each = await perSource();
    gw.sims.get("src-a")!.faults.inject({ kind: "hang" });
    const { data, errors } = await gw.gql<Users>(USERS);
    expect(sourcesOf(data)).toEqual(Array(each).fill("src-b"));
    expect(errors).toMatchObject([{ extensions: { code: "SOURCE_TIMEOUT", source: "src-a" } }]);
  });

  it("stops asking a source that keeps failing to answer, and reports its part at once", async () => {
    gw = await startGateway({
      instances: twoSources,
      users: 5,
      sourceOverrides: {
        "src-a": { timeoutMs: 300, circuitBreaker: { failureThreshold: 2, cooldownMs: 60_000 } },
      },
    });
    const each = await perSource();
    const before = await fetch(`${gw.rollcall.origin}/metrics`).then((r) => r.text());
    expect(before).toContain('rollcall_source_circuit_open{source="src-a"} 0');
    const hung = gw.sims.get("src-a")!;
    hung.faults.inject({ kind: "hang" });
    for (let i = 0; i < 2; i++)
      expect((await gw.gql(USERS)).errors).toMatchObject([{ extensions: { code: "SOURCE_TIMEOUT" } }]);
    const asked = hung.log.list().length;

    const { data, errors } = await gw.gql<Users>(USERS);
    expect(hung.log.list()).toHaveLength(asked);
    expect(sourcesOf(data)).toEqual(Array(each).fill("src-b"));
    expect(errors).toMatchObject([
      { extensions: { code: "SOURCE_UNAVAILABLE", source: "src-a", retryable: true } },
    ]);
    expect(errors![0]!.message).toMatch(/"src-a".*not being asked after 2 requests in a row that timed out/);
    expect(errors![0]!.extensions!.retryAfter).toBeGreaterThan(50);
    const metrics = await fetch(`${gw.rollcall.origin}/metrics`).then((r) => r.text());
    expect(metrics).toContain('rollcall_source_circuit_open{source="src-a"} 1');
    const status = await gw.gql<{
      source: { status: { reachable: boolean; problem: { code: string; retryAfter: number } } };
    }>(`{ source(id: "src-a") { status { reachable problem { code retryAfter } } } }`);
    const { reachable, problem } = status.data!.source.status;
    expect([reachable, problem.code]).toEqual([false, "SOURCE_UNAVAILABLE"]);
    expect(problem.retryAfter).toBeGreaterThan(50); // of the 60 s cooldown, whatever this machine's pace
    expect(problem.retryAfter).toBeLessThanOrEqual(60);
    expect(hung.log.list()).toHaveLength(asked);
    expect(gw.logs.some((l) => l.includes('"circuit"') && l.includes("src-a"))).toBe(true);
  });

  it("asks a source again after the cooldown, and takes it back once it answers", async () => {
    gw = await startGateway({
      instances: twoSources,
      users: 5,
      sourceOverrides: { "src-a": { circuitBreaker: { failureThreshold: 1, cooldownMs: 200 } } },
    });
    const each = await perSource();
    const down = gw.sims.get("src-a")!;
    down.faults.inject({ kind: "5xx", status: 503 });
    expect((await gw.gql(USERS)).errors).toMatchObject([{ extensions: { code: "SOURCE_UNAVAILABLE" } }]);
    down.faults.clear();
    expect((await gw.gql(USERS)).errors![0]!.message).toContain("not being asked");

    await new Promise((r) => setTimeout(r, 250));
    const { data, errors } = await gw.gql<Users>(USERS);
    expect(errors).toBeUndefined();
    expect(data!.users.nodes).toHaveLength(2 * each);
    const metrics = await fetch(`${gw.rollcall.origin}/metrics`).then((r) => r.text());
    expect(metrics).toContain('rollcall_source_circuit_open{source="src-a"} 0');
  });

  it("fails only the nested field whose source call failed", async () => {
    gw = await startGateway({ instances: twoSources, users: 2 });
    const WITH_PERMISSIONS = `{ users(first: 100) { nodes { id permissions { role } } } }`;
    // A call the permissions make that listing the users does not: the one to fail.
    const calls = async (query: string) => {
      gw.clearLogs();
      await gw.gql(query);
      return gw.sims
        .get("src-a")!
        .log.calls()
        .map((e) => `${e.method} ${e.path}`);
    };
    const listing = new Set(await calls(USERS));
    const permissionCall = (await calls(WITH_PERMISSIONS)).find((c) => !listing.has(c));
    expect(permissionCall, "reading permissions costs a call of its own").toBeDefined();
    gw.sims.get("src-a")!.faults.inject({ kind: "5xx", status: 500, match: permissionCall });
    const { data, errors } = await gw.gql<{
      users: { nodes: Array<{ id: string; permissions: unknown[] | null }> };
    }>(WITH_PERMISSIONS);
    const bySource = (s: string) => data!.users.nodes.filter((u) => u.id.startsWith(`${s}:`));
    expect(bySource("src-a").length).toBeGreaterThan(0);
    expect(bySource("src-a").every((u) => u.permissions === null)).toBe(true);
    expect(bySource("src-b").every((u) => Array.isArray(u.permissions))).toBe(true);
    expect(errors!.length).toBe(bySource("src-a").length);
    expect(
      errors!.every((e) => e.extensions?.source === "src-a" && e.extensions.code === "SOURCE_UNAVAILABLE"),
    ).toBe(true);
    expect(errors![0]!.extensions).toMatchObject({ httpStatus: 500 });
  });

  it("shows each source's reachability on Source.status", async () => {
    gw = await startGateway({ instances: twoSources, users: 1 });
    await gw.sims.get("src-a")!.stop();
    const { data, errors } = await gw.gql<{
      sources: Array<{ id: string; status: { reachable: boolean; problem: { code: string } | null } }>;
    }>(`{ sources { id status { reachable problem { code message } } } }`);
    expect(errors).toBeUndefined();
    expect(data!.sources.map((s) => [s.id, s.status.reachable, s.status.problem?.code ?? null])).toEqual([
      ["src-a", false, "SOURCE_UNAVAILABLE"],
      ["src-b", true, null],
    ]);
  });
});
