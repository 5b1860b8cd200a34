import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { newApiKey } from "../../src/server/api-keys.js";
import { vendors } from "../../src/vendors/registry.js";
import { type Child, imageEnv, imageNodeArgs, startChild } from "./processes.js";

const DIST = new URL("../../", import.meta.url).pathname; // dist-bench/

export interface Simulators {
  /** One process per vendor, as each vendor is its own server: one busy simulator never delays another's answers. */
  readonly children: readonly Child[];
  stop(): Promise<void>;
  readonly sources: Record<string, { url: string; source: Record<string, unknown> }>;
  /** Set every simulator's answer delay (ms), or only `only`'s (a vendor kind). */
  latency(ms: number, only?: string): Promise<void>;
  /** Clear every simulator's request log. */
  clearLogs(): Promise<void>;
  /** Requests per source since the last clear, sign-ins (public routes) left out: they are per
   *  connector, not per operation. */
  counts(): Promise<Record<string, number>>;
}

const origin = (url: string) => new URL(url).origin;

export async function startSimulators(users: number): Promise<Simulators> {
  const children = await Promise.all(
    vendors.map((v) =>
      startChild(join(DIST, "bench/processes/simulators.js"), [String(users), v.kind], /^READY /),
    ),
  );
  const sources = Object.assign(
    {},
    ...children.map((c) => JSON.parse(c.ready.slice("READY ".length)) as Simulators["sources"]),
  ) as Simulators["sources"];
  /** `fn` on every simulator's origin, or only `only`'s (a vendor kind). */
  const each = (fn: (o: string) => Promise<unknown>, only?: string) =>
    Promise.all(
      (only ? [sources[only]] : Object.values(sources)).map((s) => {
        if (!s) throw new Error(`no simulator "${only}"`);
        return fn(origin(s.url));
      }),
    );
  return {
    children,
    stop: async () => {
      await Promise.all(children.map((c) => c.stop()));
    },
    sources,
    latency: async (ms, only) => {
      await each(
        (o) =>
          fetch(`${o}/__sim/faults`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ latencyMs: ms }),
          }),
        only,
      );
    },
    clearLogs: async () => {
      await each((o) => fetch(`${o}/__sim/log`, { method: "DELETE" }));
    },
    counts: async () => {
      const out: Record<string, number> = {};
      for (const [kind, s] of Object.entries(sources)) {
        const log = (await (await fetch(`${origin(s.url)}/__sim/log`)).json()) as {
          entries: Array<{ public?: boolean }>;
        };
        out[kind] = log.entries.filter((e) => !e.public).length;
      }
      return out;
    },
  };
}

export interface Gateway {
  /** Its process; stop() also removes the gateway's store. */
  readonly child: Child;
  readonly url: string;
  /** Its store (a SQLite file of its own unless the run gave one). */
  readonly storeUrl: string;
  query<T = unknown>(query: string, variables?: Record<string, unknown>): Promise<GraphQLAnswer<T>>;
  /** As a caller with write scope (what mutations need). */
  mutate<T = unknown>(query: string, variables?: Record<string, unknown>): Promise<GraphQLAnswer<T>>;
}

export interface GraphQLAnswer<T> {
  data?: T;
  errors?: unknown[];
}

