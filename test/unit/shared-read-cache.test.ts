import type { Redis } from "ioredis";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openRedis } from "../../src/shared-state/redis-connection.js";
import { locateRedis } from "../../src/shared-state/redis-location.js";
import { redisReads } from "../../src/shared-state/shared-reads.js";
import { SimRouter } from "../../src/simulator/router.js";
import { createSimServer, type SimServer } from "../../src/simulator/sim-server.js";
import { apiPath } from "../../src/vendors/http/api-path.js";
import { basicAuth } from "../../src/vendors/http/auth.js";
import { freshReads } from "../../src/vendors/http/fresh-reads.js";
import { createHttpClient, type HttpClient } from "../../src/vendors/http/http-client.js";
import {
  credentialIdentity,
  type ReadCache,
  type ReadCacheTtls,
  type ReadRoute,
} from "../../src/vendors/http/read-cache.js";
import { dropPrefix, TEST_REDIS_URL, testRedis, uniqueRedisPrefix } from "../support/test-redis.js";

const PASSWORD = "s3cret-hunter2";
const ROUTES: readonly ReadRoute[] = [
  { kind: "users", template: "people" },
  { kind: "projects", template: "projects" },
  { kind: "roles", template: "roles" },
];

/** A bare vendor: a directory that changes when a test says so, a project list, a huge role list. */
function vendor(): { sim: SimServer; people: string[] } {
  const people = ["ada", "grace"];
  const router = new SimRouter()
    .get("/people", async () => {
      // Slow enough that a burst's misses overlap.
      await new Promise((r) => setTimeout(r, 40));
      return { status: 200, body: { people } };
    })
    .get("/people/:id", () => ({ status: 200, body: { id: "ada" } }))
    .get("/projects", () => ({ status: 503, body: { message: "down for maintenance" } }))
    .get("/roles", () => ({ status: 200, body: { roles: "x".repeat(5000) } }));
  const sim = createSimServer({
    name: "vendor",
    router,
    authenticate: (r) =>
      r.headers.authorization === `Basic ${Buffer.from(`rollcall:${PASSWORD}`).toString("base64")}`
        ? null
        : { status: 401, body: { message: "who are you" } },
    errorBody: (status, message) => ({ status, body: { message } }),
  });
  return { sim, people };
}

const TTLS: ReadCacheTtls = { users: 60, projects: 60, roles: 60 };

