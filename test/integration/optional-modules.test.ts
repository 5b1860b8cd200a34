import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SimServer } from "../../src/simulator/sim-server.js";
import { anyVendor } from "../support/pick-vendor.js";
import { buildRollcall, startReplica } from "../support/replica-process.js";
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
const ALL_OPTIONAL = Object.values(OPTIONAL).flat();

const vendor = anyVendor();

describe("a Rollcall process loads the optional engines' modules only when their config is on", () => {
  const outDir = join(process.cwd(), `dist-optional-modules-test-${process.pid}`);
  const dir = mkdtempSync(join(tmpdir(), "rollcall-optional-modules-"));
  const sim: SimServer = vendor.simulator.create({ users: 5 });
  const postgres = postgresTarget();
  const prefix = uniqueRedisPrefix("optional-modules");
  let simUrl = "";
  let place: StorePlace | undefined;

  beforeAll(async () => {
    buildRollcall(outDir);
    simUrl = await sim.start();
  }, 180_000);

  afterAll(async () => {
    await sim.stop();
    await place?.drop();
    await postgres.close();
    await dropPrefix(await testRedis(), prefix);
    rmSync(outDir, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  });

  /** Starts a process with `config`, answers one operation, stops it: the packages it loaded. */
  async function packagesLoadedBy(name: string, config: Record<string, unknown>): Promise<string[]> {
    const file = join(dir, `${name}.packages`);
    const replica = await startReplica(
      outDir,
      dir,
      name,
      {
        server: { port: 0, host: "127.0.0.1" },
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
      const response = await fetch(replica.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "{ users(first: 2) { nodes { id } } }" }),
      });
      expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();
    } finally {
      await replica.stop();
    }
    return readFileSync(file, "utf8").split("\n").filter(Boolean);
  }

  it("without telemetry, redis, a PostgreSQL store or federation: none of their packages", async () => {
    const loaded = await packagesLoadedBy("default", {});
    // What every configuration uses is there: the list is the process's, not an empty one.
    expect(loaded).toEqual(expect.arrayContaining(["fastify", "graphql", "libsql"]));
    expect(loaded.filter((p) => ALL_OPTIONAL.includes(p))).toEqual([]);
  }, 60_000);

  it("with each of them on: each one's packages", async () => {
    place = await postgres.fresh();
    const loaded = await packagesLoadedBy("everything", {
      server: { port: 0, host: "127.0.0.1", federation: true },
      store: { url: place.url },
      redis: { url: TEST_REDIS_URL, keyPrefix: prefix },
      telemetry: { otlp: { url: "http://127.0.0.1:9/v1/traces" } },
    });
    for (const [engine, packages] of Object.entries(OPTIONAL))
      expect({ engine, loaded: packages.filter((p) => loaded.includes(p)) }).toEqual({
        engine,
        loaded: packages,
      });
  }, 60_000);
});
