/**
 * Scenario 10: scale-out. 1, 2 and 3 gateway replicas (each its own process with the image's Node
 * flags and its own SQLite store, all on one Redis under a key prefix of the run's own) behind a
 * round-robin balancer (lib/round-robin.ts), the directory query driven by autocannon: throughput,
 * latency, vendor calls per operation with the shared read cache off and on, each replica's peak
 * RSS against the memory goal, and a run under a per-source maxRequestsPerMinute budget showing the
 * most requests any simulator saw in a minute against the allowance.
 */
import { randomUUID } from "node:crypto";
import autocannon from "autocannon";
import { Redis } from "ioredis";
import { memoryOf } from "../lib/processes.js";
import { DIRECTORY } from "../lib/queries.js";
import { startRoundRobin } from "../lib/round-robin.js";
import { type Gateway, type Simulators, startGateway, startSimulators } from "../lib/stack.js";
import { fmt, table } from "../lib/stats.js";

/** The goal each replica's peak RSS is held to under load (issue 17). */
export const RSS_GOAL_MIB = 150;
/** How often the bench reads each replica's RSS from /proc while it is loaded. */
const SAMPLE_MS = 100;
/** The read cache's TTLs when it is on: the README's example. */
const READ_CACHE = { users: 30, projects: 300, roles: 300 };
const BUDGET_WINDOW_MS = 60_000;
const MiB = 2 ** 20;

export interface ReplicaMemory {
  /** Highest VmRSS read every SAMPLE_MS while the replica was loaded (warm-up and run). */
  readonly sampledPeakMiB: number;
  /** The kernel's own high-water mark (VmHWM) since the replica started. */
  readonly hwmMiB: number;
  /** process.memoryUsage() peaks inside the replica over the same time (processes/gateway.ts). */
  readonly heapTotalMiB: number;
  readonly heapUsedMiB: number;
  readonly externalMiB: number;
  /** RSS and heap after a last-resort GC once the load ended: what it retains. */
  readonly retainedRssMiB: number;
  readonly retainedHeapMiB: number;
}

export interface ScaleOutRun {
  readonly replicas: number;
  readonly readCache: boolean;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  /** Operations the replicas answered in the timed run (counted by the balancer). */
  readonly operations: number;
  readonly failed: number;
  /** Upstream calls per source during the timed run, sign-ins left out. */
  readonly calls: Readonly<Record<string, number>>;
  readonly memory: readonly ReplicaMemory[];
}

export interface BudgetRun {
  readonly replicas: number;
  readonly allowance: number;
  readonly seconds: number;
  readonly operations: number;
  readonly rateLimited: number;
  readonly failed: number;
  /** Per source: every request it saw (sign-ins included: they take from the budget too). */
  readonly sources: ReadonlyArray<{ source: string; requests: number; maxPerMinute: number; spanMs: number }>;
}

/** Upstream calls per operation, per source and in all. */
export function callsPerOperation(
  calls: Readonly<Record<string, number>>,
  operations: number,
): { total: number; bySource: Record<string, number> } {
  const per = (n: number) => (operations > 0 ? n / operations : Number.NaN);
  const bySource = Object.fromEntries(Object.entries(calls).map(([s, n]) => [s, per(n)]));
  return { total: per(Object.values(calls).reduce((a, b) => a + b, 0)), bySource };
}

/**
 * The most requests in any `windowMs` span of arrival times (a sliding window). It is at least
 * what any fixed window of that length held, so at most the allowance here means at most the
 * allowance in the limiter's fixed windows too.
 */
