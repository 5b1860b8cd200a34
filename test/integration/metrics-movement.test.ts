/**
 * The shared-state metrics move by what happened, scraped from /metrics over HTTP: every vendor
 * request that waited for its source's budget (maxRequestsPerMinute) is one more observation of
 * `rollcall_upstream_rate_limit_wait_seconds`, and every cacheable read is one `hit` (not sent to
 * the vendor) or one `miss` (sent) of `rollcall_read_cache_requests_total`. One gateway on the test
 * Redis, where another replica's spent budget is staged as that replica would leave it.
 */
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GatewayHarness, startGateway } from "../support/gateway-harness.js";
import { anyVendor } from "../support/pick-vendor.js";
import { dropPrefix, TEST_REDIS_URL, testRedis, uniqueRedisPrefix } from "../support/test-redis.js";

const vendor = anyVendor();
/** The budgeted source's requests a minute: more than any burst below sends. */
const BUDGET = 40;
const directory = (source: string) => `{ users(sources: ["${source}"], first: 5) { nodes { id } } }`;

/** One sample of a scrape, by its name and labels as written (`name{a="b"}`); 0 when absent. */
function sample(text: string, series: string): number {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe("metrics of vendor budgets and the shared read cache", () => {
  const prefix = uniqueRedisPrefix("metrics");
  let gw: GatewayHarness;
  let redis: Redis;

  beforeAll(async () => {
    redis = await testRedis();
    gw = await startGateway({
      instances: [
        { vendor, id: "budgeted" },
        { vendor, id: "cached" },
      ],
      users: 8,
      sourceOverrides: { budgeted: { maxRequestsPerMinute: BUDGET, retries: 0 } },
      extraConfig: {
        redis: { url: TEST_REDIS_URL, keyPrefix: prefix, readCache: { users: 300, projects: 0, roles: 0 } },
      },
    });
  });
  afterAll(async () => {
    await gw?.stop();
    if (redis) await dropPrefix(redis, prefix);
  });

  const scrape = async () => {
    const response = await fetch(`${gw.rollcall.origin}/metrics`, {
      headers: { authorization: `Bearer ${gw.keys.read}` },
    });
    expect(response.status).toBe(200);
    return response.text();
  };
  const waits = (text: string) =>
    sample(text, `rollcall_upstream_rate_limit_wait_seconds_count{source="budgeted"}`);
  const reads = (text: string, outcome: "hit" | "miss") =>
    sample(text, `rollcall_read_cache_requests_total{source="cached",kind="users",outcome="${outcome}"}`);
  const sentTo = (source: string) => gw.sims.get(source)?.log.total ?? 0;
  const budgetKey = `${prefix}budget:budgeted`;
  /** The budgeted source's reads are cacheable too: each spec starts it on a cold cache. */
  const coldCache = (source: string) => redis.incr(`${prefix}read:${source}:generation`);

  it("counts no wait while the budget has room", async () => {
    await coldCache("budgeted");
    const before = waits(await scrape());
    gw.clearLogs();
    const answer = await gw.gql(directory("budgeted"));
    expect(answer.errors).toBeUndefined();
    expect(sentTo("budgeted")).toBeGreaterThan(0);
    expect(waits(await scrape())).toBe(before);
  });

  it("counts one wait for each vendor request that waited for the next window of a spent budget", async () => {
    // Another replica spent this minute's budget, and its window ends in a second and a half.
    await coldCache("budgeted");
    await redis.set(budgetKey, String(BUDGET), "PX", 1500);
    const before = waits(await scrape());
    gw.clearLogs();
    const answers = await Promise.all([1, 2, 3].map(() => gw.gql(directory("budgeted"))));
    for (const answer of answers) expect(answer.errors).toBeUndefined();
    const sent = sentTo("budgeted");
    expect(sent).toBeGreaterThan(0);
    expect(sent).toBeLessThanOrEqual(BUDGET);
    // Every request sent in the burst found the budget spent and waited, once.
    const after = await scrape();
    expect(waits(after)).toBe(before + sent);
    expect(sample(after, `rollcall_upstream_rate_limit_wait_seconds_sum{source="budgeted"}`)).toBeGreaterThan(
      0,
    );
  });

  it("counts no wait for a request refused because the next window is further off than Rollcall waits", async () => {
    await coldCache("budgeted");
    await redis.set(budgetKey, String(BUDGET), "PX", 120_000);
    const before = waits(await scrape());
    gw.clearLogs();
    const answer = await gw.gql(directory("budgeted"));
    expect(answer.errors?.[0]?.extensions?.code).toBe("SOURCE_RATE_LIMITED");
    expect(sentTo("budgeted")).toBe(0);
    expect(waits(await scrape())).toBe(before);
    await redis.del(budgetKey);
  });

  /** What one directory query of `cached` does: its cacheable reads, and its other vendor calls. */
  let cacheable = 0;
  let uncached = 0;

  it("counts a cold read a miss sent to the vendor, and the same read again a hit that is not", async () => {
    const start = await scrape();
    gw.clearLogs();
    expect((await gw.gql(directory("cached"))).errors).toBeUndefined();
    const cold = sentTo("cached");
    const afterCold = await scrape();
    cacheable = reads(afterCold, "miss") - reads(start, "miss");
    expect(cacheable).toBeGreaterThan(0);
    expect(reads(afterCold, "hit")).toBe(reads(start, "hit"));

    gw.clearLogs();
    expect((await gw.gql(directory("cached"))).errors).toBeUndefined();
    uncached = sentTo("cached");
    const afterWarm = await scrape();
    // The reads that missed went to the vendor once each; now each is a hit, and none is sent.
    expect(cold - uncached).toBe(cacheable);
    expect(reads(afterWarm, "hit") - reads(afterCold, "hit")).toBe(cacheable);
    expect(reads(afterWarm, "miss")).toBe(reads(afterCold, "miss"));
  });

  it("counts a burst of identical queries on a cold cache one miss per read, and a hit for every read served from the cache", async () => {
    // A write through another replica bumped the source's generation: nothing cached before is read.
    await coldCache("cached");
    const before = await scrape();
    const burst = 6;
    gw.clearLogs();
    const answers = await Promise.all(Array.from({ length: burst }, () => gw.gql(directory("cached"))));
    for (const answer of answers) expect(answer.errors).toBeUndefined();
    const after = await scrape();
    expect(reads(after, "miss") - reads(before, "miss")).toBe(cacheable);
    expect(reads(after, "hit") - reads(before, "hit")).toBe((burst - 1) * cacheable);
    // The misses were the only cacheable reads the vendor saw.
    expect(sentTo("cached")).toBe(burst * uncached + cacheable);
  });

  it("counts a read the vendor failed to answer a miss too", async () => {
    await coldCache("cached");
    const before = await scrape();
    const sim = gw.sims.get("cached");
    sim?.faults.inject({ kind: "5xx", status: 503 });
    try {
      const answer = await gw.gql(directory("cached"));
      expect(answer.errors?.[0]?.extensions?.code).toBe("SOURCE_UNAVAILABLE");
    } finally {
      sim?.faults.clear();
    }
    const after = await scrape();
    expect(reads(after, "miss") - reads(before, "miss")).toBe(1);
    expect(reads(after, "hit")).toBe(reads(before, "hit"));
  });
});
