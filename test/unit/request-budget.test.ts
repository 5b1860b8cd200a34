import { type RateLimiterAbstract, RateLimiterMemory } from "rate-limiter-flexible";
import { afterAll, describe, expect, it } from "vitest";
import { ErrorCode } from "../../src/model/errors.js";
import { sharedStateFor } from "../../src/shared-state/shared-state.js";
import { BudgetSpentError, createRequestBudget } from "../../src/vendors/http/request-budget.js";
import { dropPrefix, TEST_REDIS_URL, testRedis, uniqueRedisPrefix } from "../support/test-redis.js";

const budgetOf = (
  perWindow: number,
  counter: RateLimiterAbstract = new RateLimiterMemory({ points: perWindow, duration: 60 }),
) => createRequestBudget({ sourceId: "s", vendor: "V", perWindow, counter, maxWaitMs: 30_000 });

async function takeAll(budget: ReturnType<typeof budgetOf>, times: number) {
  const outcomes = await Promise.allSettled(Array.from({ length: times }, () => budget.take(undefined)));
  return {
    taken: outcomes.filter((o) => o.status === "fulfilled").length,
    refused: outcomes.flatMap((o) => (o.status === "rejected" ? [o.reason as BudgetSpentError] : [])),
  };
}

describe("a source's request budget", () => {
  it("lets perWindow requests go, then refuses with SOURCE_RATE_LIMITED and retryAfter when the window ends further off than Rollcall waits", async () => {
    const { taken, refused } = await takeAll(budgetOf(3), 5);
    expect(taken).toBe(3);
    expect(refused).toHaveLength(2);
    expect(refused[0]).toBeInstanceOf(BudgetSpentError);
    expect(refused[0]).toMatchObject({ code: ErrorCode.SOURCE_RATE_LIMITED, sourceId: "s", retryable: true });
    expect(refused[0]?.retryAfter).toBeGreaterThan(30);
    expect(refused[0]?.retryAfter).toBeLessThanOrEqual(60);
    expect(refused[0]?.message).toMatch(
      /^Source "s" \(V\) has had its 3 requests this minute \(maxRequestsPerMinute\); Rollcall asks it again in \d+ s$/,
    );
  });

  it("waits for the next window when it is near enough, and the request then goes", async () => {
    // A one-second window: the second request waits it out instead of failing.
    const counter = new RateLimiterMemory({ points: 1, duration: 1 });
    const budget = createRequestBudget({
      sourceId: "s",
      vendor: "V",
      perWindow: 1,
      counter,
      maxWaitMs: 5_000,
    });
    // The first had room (no wait); the second says it waited.
    await expect(budget.take(undefined)).resolves.toBe(0);
    await expect(budget.take(undefined)).resolves.toBeGreaterThan(0);
    expect((await counter.get("s"))?.consumedPoints).toBe(1);
  });

  it("gives up a wait its operation cancelled", async () => {
    const counter = new RateLimiterMemory({ points: 1, duration: 1 });
    const budget = createRequestBudget({
      sourceId: "s",
      vendor: "V",
      perWindow: 1,
      counter,
      maxWaitMs: 5_000,
    });
    await budget.take(undefined);
    const control = new AbortController();
    const waiting = budget.take(control.signal);
    control.abort(new Error("deadline"));
    await expect(waiting).rejects.toMatchObject({ name: "OperationCancelledError" });
  });
});

describe("a source's request budget in Redis", () => {
  const prefix = uniqueRedisPrefix("budget");
  const states: Array<Awaited<ReturnType<typeof sharedStateFor>>> = [];
  afterAll(async () => {
    await Promise.all(states.map((s) => s.close()));
    await dropPrefix(await testRedis(), prefix);
  });

  async function replica() {
    const state = await sharedStateFor(
      {
        url: TEST_REDIS_URL,
        keyPrefix: prefix,
        persistedQueryTtlSeconds: 60,
        readCache: { users: 0, projects: 0, roles: 0 },
      },
      () => undefined,
    );
    states.push(state);
    await state.connect();
    return budgetOf(4, state.budgetCounter("s", 4));
  }

  it("is one budget for every replica: two replicas together send no more than it", async () => {
    const [a, b] = [await replica(), await replica()];
    const [fromA, fromB] = await Promise.all([takeAll(a, 4), takeAll(b, 4)]);
    expect(fromA.taken + fromB.taken).toBe(4);
    expect(fromA.refused.length + fromB.refused.length).toBe(4);
    for (const refusal of [...fromA.refused, ...fromB.refused])
      expect(refusal).toMatchObject({ code: ErrorCode.SOURCE_RATE_LIMITED, retryAfter: expect.any(Number) });
  });

  it("counts in the replica's own memory while Redis does not answer, rather than refusing every call", async () => {
    const reports: string[] = [];
    const state = await sharedStateFor(
      {
        url: "redis://:hunter2-secret@127.0.0.1:1",
        keyPrefix: prefix,
        persistedQueryTtlSeconds: 60,
        readCache: { users: 0, projects: 0, roles: 0 },
      },
      (_level, message) => reports.push(message),
    );
    states.push(state);
    await state.connect();
    const { taken, refused } = await takeAll(budgetOf(2, state.budgetCounter("s", 2)), 3);
    expect({ taken, refused: refused.length }).toEqual({ taken: 2, refused: 1 });
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatch(
      /^Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:1 does not answer \(.+\): vendor budgets, callers' rate limits, circuit breakers and persisted queries are per replica until it does$/,
    );
    expect(reports.join("\n")).not.toContain("hunter2-secret");
  });
});
