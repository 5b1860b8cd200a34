/**
 * A caller's rate limit (`rateLimit`, an API key's own `rateLimit`) across real Rollcall
 * processes: held in Redis for every replica when `redis.url` is set, so the allowance is one
 * whichever replica a request reaches; counted by each process alone without Redis, and while
 * the configured Redis does not answer (said once in the log).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newApiKey } from "../../src/server/api-keys.js";
import type { SimServer } from "../../src/simulator/sim-server.js";
import { closedPort } from "../support/cli.js";
import { startGateway } from "../support/gateway-harness.js";
import { anyVendor } from "../support/pick-vendor.js";
import { type ReplicaProcess, startReplica } from "../support/replica-process.js";
import { dropPrefix, TEST_REDIS_URL, testRedis, uniqueRedisPrefix } from "../support/test-redis.js";

/** The metered key's requests per window. */
const ALLOWANCE = 3;
const QUERY = "{ sources { id } }";

interface Answer {
  readonly status: number;
  readonly retryAfterHeader: string | null;
  readonly errors?: Array<{ message: string; extensions?: { code?: string; retryAfter?: number } }>;
}

async function ask(url: string, key: string): Promise<Answer> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify({ query: QUERY }),
  });
  const body = (await response.json()) as Pick<Answer, "errors">;
  return { status: response.status, retryAfterHeader: response.headers.get("retry-after"), ...body };
}

function expectRateLimited(answer: Answer): void {
  expect(answer.status).toBe(429);
  const retryAfter = Number(answer.retryAfterHeader);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(answer.errors?.[0]?.extensions).toEqual({ code: "RATE_LIMITED", retryAfter });
  expect(answer.errors?.[0]?.message).toMatch(
    new RegExp(`^Rate limit exceeded: ${ALLOWANCE} requests per 60 s; retry in \\d+ s$`),
  );
}

const vendor = anyVendor();

describe("a caller's rate limit across two Rollcall processes", () => {
  const dir = mkdtempSync(join(tmpdir(), "rollcall-replica-limits-"));
  const prefix = uniqueRedisPrefix("caller-limits");
  const sim: SimServer = vendor.simulator.create({ users: 5 });
  const metered = newApiKey();
  const other = newApiKey();
  const shared: ReplicaProcess[] = [];
  const apart: ReplicaProcess[] = [];

  beforeAll(async () => {
    const simUrl = await sim.start();
    const config = (name: string, redis: boolean) => ({
      server: { port: 0, host: "127.0.0.1", overload: { maxEventLoopDelayMs: 0 } },
      logging: { level: "info" },
      store: { url: `file:${join(dir, `${name}.db`)}` },
      ...(redis && { redis: { url: TEST_REDIS_URL, keyPrefix: prefix } }),
      auth: {
        apiKeys: [
          { name: "metered", scope: "read", sha256: metered.sha256, rateLimit: ALLOWANCE },
          { name: "other", scope: "read", sha256: other.sha256, rateLimit: ALLOWANCE },
        ],
      },
      rateLimit: { max: 100, anonymousMax: 100, windowMs: 60_000 },
      sources: [vendor.simulator.demoSource(simUrl, "plain")],
    });
    const started = await Promise.all([
      startReplica(dir, "shared-a", config("shared-a", true)),
      startReplica(dir, "shared-b", config("shared-b", true)),
      startReplica(dir, "apart-a", config("apart-a", false)),
      startReplica(dir, "apart-b", config("apart-b", false)),
    ]);
    shared.push(...started.slice(0, 2));
    apart.push(...started.slice(2));
  }, 180_000);

  afterAll(async () => {
    await Promise.all([...shared, ...apart].map((r) => r.stop()));
    await sim.stop();
    rmSync(dir, { recursive: true, force: true });
    await dropPrefix(await testRedis(), prefix);
  });

  it("with one Redis, allows a caller its limit across both replicas: the next request, on either, is RATE_LIMITED with retryAfter", async () => {
    const [a, b] = shared as [ReplicaProcess, ReplicaProcess];
    for (const replica of [a, b, a]) expect((await ask(replica.url, metered.key)).status).toBe(200);
    expectRateLimited(await ask(b.url, metered.key));
    expectRateLimited(await ask(a.url, metered.key));
    // Another caller's allowance is its own.
    expect((await ask(b.url, other.key)).status).toBe(200);
    expect(shared.every((r) => r.logs.some((l) => l.includes("callers' rate limits")))).toBe(true);
  });

  it("without Redis, allows a caller its limit on each process", async () => {
    const [a, b] = apart as [ReplicaProcess, ReplicaProcess];
    for (let i = 0; i < ALLOWANCE; i++) expect((await ask(a.url, metered.key)).status).toBe(200);
    expectRateLimited(await ask(a.url, metered.key));
    for (let i = 0; i < ALLOWANCE; i++) expect((await ask(b.url, metered.key)).status).toBe(200);
    expectRateLimited(await ask(b.url, metered.key));
  });
});

describe("a caller's rate limit while the configured Redis does not answer", () => {
  it("is counted in the process, and the log says once that Redis does not answer", async () => {
    const key = newApiKey();
    const gw = await startGateway({
      instances: [{ vendor, id: "plain" }],
      users: 2,
      auth: { apiKeys: [{ name: "metered", scope: "read", sha256: key.sha256, rateLimit: ALLOWANCE }] },
      extraConfig: {
        redis: { url: `redis://127.0.0.1:${await closedPort()}` },
        rateLimit: { max: 100, anonymousMax: 100, windowMs: 60_000 },
      },
    });
    try {
      for (let i = 0; i < ALLOWANCE; i++) expect((await ask(gw.rollcall.url, key.key)).status).toBe(200);
      expectRateLimited(await ask(gw.rollcall.url, key.key));
      const warnings = gw.logs.filter((line) => line.includes("does not answer"));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain("callers' rate limits");
    } finally {
      await gw.stop();
    }
  });
});
