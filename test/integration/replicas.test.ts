import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SimServer } from "../../src/simulator/sim-server.js";
import { anyVendor } from "../support/pick-vendor.js";
import { type ReplicaProcess, startReplica } from "../support/replica-process.js";
import { dropPrefix, TEST_REDIS_URL, testRedis, uniqueRedisPrefix } from "../support/test-redis.js";

/** The limited source's budget: fewer requests a minute than the burst below needs. */
const LIMIT = 6;

interface Answer {
  readonly data?: { users?: { nodes: Array<{ id: string }> } | null; sources?: Array<{ id: string }> } | null;
  readonly errors?: Array<{ message: string; extensions?: { code?: string; retryAfter?: number } }>;
}

async function post(replica: ReplicaProcess, body: unknown): Promise<Answer> {
  const response = await fetch(replica.url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return (await response.json()) as Answer;
}

const usersOf = (source: string) => `{ users(sources: ["${source}"], first: 5) { nodes { id } } }`;

/** Any vendor: budgets, circuits and persisted queries are the shared HTTP client's and the server's. */
const vendor = anyVendor();

describe("two Rollcall processes sharing one Redis", () => {
  const dir = mkdtempSync(join(tmpdir(), "rollcall-replicas-"));
  const prefix = uniqueRedisPrefix("replicas");
  const limited: SimServer = vendor.simulator.create({ users: 10 });
  const flaky: SimServer = vendor.simulator.create({ users: 10 });
  const plain: SimServer = vendor.simulator.create({ users: 10 });
  const replicas: ReplicaProcess[] = [];

  beforeAll(async () => {
    const [limitedUrl, flakyUrl, plainUrl] = [
      await limited.start(),
      await flaky.start(),
      await plain.start(),
    ];
    const config = (name: string) => ({
      server: { port: 0, host: "127.0.0.1", overload: { maxEventLoopDelayMs: 0 } },
      logging: { level: "info" },
      store: { url: `file:${join(dir, `${name}.db`)}` },
      redis: { url: TEST_REDIS_URL, keyPrefix: prefix },
      sources: [
        { ...vendor.simulator.demoSource(limitedUrl, "limited"), maxRequestsPerMinute: LIMIT, retries: 0 },
        {
          ...vendor.simulator.demoSource(flakyUrl, "flaky"),
          retries: 0,
          circuitBreaker: { failureThreshold: 1, cooldownMs: 60_000 },
        },
        vendor.simulator.demoSource(plainUrl, "plain"),
      ],
    });
    replicas.push(...(await Promise.all(["a", "b"].map((name) => startReplica(dir, name, config(name))))));
  }, 180_000);

  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.stop()));
    await Promise.all([limited.stop(), flaky.stop(), plain.stop()]);
    rmSync(dir, { recursive: true, force: true });
    await dropPrefix(await testRedis(), prefix);
  });

  it("sends a vendor no more than its budget between them, and every query still answers: its data, or SOURCE_RATE_LIMITED with retryAfter", async () => {
    const [a, b] = replicas as [ReplicaProcess, ReplicaProcess];
    limited.log.clear();
    const burst = [a, b, a, b, a, b, a, b, a, b].map((replica) =>
      post(replica, { query: usersOf("limited") }),
    );
    const answers = await Promise.all(burst);

    expect(limited.log.total).toBeLessThanOrEqual(LIMIT);
    const served = answers.filter((r) => !r.errors && (r.data?.users?.nodes.length ?? 0) > 0);
    const refused = answers.filter((r) => r.errors);
    expect(served.length + refused.length).toBe(answers.length);
    expect(served.length).toBeGreaterThan(0);
    // The burst needs more than the budget: some queries were refused, none was sent past it.
    expect(refused.length).toBeGreaterThan(0);
    for (const answer of refused)
      for (const error of answer.errors ?? []) {
        expect(error.extensions?.code).toBe("SOURCE_RATE_LIMITED");
        expect(error.extensions?.retryAfter).toBeGreaterThan(0);
        expect(error.message).toContain(`has had its ${LIMIT} requests this minute`);
      }
    expect(limited.log.total).toBeGreaterThanOrEqual(served.length);
  });

  it("serves a persisted query registered through one replica from the other", async () => {
    const [a, b] = replicas as [ReplicaProcess, ReplicaProcess];
    const query = "query Registered { sources { id } }";
    const persistedQuery = { version: 1, sha256Hash: createHash("sha256").update(query).digest("hex") };
    const unknown = await post(b, { extensions: { persistedQuery } });
    expect(unknown.errors?.[0]?.extensions?.code).toBe("PERSISTED_QUERY_NOT_FOUND");

    expect((await post(a, { query, extensions: { persistedQuery } })).data?.sources).toHaveLength(3);
    const byHash = await post(b, { extensions: { persistedQuery } });
    expect(byHash.errors).toBeUndefined();
    expect(byHash.data?.sources?.map((s) => s.id)).toEqual(["limited", "flaky", "plain"]);
  });

  it("stops asking a source that one replica found down on the other replica too", async () => {
    const [a, b] = replicas as [ReplicaProcess, ReplicaProcess];
    flaky.faults.inject({ kind: "5xx", status: 503 });
    const failed = await post(a, { query: usersOf("flaky") });
    expect(failed.errors?.[0]?.extensions?.code).toBe("SOURCE_UNAVAILABLE");
    const sentByA = flaky.log.total;
    expect(sentByA).toBeGreaterThan(0);

    const refused = await post(b, { query: usersOf("flaky") });
    expect(flaky.log.total).toBe(sentByA);
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: "SOURCE_UNAVAILABLE",
      retryAfter: expect.any(Number),
    });
    expect(refused.errors?.[0]?.message).toContain("on another Rollcall replica");
    // The other source is not touched by it.
    expect((await post(b, { query: "{ sources { id } }" })).data?.sources).toHaveLength(3);
  });

  it("sends every identical directory query to the vendor without redis.readCache (the default): nothing is cached", async () => {
    const [a, b] = replicas as [ReplicaProcess, ReplicaProcess];
    await post(a, { query: usersOf("plain") });
    plain.log.clear();
    const once = await post(a, { query: usersOf("plain") });
    expect(once.errors).toBeUndefined();
    const perQuery = plain.log.calls().length;
    expect(perQuery).toBeGreaterThan(0);

    plain.log.clear();
    const answers = await Promise.all(
      [a, b, a, b].map((replica) => post(replica, { query: usersOf("plain") })),
    );
    for (const answer of answers) expect(answer.data?.users?.nodes).toEqual(once.data?.users?.nodes);
    expect(plain.log.calls()).toHaveLength(4 * perQuery);
  });
});
