import { describe, expect, it } from "vitest";
import { redisSchema } from "../../src/config/redis-schema.js";
import {
  credentialIdentity,
  type ReadRoute,
  readKey,
  readKindOf,
} from "../../src/vendors/http/read-cache.js";
import { QAC_READ_ROUTES } from "../../src/vendors/qacomplete/read-routes.js";
import { QTEST_READ_ROUTES } from "../../src/vendors/qtest/read-routes.js";
import { SQUASH_READ_ROUTES } from "../../src/vendors/squash-tm/read-routes.js";
import { TESTRAIL_READ_ROUTES } from "../../src/vendors/testrail/read-routes.js";
import { TESTRESULTS_READ_ROUTES } from "../../src/vendors/testresults/read-routes.js";

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

/** What each vendor's client asks for (its client.ts), and the kind it is cached as (null: never). */
const EXAMPLES: Record<string, { routes: readonly ReadRoute[]; paths: Record<string, string | null> }> = {
  qtest: {
    routes: QTEST_READ_ROUTES,
    paths: {
      "api/v3/users/search": "users",
      "api/v3/projects": "projects",
      "api/v3/user-profiles": "roles",
      "api/v3/users/42": null,
      "api/v3/projects/7/users": null,
      "api/v3/groups": null,
      "api/v3/re-evaluation": null,
    },
  },
  "squash-tm": {
    routes: SQUASH_READ_ROUTES,
    paths: {
      users: "users",
      projects: "projects",
      "users/4": null,
      "users/login/jdoe/teams": null,
      "users/4/permissions": null,
      "projects/2/clearances": null,
      teams: null,
    },
  },
  qacomplete: {
    routes: QAC_READ_ROUTES,
    paths: {
      "depts/1/users": "users",
      projects: "projects",
      "depts/1/securitygroups": "roles",
      "depts/1/users/9/securitygroups": null,
      "projects/3/users": null,
      "depts/1": null,
    },
  },
  testrail: {
    routes: TESTRAIL_READ_ROUTES,
    paths: {
      get_users: "users",
      "get_users&limit=250&offset=0": "users",
      "get_projects&limit=250&offset=250": "projects",
      get_roles: "roles",
      "get_user_by_email&email=a%40b.c": null,
      "get_users/3": null,
      get_groups: null,
      get_current_user: null,
    },
  },
  testresults: {
    routes: TESTRESULTS_READ_ROUTES,
    paths: {
      "management/customers/current/groups/0f8e/users": "users",
      "management/customers/current": null,
      "users/current": null,
    },
  },
};

describe("each vendor's declaration of its cacheable reads", () => {
  for (const [vendor, { routes, paths }] of Object.entries(EXAMPLES))
    it(`classifies ${vendor}'s list routes by kind, and nothing else`, () => {
      for (const [path, kind] of Object.entries(paths))
        expect([path, readKindOf(routes, path)]).toEqual([path, kind]);
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