describe("the shared read cache (two replicas' HTTP clients over one Redis)", () => {
  const prefix = uniqueRedisPrefix("reads");
  let up: ReturnType<typeof vendor>;
  let url: string;
  const redisClients: Redis[] = [];
  const clients: HttpClient[] = [];

  async function replica(options: { ttls?: ReadCacheTtls; redisUrl?: string; reports?: string[] } = {}) {
    const redis = openRedis(locateRedis(options.redisUrl ?? TEST_REDIS_URL), () => undefined);
    redisClients.push(redis);
    await redis.connect().catch(() => undefined);
    const cache: ReadCache = redisReads(redis, prefix, {
      maxBodyBytes: 1000,
      report: (_level, message) => options.reports?.push(message),
    });
    const http = createHttpClient({
      sourceId: "src",
      vendor: "Vendor",
      describe: (b) => (b as { message?: string }).message,
      apiBase: `${url}/`,
      auth: basicAuth("rollcall", PASSWORD),
      timeoutMs: 2000,
      retries: 0,
      maxConcurrency: 4,
      readCache: {
        cache,
        ttlSeconds: options.ttls ?? TTLS,
        routes: ROUTES,
        identity: credentialIdentity("src", `${url}/`, { username: "rollcall", password: PASSWORD }),
      },
    });
    clients.push(http);
    return { http, cache };
  }

  const listed = () => up.sim.log.list().filter((e) => e.path === "/people").length;

  beforeAll(async () => {
    up = vendor();
    url = await up.sim.start();
  });
  beforeEach(async () => {
    up.sim.log.clear();
    up.people.splice(2);
    // Each test starts with nothing cached: the source's generation moves on.
    const redis = await testRedis();
    await redis.incr(`${prefix}read:src:generation`);
    redis.disconnect();
  });
  afterAll(async () => {
    for (const http of clients) http.close();
    for (const redis of redisClients) redis.disconnect();
    await up.sim.stop();
    await dropPrefix(await testRedis(), prefix);
  });

  it("sends a burst of identical list reads on two replicas to the vendor once, and answers each with its body", async () => {
    const [a, b] = [await replica(), await replica()];
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => (i % 2 ? a : b).http.get<{ people: string[] }>(apiPath`people`)),
    );
    expect(listed()).toBe(1);
    for (const answer of answers) expect(answer).toEqual({ people: ["ada", "grace"] });
  });

  it("keys a read by its query: another page is another read", async () => {
    const { http } = await replica();
    await http.get("people", { searchParams: { page: 1, size: 2 } });
    await http.get("people", { searchParams: { size: 2, page: 1 } });
    await http.get("people", { searchParams: { page: 2, size: 2 } });
    expect(listed()).toBe(2);
  });

  it("sends every read of a kind whose TTL is 0, and of a route no kind names, to the vendor", async () => {
    const { http } = await replica({ ttls: { users: 0, projects: 60, roles: 60 } });
    await http.get("people");
    await http.get("people");
    await http.get(apiPath`people/${"ada"}`);
    await http.get(apiPath`people/${"ada"}`);
    expect(listed()).toBe(2);
    expect(up.sim.log.list().filter((e) => e.path === "/people/ada")).toHaveLength(2);
  });

  it("sends reads made for fresh work (a write's checks, a plan's live state) to the vendor, cached or not", async () => {
    const [a, b] = [await replica(), await replica()];
    await a.http.get("people");
    up.people.push("linus");
    expect(await b.http.get("people")).toEqual({ people: ["ada", "grace"] });
    expect(listed()).toBe(1);
    expect(await freshReads(() => b.http.get("people"))).toEqual({ people: ["ada", "grace", "linus"] });
    expect(listed()).toBe(2);
  });

  it("answers every replica from the vendor after a write to the source (forget)", async () => {
    const [a, b] = [await replica(), await replica()];
    await a.http.get("people");
    up.people.push("linus");
    await a.cache.forget("src");
    expect(await b.http.get("people")).toEqual({ people: ["ada", "grace", "linus"] });
    expect(listed()).toBe(2);
  });

  it("keeps no failed read: each failure is its caller's, and the next read asks again", async () => {
    const { http } = await replica();
    await expect(http.get("projects")).rejects.toMatchObject({ code: "SOURCE_UNAVAILABLE" });
    await expect(http.get("projects")).rejects.toMatchObject({ code: "SOURCE_UNAVAILABLE" });
    expect(up.sim.log.list().filter((e) => e.path === "/projects")).toHaveLength(2);
  });

  it("does not keep a body bigger than its cap", async () => {
    const { http } = await replica();
    await http.get("roles");
    await http.get("roles");
    expect(up.sim.log.list().filter((e) => e.path === "/roles")).toHaveLength(2);
  });

  it("puts no secret in Redis: neither the password nor the Authorization header, in keys or values", async () => {
    const { http } = await replica();
    await http.get("people");
    const redis = await testRedis();
    const keys = await redis.keys(`${prefix}*`);
    expect(keys.some((k) => k.includes(":users:"))).toBe(true);
    const authorization = Buffer.from(`rollcall:${PASSWORD}`).toString("base64");
    for (const key of keys) {
      expect(key).not.toContain(PASSWORD);
      expect(key).not.toContain(authorization);
      expect(key).not.toContain("people");
      const value = (await redis.getBuffer(key))?.toString("utf8") ?? "";
      expect(value).not.toContain(PASSWORD);
      expect(value).not.toContain(authorization);
    }
    redis.disconnect();
  });

  it("sends reads to the vendor while Redis does not answer, without an error, and says so once", async () => {
    const reports: string[] = [];
    const { http } = await replica({ redisUrl: "redis://127.0.0.1:1", reports });
    expect(await http.get("people")).toEqual({ people: ["ada", "grace"] });
    expect(await http.get("people")).toEqual({ people: ["ada", "grace"] });
    expect(listed()).toBe(2);
    expect(reports).toEqual([
      "the shared read cache gets no answer from Redis: vendor reads go to the vendors",
    ]);
  });
});
