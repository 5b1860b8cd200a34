import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newApiKey } from "../../src/server/api-keys.js";
import type { LoggedRequest } from "../../src/simulator/request-log.js";
import type { SimServer } from "../../src/simulator/sim-server.js";
import { anyVendor } from "../support/pick-vendor.js";
import { type ReplicaProcess, startReplica } from "../support/replica-process.js";
import { dropPrefix, TEST_REDIS_URL, testRedis, uniqueRedisPrefix } from "../support/test-redis.js";

interface UserNode {
  readonly id: string;
  readonly active: boolean | null;
}
interface Answer {
  readonly data?: {
    users?: { nodes: UserNode[] } | null;
    setUserActive?: { ok: boolean };
    takeSnapshot?: { id: string };
  } | null;
  readonly errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

/** The writer's key: mutations need write scope. */
const writer = newApiKey();

async function post(replica: ReplicaProcess, query: string): Promise<Answer> {
  const response = await fetch(replica.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${writer.key}` },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as Answer;
}

const DIRECTORY = `{ users(sources: ["cached"], first: 5) { nodes { id active } } }`;

/** Each distinct request (method, path and query) the simulator saw, with how often it saw it. */
function distinct(requests: readonly LoggedRequest[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of requests) {
    const key = `${r.method} ${r.path}?${r.query}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Any vendor: the cache is the shared HTTP client's; each vendor declares its list routes. */
const vendor = anyVendor();

describe("two Rollcall processes sharing vendor reads through one Redis (redis.readCache)", () => {
  const dir = mkdtempSync(join(tmpdir(), "rollcall-read-cache-"));
  const prefix = uniqueRedisPrefix("read-cache");
  const sim: SimServer = vendor.simulator.create({ users: 10 });
  const replicas: ReplicaProcess[] = [];
  /** The source's configured secrets: every string in its `auth` but the account's name. */
  let secrets: string[] = [];

  beforeAll(async () => {
    const source = vendor.simulator.demoSource(await sim.start(), "cached");
    secrets = Object.entries((source.auth ?? {}) as Record<string, unknown>)
      .filter(([key, value]) => key !== "username" && key !== "email" && typeof value === "string")
      .map(([, value]) => value as string);
    const config = (name: string) => ({
      server: { port: 0, host: "127.0.0.1", overload: { maxEventLoopDelayMs: 0 } },
      logging: { level: "info" },
      auth: { apiKeys: [{ name: "writer", scope: "write", sha256: writer.sha256 }] },
      store: { url: `file:${join(dir, `${name}.db`)}` },
      redis: {
        url: TEST_REDIS_URL,
        keyPrefix: prefix,
        readCache: { users: 300, projects: 300, roles: 300 },
      },
      sources: [{ ...source, retries: 0 }],
    });
    replicas.push(...(await Promise.all(["a", "b"].map((name) => startReplica(dir, name, config(name))))));
  }, 180_000);

  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.stop()));
    await sim.stop();
    rmSync(dir, { recursive: true, force: true });
    await dropPrefix(await testRedis(), prefix);
  });

  it("sends a burst of identical directory queries on both replicas to the vendor once, and answers each alike", async () => {
    const [a, b] = replicas as [ReplicaProcess, ReplicaProcess];
    sim.log.clear();
    const answers = await Promise.all([a, b, a, b, a, b, a, b].map((replica) => post(replica, DIRECTORY)));

    for (const answer of answers) expect(answer.errors).toBeUndefined();
    const first = answers[0]?.data?.users?.nodes ?? [];
    expect(first.length).toBeGreaterThan(0);
    for (const answer of answers) expect(answer.data?.users?.nodes).toEqual(first);
    const seen = distinct(sim.log.calls());
    expect(seen.size).toBeGreaterThan(0);
    for (const [request, times] of seen) expect([request, times]).toEqual([request, 1]);
  });

  it("answers a read after a write through the other replica from the vendor: the write dropped the source's cached reads", async () => {
    const [a, b] = replicas as [ReplicaProcess, ReplicaProcess];
    const before = (await post(b, DIRECTORY)).data?.users?.nodes ?? [];
    const target = before.find((u) => u.active === true);
    if (!target) throw new Error("the simulator's first users hold no active account to deactivate");

    const written = await post(
      a,
      `mutation { setUserActive(input: { users: ["${target.id}"], active: false }) { ok } }`,
    );
    expect(written.errors).toBeUndefined();
    expect(written.data?.setUserActive?.ok).toBe(true);

    sim.log.clear();
    const after = (await post(b, DIRECTORY)).data?.users?.nodes ?? [];
    expect(sim.log.calls().length).toBeGreaterThan(0);
    expect(after.find((u) => u.id === target.id)?.active).toBe(false);
  });

  it("reads the vendor for a snapshot, however fresh the cached directory", async () => {
    const [a] = replicas as [ReplicaProcess];
    await post(a, DIRECTORY);
    sim.log.clear();
    expect((await post(a, DIRECTORY)).errors).toBeUndefined();
    expect(sim.log.calls()).toHaveLength(0);

    const taken = await post(a, `mutation { takeSnapshot(input: { sources: ["cached"] }) { id } }`);
    expect(taken.errors).toBeUndefined();
    await expect.poll(() => sim.log.calls().length).toBeGreaterThan(0);
  });

  it("puts no secret of the source in Redis, in keys or values", async () => {
    const redis = await testRedis();
    const keys = await redis.keys(`${prefix}read:*`);
    expect(keys.length).toBeGreaterThan(0);
    expect(secrets.length).toBeGreaterThan(0);
    for (const key of keys) {
      const value = (await redis.getBuffer(key))?.toString("utf8") ?? "";
      for (const secret of secrets) {
        expect(key).not.toContain(secret);
        expect(value).not.toContain(secret);
      }
    }
    redis.disconnect();
  });
});