/** The real gateway (dist-bench/src/main.js) in its own process, configured against the simulators. */
export async function startGateway(
  sims: Simulators,
  options: {
    batching: boolean;
    maxConcurrency?: number;
    nodeArgs?: string[];
    /** Record upstream calls for lib/replay.ts (see processes/gateway.ts). */
    recordCalls?: boolean;
    /** Read the process's memory this often (ms) and report the peaks (see processes/gateway.ts). */
    sampleMemoryMs?: number;
    /** Run a full collection this often (ms) and report the heap after it (see processes/gateway.ts). */
    gcEveryMs?: number;
    /** Sample every allocation into this file (see processes/gateway.ts, profile-allocations.ts). */
    allocationProfile?: string;
    /** A store the run prepared (a PostgreSQL schema of its own) instead of a new SQLite file. */
    storeUrl?: string;
    /** The Redis replicas share (README, "Running several replicas"): the config's `redis`. */
    redis?: Record<string, unknown>;
    /** Settings every source gets on top of the simulator's (e.g. `maxRequestsPerMinute`). */
    sourceSettings?: Record<string, unknown>;
  },
): Promise<Gateway> {
  // Each gateway its own fresh store (links, plans, audit), as a new deployment has: nothing a
  // previous run or the other gateway of this run stored is read back.
  const storeDir = mkdtempSync(join(tmpdir(), "rollcall-bench-store-"));
  const storeUrl = options.storeUrl ?? `file:${join(storeDir, "rollcall.db")}`;
  const writer = newApiKey();
  const config = {
    server: {
      port: 0,
      host: "127.0.0.1",
      maxPageSize: 50_000,
      batching: options.batching,
      graphiql: false,
      // One operation lists every user of every source (25,000 in the full run): the bounds are
      // raised with the page-size cap. The estimate still runs for every operation.
      limits: { upstreamCalls: 1_000_000, objects: 1_000_000_000 },
      operationTimeoutMs: 600_000,
      maxResponseBytes: 1024 ** 3,
    },
    logging: { level: "info" },
    // It runs with NODE_ENV=production, where reads need a key unless the config opens them;
    // mutations (the plans) always need a write-scoped caller.
    auth: {
      anonymousReads: true,
      apiKeys: [{ name: "bench-writer", scope: "write", sha256: writer.sha256 }],
    },
    store: { url: storeUrl },
    // The bench sends thousands of anonymous operations a minute from one IP: it measures the
    // gateway, not its rate limiter.
    rateLimit: { enabled: false },
    sources: Object.values(sims.sources).map((s) => ({
      ...s.source,
      // The product's default unless a run asks otherwise: the bench measures what a user gets.
      ...(options.maxConcurrency ? { maxConcurrency: options.maxConcurrency } : {}),
      timeoutMs: 60_000,
      ...options.sourceSettings,
    })),
    ...(options.redis ? { redis: options.redis } : {}),
  };
  // One file per gateway: a run may start several replicas, each with its own store.
  const file = join(storeDir, `${options.batching ? "gateway" : "naive"}.json`);
  writeFileSync(file, JSON.stringify(config));
  // The port is 0, so the gateway's "Server listening at" line carries the real one.
  const child = await startChild(
    // The gateway itself plus a benchmark-only hook that reports memory after a full GC.
    join(DIST, "bench/processes/gateway.js"),
    ["--config", file],
    /"url":"http:\/\/[^"]+\/graphql"/,
    {
      nodeArgs: [...imageNodeArgs(), "--expose-gc", ...(options.nodeArgs ?? [])],
      // As the Docker image runs it (its Node flags and allocator settings; graphql-js skips its
      // development-mode checks).
      env: {
        ...imageEnv(),
        NODE_ENV: "production",
        ...(options.recordCalls ? { BENCH_RECORD_CALLS: "1" } : {}),
        ...(options.sampleMemoryMs ? { BENCH_SAMPLE_MEMORY_MS: String(options.sampleMemoryMs) } : {}),
        ...(options.gcEveryMs ? { BENCH_GC_EVERY_MS: String(options.gcEveryMs) } : {}),
        ...(options.allocationProfile ? { BENCH_ALLOCATION_PROFILE: options.allocationProfile } : {}),
      },
    },
  ).catch((error: unknown) => {
    rmSync(storeDir, { recursive: true, force: true });
    throw error;
  });
  const url = /"url":"(http:\/\/[^"]+\/graphql)"/.exec(child.ready)?.[1] as string;
  const send = async <T>(
    query: string,
    variables: Record<string, unknown> | undefined,
    headers: Record<string, string> = {},
  ) => {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLAnswer<T>;
  };
  return {
    child: {
      ...child,
      stop: async () => {
        await child.stop();
        rmSync(storeDir, { recursive: true, force: true });
      },
    },
    url,
    storeUrl,
    query: (query, variables) => send(query, variables),
    mutate: (query, variables) => send(query, variables, { authorization: `Bearer ${writer.key}` }),
  };
}
