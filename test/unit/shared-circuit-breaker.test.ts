import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ErrorCode, SourceError } from "../../src/model/errors.js";
import { redisCircuits } from "../../src/shared-state/shared-circuits.js";
import { type CircuitChange, createCircuitBreaker } from "../../src/vendors/http/circuit-breaker.js";
import { dropPrefix, testRedis, uniqueRedisPrefix } from "../support/test-redis.js";

const timeout = () =>
  Promise.reject(
    new SourceError("timed out", { code: ErrorCode.SOURCE_TIMEOUT, sourceId: "s", vendor: "V" }),
  );
const answer = () => Promise.resolve("answer");

describe("circuit breakers shared by replicas through Redis", () => {
  const prefix = uniqueRedisPrefix("circuits");
  const clients: Redis[] = [];
  beforeAll(async () => {
    // Each replica has its own connection, as two processes would.
    clients.push(await testRedis(), await testRedis());
  });
  afterAll(async () => {
    clients[1]?.disconnect();
    if (clients[0]) await dropPrefix(clients[0], prefix);
  });

  function replica(index: number, clock: { now: number }) {
    const changes: CircuitChange[] = [];
    let sent = 0;
    const breaker = createCircuitBreaker({
      sourceId: `s-${clock.now}`,
      vendor: "V",
      failureThreshold: 2,
      cooldownMs: 10_000,
      now: () => clock.now,
      wallClock: () => 1_000_000 + clock.now,
      shared: redisCircuits(clients[index] as Redis, prefix),
      onChange: (c) => changes.push(c),
    });
    const run = (exchange: () => Promise<unknown>) =>
      breaker.run(() => {
        sent += 1;
        return exchange();
      });
    return { breaker, changes, run, sent: () => sent };
  }

  it("refuses on every replica once one of them saw the outage, without sending", async () => {
    const clock = { now: 0 };
    const a = replica(0, clock);
    const b = replica(1, clock);
    for (let i = 0; i < 2; i++) await expect(a.run(timeout)).rejects.toThrow("timed out");
    expect(a.breaker.isOpen).toBe(true);

    clock.now = 3_000;
    const refused = (await b.run(answer).catch((e: unknown) => e)) as SourceError;
    expect(b.sent()).toBe(0);
    expect(refused).toMatchObject({ code: ErrorCode.SOURCE_UNAVAILABLE, retryable: true, retryAfter: 7 });
    expect(refused.message).toBe(
      'Source "s-0" (V) is not being asked after 2 requests in a row that timed out on another Rollcall replica; Rollcall tries it again in 7 s',
    );
    expect(b.changes).toEqual([
      {
        sourceId: "s-0",
        open: true,
        failures: 2,
        lastCode: ErrorCode.SOURCE_TIMEOUT,
        retryInMs: 7_000,
        elsewhere: true,
      },
    ]);
  });

  it("lets each replica probe once the cooldown ends, and an answer closes it for all", async () => {
    const clock = { now: 100 };
    const a = replica(0, clock);
    const b = replica(1, clock);
    for (let i = 0; i < 2; i++) await expect(a.run(timeout)).rejects.toThrow();
    clock.now = 10_200;
    await expect(a.run(answer)).resolves.toBe("answer");
    expect(a.breaker.isOpen).toBe(false);
    // B never heard of it before it closed: nothing is left in Redis to refuse with.
    await expect(b.run(answer)).resolves.toBe("answer");
    expect(b.sent()).toBe(1);
  });

  it("keeps each replica's own breaker when Redis does not answer", async () => {
    const broken = await testRedis();
    broken.disconnect();
    const clock = { now: 0 };
    const lone = createCircuitBreaker({
      sourceId: "lone",
      vendor: "V",
      failureThreshold: 1,
      cooldownMs: 10_000,
      now: () => clock.now,
      shared: redisCircuits(broken, prefix),
    });
    await expect(lone.run(answer)).resolves.toBe("answer");
    await expect(lone.run(timeout)).rejects.toThrow("timed out");
    await expect(lone.run(answer)).rejects.toMatchObject({ code: ErrorCode.SOURCE_UNAVAILABLE });
  });
});