export function maxInWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while ((sorted[end] as number) - (sorted[start] as number) >= windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

/** Whether every replica's peak (the higher of the sampled peak and VmHWM) stays within the goal. */
export function peakOf(m: ReplicaMemory): number {
  return Math.max(m.sampledPeakMiB, m.hwmMiB);
}

export function withinGoal(memory: readonly ReplicaMemory[], goalMiB = RSS_GOAL_MIB): boolean {
  return memory.every((m) => peakOf(m) <= goalMiB);
}

/** Reads each replica's RSS every SAMPLE_MS and keeps the highest. */
function sampleRss(pids: readonly number[]): { stop(): number[] } {
  const peaks = pids.map(() => 0);
  const read = () => {
    for (const [i, pid] of pids.entries()) {
      try {
        peaks[i] = Math.max(peaks[i] as number, memoryOf(pid).rssMiB);
      } catch {
        // The replica exited: its last reading stands.
      }
    }
  };
  read();
  const timer = setInterval(read, SAMPLE_MS);
  return {
    stop: () => {
      clearInterval(timer);
      read();
      return peaks;
    },
  };
}

const BODY = JSON.stringify({ query: DIRECTORY });
const load = (url: string, connections: number, duration: number) =>
  autocannon({
    url,
    method: "POST",
    headers: { "content-type": "application/json" },
    body: BODY,
    connections,
    duration,
    timeout: 60,
  });

async function startReplicas(
  sims: Simulators,
  count: number,
  redis: Record<string, unknown>,
  sourceSettings?: Record<string, unknown>,
): Promise<Gateway[]> {
  const replicas: Gateway[] = [];
  try {
    // One after the other: start-up compiles the schema, and the machine is small.
    for (let i = 0; i < count; i++)
      replicas.push(
        await startGateway(sims, {
          batching: true,
          sampleMemoryMs: SAMPLE_MS,
          redis,
          ...(sourceSettings ? { sourceSettings } : {}),
        }),
      );
    return replicas;
  } catch (error) {
    await Promise.all(replicas.map((r) => r.child.stop()));
    throw error;
  }
}

interface SimLog {
  readonly total: number;
  readonly entries: ReadonlyArray<{ public?: boolean; receivedAt?: number }>;
}

/** Each simulator's request log: `total` counts requests its capped list of entries let go too. */
async function simLogs(sims: Simulators): Promise<Record<string, SimLog>> {
  const out: Record<string, SimLog> = {};
  for (const [source, s] of Object.entries(sims.sources))
    out[source] = (await (await fetch(`${new URL(s.url).origin}/__sim/log`)).json()) as SimLog;
  return out;
}

/** Calls per source, sign-ins (public routes) left out, from every request the log counted. */
const callsOf = (logs: Record<string, SimLog>) =>
  Object.fromEntries(
    Object.entries(logs).map(([source, l]) => [source, l.total - l.entries.filter((e) => e.public).length]),
  );

async function dropPrefix(redisUrl: string, prefix: string): Promise<void> {
  const client = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  client.on("error", () => undefined);
  try {
    await client.connect();
    let cursor = "0";
    do {
      const [next, keys] = await client.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 500);
      if (keys.length > 0) await client.del(...keys);
      cursor = next;
    } while (cursor !== "0");
  } finally {
    client.disconnect();
  }
}

export interface ScaleOutOptions {
  readonly size: number;
  readonly replicas: readonly number[];
  readonly seconds: number;
  readonly connections: number;
  readonly redisUrl: string;
  /** maxRequestsPerMinute of every source in the budget run. */
  readonly allowance: number;
  /** The budget run's length: under a minute, so all of it falls in one of the limiter's windows. */
  readonly budgetSeconds: number;
}

export async function scaleOut(
  options: ScaleOutOptions,
  log: (line: string) => void,
): Promise<{ runs: ScaleOutRun[]; budget: BudgetRun }> {
  const sims = await startSimulators(options.size);
  const prefixes: string[] = [];
  const freshRedis = (readCache: boolean) => {
    const keyPrefix = `rollcall-bench:${randomUUID().slice(0, 8)}:`;
    prefixes.push(keyPrefix);
    return { url: options.redisUrl, keyPrefix, ...(readCache ? { readCache: READ_CACHE } : {}) };
  };
  try {
    const runs: ScaleOutRun[] = [];
    for (const replicas of options.replicas)
      for (const readCache of [false, true]) {
        log(`  scale-out: ${replicas} replica(s), read cache ${readCache ? "on" : "off"}…`);
        const gateways = await startReplicas(sims, replicas, freshRedis(readCache));
        const balancer = await startRoundRobin(gateways.map((g) => g.url));
        const rss = sampleRss(gateways.map((g) => g.child.process.pid as number));
        try {
          await load(balancer.url, options.connections, 2); // warm-up: JIT, sign-ins, a warm cache
          await balancer.drained();
          await sims.clearLogs();
          balancer.reset();
          const result = await load(balancer.url, options.connections, options.seconds);
          await balancer.drained();
          const calls = callsOf(await simLogs(sims));
          const peaks = rss.stop();
          const counts = balancer.counts();
          const memory: ReplicaMemory[] = [];
          for (const [i, g] of gateways.entries()) {
            const line = await g.child.nextLine(/^MEM /, "SIGUSR2");
            const m = JSON.parse(line.slice(4)) as {
              rss: number;
              heapUsed: number;
              peak: { heapTotal: number; heapUsed: number; external: number };
            };
            memory.push({
              sampledPeakMiB: peaks[i] as number,
              hwmMiB: memoryOf(g.child.process.pid as number).peakMiB,
              heapTotalMiB: m.peak.heapTotal / MiB,
              heapUsedMiB: m.peak.heapUsed / MiB,
              externalMiB: m.peak.external / MiB,
              retainedRssMiB: m.rss / MiB,
              retainedHeapMiB: m.heapUsed / MiB,
            });
          }
          runs.push({
            replicas,
            readCache,
            rps: result.requests.average,
            p50: result.latency.p50,
            p99: result.latency.p99,
            operations: counts.answered,
            failed: counts.failed + result.errors + result.timeouts,
            calls,
            memory,
          });
        } finally {
          rss.stop();
          await balancer.close();
          await Promise.all(gateways.map((g) => g.child.stop()));
        }
      }
    const budget = await budgetRun(sims, options, freshRedis(false), log);
    return { runs, budget };
  } finally {
    await sims.stop();
    await Promise.all(prefixes.map((p) => dropPrefix(options.redisUrl, p))).catch(() => undefined);
  }
}

