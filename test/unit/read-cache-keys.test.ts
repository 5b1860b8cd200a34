import { describe, expect, it } from "vitest";
import { redisSchema } from "../../src/config/redis-schema.js";
import { credentialIdentity, readKey } from "../../src/vendors/http/read-cache.js";

describe("a cached read's key", () => {
  const identity = credentialIdentity("qa", "https://qa.example/api/", { username: "bot", password: "pw-1" });

  it("is the same for the same query whatever the order of its parameters, and leaves undefined ones out", () => {
    const one = readKey("qa", "users", identity, "GET", "users", { page: 1, size: 50, filter: undefined });
    const two = readKey("qa", "users", identity, "GET", "users", { size: 50, page: 1 });
    expect(one).toEqual(two);
  });

  it("differs by path, by query and by method", () => {
    const base = readKey("qa", "users", identity, "GET", "users", { page: 1 });
    expect(readKey("qa", "users", identity, "GET", "users", { page: 2 }).request).not.toBe(base.request);
    expect(readKey("qa", "users", identity, "GET", "people", { page: 1 }).request).not.toBe(base.request);
    expect(readKey("qa", "users", identity, "HEAD", "users", { page: 1 }).request).not.toBe(base.request);
  });

  it("holds no path or query in clear: a path may name a person", () => {
    const key = readKey("qa", "users", identity, "GET", "get_user_by_email&email=ada%40example.com");
    expect(JSON.stringify(key)).not.toContain("ada");
    expect(key.request).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe("the account's identity in a cached read's key", () => {
  const auth = { username: "bot", password: "correct horse battery" };
  const identity = credentialIdentity("qa", "https://qa.example/api/", auth);

  it("is the same on every replica given the same config", () => {
    expect(credentialIdentity("qa", "https://qa.example/api/", { ...auth })).toBe(identity);
  });

  it("differs for another password, another account, another instance or another source", () => {
    const others = [
      credentialIdentity("qa", "https://qa.example/api/", { ...auth, password: "other" }),
      credentialIdentity("qa", "https://qa.example/api/", { ...auth, username: "admin" }),
      credentialIdentity("qa", "https://other.example/api/", auth),
      credentialIdentity("qa2", "https://qa.example/api/", auth),
    ];
    for (const other of others) expect(other).not.toBe(identity);
  });

  it("reveals neither the password nor the account", () => {
    expect(identity).toMatch(/^[0-9a-f]{32}$/);
    expect(identity).not.toContain(Buffer.from(auth.password).toString("hex"));
  });
});

describe("redis.readCache in config", () => {
  it("caches nothing by default", () => {
    expect(redisSchema.parse({ url: "redis://127.0.0.1:6379" }).readCache).toEqual({
      users: 0,
      projects: 0,
      roles: 0,
    });
  });

  it("takes a TTL per kind, the others staying 0", () => {
    expect(redisSchema.parse({ url: "redis://r", readCache: { users: 30 } }).readCache).toEqual({
      users: 30,
      projects: 0,
      roles: 0,
    });
  });

  it("refuses a kind it does not know and a TTL that is not a whole number of seconds up to an hour", () => {
    for (const readCache of [
      { groups: 10 },
      { users: -1 },
      { users: 1.5 },
      { users: 7200 },
      { users: "30" },
    ]) {
      const result = redisSchema.safeParse({ url: "redis://r", readCache });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.path[0]).toBe("readCache");
    }
  });
});
