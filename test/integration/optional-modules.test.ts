import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SimServer } from "../../src/simulator/sim-server.js";
import { startIssuer, type TestIssuer } from "../support/oidc-issuer.js";
import { anyVendor } from "../support/pick-vendor.js";
import { builtRollcall, startReplica } from "../support/replica-process.js";
import { postgresTarget, type StorePlace } from "../support/store-targets.js";
import { dropPrefix, TEST_REDIS_URL, testRedis, uniqueRedisPrefix } from "../support/test-redis.js";

/**
 * Each optional engine's packages: loaded only when its config is on, so a replica that does not
 * use them does not hold them in memory (issue 17).
 */
const OPTIONAL = {
  telemetry: [
    "@opentelemetry/sdk-trace-base",
    "@opentelemetry/exporter-trace-otlp-http",
    "@opentelemetry/resources",
  ],
  redis: ["ioredis"],
  "a PostgreSQL store and its job engine": ["pg", "pg-boss"],
  "server.federation": ["@apollo/subgraph"],
};
/**
 * Packages loaded when first used, not at start: most replicas never use them (issue 17). jose
 * verifies bearer tokens (with `auth.jwt` configured, on the first token); csv-parse reads a CSV
 * roster (`replaceRoster`'s `input.csv`, a `review.rosterFile`).
 */
const ON_FIRST_USE = {
  "a bearer token": ["jose"],
  "a CSV roster": ["csv-parse"],
};
/** libsql's remote (HTTP, WebSocket) clients: the store opens only files and memory. */
const LIBSQL_REMOTE = ["@libsql/hrana-client", "@libsql/isomorphic-ws", "ws"];
const ALL_OPTIONAL = [
  ...Object.values(OPTIONAL).flat(),
  ...Object.values(ON_FIRST_USE).flat(),
  ...LIBSQL_REMOTE,
];

const USERS = { query: "{ users(first: 2) { nodes { id } } }" };
const CSV_ROSTER = {
  query: 'mutation { replaceRoster(input: { csv: "email,name\\nada@example.com,Ada" }) { count } }',
};

const vendor = anyVendor();
/** Loopback; no load shedding: the processes share the machine's cores with the other specs. */
const SERVER = { port: 0, host: "127.0.0.1", overload: { maxEventLoopDelayMs: 0 } };

/**
 * An OTLP collector that takes every export: a process stopping flushes its spans at once (to a
 * closed port the exporter retries for seconds before it gives up).
 */
async function startCollector(): Promise<{ url: string; stop(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    request.resume();
    request.on("end", () => response.writeHead(200, { "content-type": "application/json" }).end("{}"));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1/traces`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// Each test starts its own processes and looks only at what they loaded: they run at once, each
// asserting with its own `expect` (their starts share the cores: a test may take a while).
describe.concurrent("a Rollcall process loads the optional engines' modules only when their config is on", () => {
  const dir = mkdtempSync(join(tmpdir(), "rollcall-optional-modules-"));
  const sim: SimServer = vendor.simulator.create({ users: 5 });
  const postgres = postgresTarget();
  const prefix = uniqueRedisPrefix("optional-modules");
  let simUrl = "";
  let place: StorePlace | undefined;
  let idp: TestIssuer;
  let collector: Awaited<ReturnType<typeof startCollector>>;

  beforeAll(async () => {
    const [url] = await Promise.all([sim.start(), builtRollcall()]);
    simUrl = url;
    idp = await startIssuer();
    await idp.addKey("k1");
    collector = await startCollector();
  }, 180_000);

  afterAll(async () => {
    await sim.stop();
    await idp?.stop();
    await collector?.stop();
    await place?.drop();
    await postgres.close();
    await dropPrefix(await testRedis(), prefix);
    rmSync(dir, { recursive: true, force: true });
  });

  /**
   * Starts a process with `config`, answers `operations` (by default one read), each with `headers`,
   * stops it: the packages it loaded.
   */
  async function packagesLoadedBy(
    name: string,
    config: Record<string, unknown>,
    operations: ReadonlyArray<{ query: string }> = [USERS],
    headers: Record<string, string> = {},
  ): Promise<string[]> {
    const file = join(dir, `${name}.packages`);
    const replica = await startReplica(
      dir,
      name,
      {
        server: SERVER,
        store: { url: `file:${join(dir, `${name}.db`)}` },
        sources: [vendor.simulator.demoSource(simUrl, "source")],
        ...config,
      },
      {
        nodeArgs: ["--require", join(process.cwd(), "test", "support", "loaded-packages.cjs")],
        env: { ROLLCALL_LOADED_PACKAGES_FILE: file },
      },
    );
    try {
      for (const operation of operations) {
        const response = await fetch(replica.url, {
          method: "POST",
          headers: { "content-type": "application/json", ...headers },
          body: JSON.stringify(operation),
        });
        expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();
      }
    } finally {
      await replica.stop();
    }
    return readFileSync(file, "utf8").split("\n").filter(Boolean);
  }

  it("without telemetry, redis, a PostgreSQL store, federation, tokens or CSV: none of their packages", async ({
    expect,
  }) => {
    const loaded = await packagesLoadedBy("default", {});
    // What every configuration uses is there: the list is the process's, not an empty one.
    expect(loaded).toEqual(expect.arrayContaining(["fastify", "graphql", "libsql"]));
    expect(loaded.filter((p) => ALL_OPTIONAL.includes(p))).toEqual([]);
  }, 120_000);

  it("with each of them on: each one's packages", async ({ expect }) => {
    place = await postgres.fresh();
    const loaded = await packagesLoadedBy("everything", {
      server: { ...SERVER, federation: true },
      store: { url: place.url },
      redis: { url: TEST_REDIS_URL, keyPrefix: prefix },
      telemetry: { otlp: { url: collector.url } },
    });
    for (const [engine, packages] of Object.entries(OPTIONAL))
      expect({ engine, loaded: packages.filter((p) => loaded.includes(p)) }).toEqual({
        engine,
        loaded: packages,
      });
  }, 120_000);

  it("with auth.jwt configured: jose only once a bearer token comes", async ({ expect }) => {
    const jwt = { issuer: idp.issuer, audience: idp.audience, jwksUri: idp.jwksUri };
    const token = await idp.sign("ada", "rollcall:read");
    const [anonymous, withToken] = await Promise.all([
      packagesLoadedBy("jwt-configured", { auth: { anonymousReads: true, jwt } }),
      packagesLoadedBy("jwt-token", { auth: { anonymousReads: false, jwt } }, [USERS], {
        authorization: `Bearer ${token}`,
      }),
    ]);
    expect(anonymous).toEqual(expect.arrayContaining(["fastify", "graphql", "libsql"]));
    expect(anonymous.filter((p) => ON_FIRST_USE["a bearer token"].includes(p))).toEqual([]);
    expect(withToken).toEqual(expect.arrayContaining(ON_FIRST_USE["a bearer token"]));
  }, 120_000);

  it("csv-parse only once a CSV roster is given", async ({ expect }) => {
    // replaceRoster needs write scope: a token grants it.
    const jwt = { issuer: idp.issuer, audience: idp.audience, jwksUri: idp.jwksUri };
    const loaded = await packagesLoadedBy("csv-roster", { auth: { jwt } }, [USERS, CSV_ROSTER], {
      authorization: `Bearer ${await idp.sign("grace", "rollcall:write")}`,
    });
    expect(loaded).toEqual(expect.arrayContaining(ON_FIRST_USE["a CSV roster"]));
  }, 120_000);
});
