import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/load-config.js";
import { locateRedis, scrubRedis } from "../../src/shared-state/redis-location.js";
import { configProblems } from "../support/config-problems.js";
import { anyVendor } from "../support/pick-vendor.js";

const source = anyVendor().simulator.demoSource("https://tool.example.com/tool", "src");

describe("the Redis replicas share, in config", () => {
  it("is off unless configured: each process keeps its budgets, circuits and persisted queries", () => {
    expect(parseConfig({ sources: [source] }, {}).redis).toBeUndefined();
  });

  it("takes a redis:// or rediss:// URL, with a key prefix, a persisted-query TTL, and no vendor read cached", () => {
    const config = parseConfig({ sources: [source], redis: { url: "redis://:pw@cache:6379/2" } }, {});
    expect(config.redis).toEqual({
      url: "redis://:pw@cache:6379/2",
      keyPrefix: "rollcall:",
      persistedQueryTtlSeconds: 86_400,
      readCache: { users: 0, projects: 0, roles: 0 },
    });
    expect(
      parseConfig({ sources: [source], redis: { url: "rediss://cache.example.com" } }, {}).redis?.url,
    ).toBe("rediss://cache.example.com");
  });

  it("names the key of each bad setting, never echoing the URL's password", () => {
    const found = configProblems({
      sources: [source],
      redis: { url: "http://user:hunter2-secret@cache:6379", keyPrefix: "a b", size: 1 },
    });
    expect(found).toEqual(
      expect.arrayContaining([
        "redis.url: uses http://, expected redis:// or rediss://",
        "redis.keyPrefix: may hold only letters, digits and : _ . -",
        "redis: unknown key(s) size",
      ]),
    );
    expect(
      configProblems({ sources: [source], redis: { url: "redis://:hunter2-secret@cache:6379/x" } }),
    ).toEqual(["redis.url: has a path that is not a database number (redis://host:6379/0)"]);
    expect(configProblems({ sources: [source], redis: {} })).toEqual(["redis.url: is required"]);
    expect(found.join("\n")).not.toContain("hunter2-secret");
  });

  it("shows a URL with its password (and user) masked, and scrubs both from a client's words", () => {
    const location = locateRedis("redis://rollcall:hunter2-secret@cache:6379/0");
    expect(location.shown).toBe("redis://***:***@cache:6379/0");
    expect(
      scrubRedis("WRONGPASS for hunter2-secret at redis://rollcall:hunter2-secret@cache:6379/0", location),
    ).toBe("WRONGPASS for *** at redis://***:***@cache:6379/0");
    expect(locateRedis("redis://cache:6379").shown).toBe("redis://cache:6379");
  });
});

describe("a source's request budget, in config", () => {
  it("takes maxRequestsPerMinute per source, a positive whole number", () => {
    const config = parseConfig({ sources: [{ ...source, maxRequestsPerMinute: 120 }] }, {});
    expect(config.sources[0]).toMatchObject({ maxRequestsPerMinute: 120 });
    expect(configProblems({ sources: [{ ...source, maxRequestsPerMinute: 0 }] })).toEqual([
      expect.stringMatching(/^sources\[0\] \(id "src"\)\.maxRequestsPerMinute: /),
    ]);
  });
});