/**
 * Every source limited to `allowance` requests a minute, shared by the replicas through Redis; no
 * warm-up, the simulators' logs cleared before the replicas start, so every request any replica
 * sent (sign-ins too) is in them.
 */
async function budgetRun(
  sims: Simulators,
  options: ScaleOutOptions,
  redis: Record<string, unknown>,
  log: (line: string) => void,
): Promise<BudgetRun> {
  const replicas = Math.max(...options.replicas);
  log(`  scale-out: ${replicas} replicas, ${options.allowance} requests a minute per source…`);
  await sims.clearLogs();
  const gateways = await startReplicas(sims, replicas, redis, { maxRequestsPerMinute: options.allowance });
  const balancer = await startRoundRobin(gateways.map((g) => g.url));
  try {
    const result = await load(balancer.url, options.connections, options.budgetSeconds);
    await balancer.drained();
    const counts = balancer.counts();
    const sources = [];
    for (const [source, logged] of Object.entries(await simLogs(sims))) {
      if (logged.entries.length !== logged.total)
        throw new Error(`${source}'s log kept ${logged.entries.length} of ${logged.total} requests`);
      const times = logged.entries.map((e) => e.receivedAt ?? Number.NaN).filter(Number.isFinite);
      sources.push({
        source,
        requests: logged.total,
        maxPerMinute: maxInWindow(times, BUDGET_WINDOW_MS),
        spanMs: times.length > 0 ? Math.max(...times) - Math.min(...times) : 0,
      });
    }
    return {
      replicas,
      allowance: options.allowance,
      seconds: options.budgetSeconds,
      operations: counts.answered,
      rateLimited: counts.rateLimited,
      failed: counts.failed + result.errors + result.timeouts,
      sources,
    };
  } finally {
    await balancer.close();
    await Promise.all(gateways.map((g) => g.child.stop()));
  }
}

export function scaleOutTable(runs: readonly ScaleOutRun[], connections: number): string {
  return table(
    [
      "replicas",
      "read cache",
      `requests/s (${connections} clients)`,
      "p50 ms",
      "p99 ms",
      "operations",
      "failed",
      "vendor calls / operation",
    ],
    runs.map((r) => [
      r.replicas,
      r.readCache ? "on" : "off",
      fmt(r.rps, 1),
      fmt(r.p50, 0),
      fmt(r.p99, 0),
      r.operations,
      r.failed,
      fmt(callsPerOperation(r.calls, r.operations).total, 2),
    ]),
  );
}

export function callsTable(runs: readonly ScaleOutRun[]): string {
  const sources = Object.keys(runs[0]?.calls ?? {});
  return table(
    ["replicas", "read cache", ...sources],
    runs.map((r) => {
      const { bySource } = callsPerOperation(r.calls, r.operations);
      return [
        r.replicas,
        r.readCache ? "on" : "off",
        ...sources.map((s) => fmt(bySource[s] ?? Number.NaN, 2)),
      ];
    }),
  );
}

export function memoryTable(runs: readonly ScaleOutRun[], goalMiB = RSS_GOAL_MIB): string {
  return table(
    [
      "replicas",
      "read cache",
      "replica",
      "peak RSS MiB (sampled / VmHWM)",
      `≤ ${goalMiB} MiB`,
      "peak heap total / used MiB",
      "peak external MiB",
      "after last-resort GC: RSS / heap MiB",
    ],
    runs.flatMap((r) =>
      r.memory.map((m, i) => [
        r.replicas,
        r.readCache ? "on" : "off",
        i + 1,
        `${fmt(m.sampledPeakMiB, 0)} / ${fmt(m.hwmMiB, 0)}`,
        peakOf(m) <= goalMiB ? "yes" : "**no**",
        `${fmt(m.heapTotalMiB, 0)} / ${fmt(m.heapUsedMiB, 0)}`,
        fmt(m.externalMiB, 0),
        `${fmt(m.retainedRssMiB, 0)} / ${fmt(m.retainedHeapMiB, 0)}`,
      ]),
    ),
  );
}

export function budgetTable(b: BudgetRun): string {
  const rows = table(
    ["source", "requests it saw (sign-ins too)", "most in any 60 s", "allowance", "within"],
    b.sources.map((s) => [
      s.source,
      s.requests,
      s.maxPerMinute,
      b.allowance,
      s.maxPerMinute <= b.allowance ? "yes" : "**no**",
    ]),
  );
  return `${rows}\n\n${b.replicas} replicas, ${b.seconds} s: ${b.operations} operations answered, ${b.rateLimited} of them with SOURCE_RATE_LIMITED for a spent source, ${b.failed} failed.`;
}
