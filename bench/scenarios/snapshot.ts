/**
 * Scenario 9: a snapshot of every source at size — upstream calls per source against the directory
 * floor over every account, the time against the critical path of the calls it made, the gateway's
 * memory while it runs (sampled in the gateway process: processes/gateway.ts), and the rows it wrote
 * to a fresh store (SQLite, and PostgreSQL in a schema of its own when one answers).
 */
import { randomBytes } from "node:crypto";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { openStore } from "../../src/store/open-store.js";
import { shapeOf } from "../lib/shape.js";
import { type Gateway, type Simulators, startGateway, startSimulators } from "../lib/stack.js";
import { fmt, table } from "../lib/stats.js";
import { floorOf } from "./upstream-requests.js";

/** How often the gateway reads its own memory while the snapshot runs. */
const SAMPLE_MS = 20;
/** How often the live-set pass collects (a pass of its own: the collections cost time). */
const GC_EVERY_MS = 250;
const MiB = 2 ** 20;
const TABLES = ["snapshot_accounts", "snapshot_grants", "snapshot_memberships", "snapshot_containers"];

/** One request as a simulator logged it (its clock: arrival and answer). */
export interface LoggedCall {
  readonly public?: boolean;
  readonly receivedAt?: number;
  readonly answeredAt?: number;
}

export interface SourceFigures {
  readonly source: string;
  /** Accounts the source holds, archived ones too (read through the gateway before the snapshot). */
  readonly accounts: number;
  /** Accounts the snapshot stored of it. */
  readonly stored: number;
  readonly floor: number;
  /** Upstream calls it made, sign-ins left out. */
  readonly calls: number;
  /** Round trips of its longest chain of calls, each after the calls answered before it arrived. */
  readonly chain: number;
}

/** process.memoryUsage() figures, in bytes. */
export interface Memory {
  readonly rss: number;
  readonly heapUsed: number;
}

export interface SnapshotRun {
  readonly store: "sqlite" | "postgres";
  /** `timed`: nothing but sampling in the gateway; `live`: a full collection every GC_EVERY_MS too,
   *  for the live set (its time is not reported). */
  readonly pass: "timed" | "live";
  readonly size: number;
  readonly delayMs: number;
  readonly status: string;
  /** From the snapshot's startedAt to its finishedAt, as the store recorded them. */
  readonly wallMs: number;
  readonly sources: readonly SourceFigures[];
  /** Rows of the snapshot per table. */
  readonly rows: Readonly<Record<string, number>>;
  readonly memory: {
    /** After warm-up (sign-ins) and a last-resort GC, before the snapshot. */
    readonly idle: Memory;
    /** The highest readings while it ran (every SAMPLE_MS), and how many readings were taken. */
    readonly peak: Memory & { readonly samples: number };
    /** The live pass: the highest heap read just after a full collection while it ran (its live
     *  set), and how many there were. */
    readonly live: { readonly heapUsed: number; readonly collections: number };
    /** process.memoryUsage() once it had finished, then after a last-resort GC. */
    readonly end: Memory;
    readonly afterGc: Memory;
  };
  /** The gateway's event loop while it ran: its longest delay and p99 (ms). */
  readonly lag: { readonly maxMs: number; readonly p99Ms: number };
  /** Polls of snapshot(id:) answered SERVER_OVERLOADED (the event loop lagging over its bound). */
  readonly overloadedPolls: number;
  /** The timed pass: the snapshot then deleted by retention (pruneSnapshots), in this process
   *  against the same store, and the longest event-loop delay meanwhile (null: not measured). */
  readonly prune: { readonly ms: number; readonly lagMaxMs: number } | null;
}

/**
 * The longest chain of calls that waited on each other's answers, from one simulator's log: a call
 * comes after every call answered before it arrived (level 1 for a source's first calls). The same
 * levels as the replay's (`lib/replay.ts`), read on the simulator's clock rather than the gateway's:
 * recording the gateway's calls would hold thousands of records in the process being measured.
 */
export function chainOfLog(entries: readonly LoggedCall[]): number {
  const calls = entries.filter(
    (e): e is LoggedCall & { receivedAt: number; answeredAt: number } =>
      !e.public && e.receivedAt !== undefined && e.answeredAt !== undefined,
  );
  const byArrival = [...calls].sort((a, b) => a.receivedAt - b.receivedAt);
  const byAnswer = [...calls].sort((a, b) => a.answeredAt - b.answeredAt);
  const level = new Map<LoggedCall, number>();
  let answered = 0; // calls of byAnswer answered before the current one arrived
  let deepest = 0; // the highest level among them
  for (const call of byArrival) {
    while (answered < byAnswer.length && (byAnswer[answered]?.answeredAt as number) <= call.receivedAt) {
      // Answered before this one arrived, so it arrived earlier still: its level is known.
      deepest = Math.max(deepest, level.get(byAnswer[answered] as LoggedCall) ?? 1);
      answered += 1;
    }
    level.set(call, deepest + 1);
  }
  return Math.max(0, ...level.values());
}

/** The figures a run is read by (bench/README.md, scenario 9). */
export function summarize(run: Pick<SnapshotRun, "sources" | "delayMs" | "wallMs" | "rows">) {
  const slowest = run.sources.reduce((a, b) => (b.chain > a.chain ? b : a));
  const criticalPathMs = slowest.chain * run.delayMs;
  return {
    calls: run.sources.reduce((n, s) => n + s.calls, 0),
    floor: run.sources.reduce((n, s) => n + s.floor, 0),
    atFloor: run.sources.every((s) => s.calls === s.floor),
    slowest: slowest.source,
    chain: slowest.chain,
    criticalPathMs,
    ratio: run.wallMs / criticalPathMs,
    aboveMs: run.wallMs - criticalPathMs,
    rows: Object.values(run.rows).reduce((a, b) => a + b, 0),
  };
}

/** How much a figure grew from the smaller run to the larger (1.00: not at all). */
export const growth = (small: number, large: number): number => large / small;

/** A place for the snapshot's rows: a new SQLite file (the gateway's own), or a PostgreSQL schema. */
export interface StorePlace {
  readonly engine: SnapshotRun["store"];
  readonly url?: string;
  count(storeUrl: string, snapshotId: string): Promise<Record<string, number>>;
  drop(): Promise<void>;
}

async function countRows(
  execute: (sql: string, args: unknown[]) => Promise<Array<Record<string, unknown>>>,
  snapshotId: string,
  placeholder: string,
): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) {
    const rows = await execute(`SELECT count(*) AS n FROM ${t} WHERE snapshot_id = ${placeholder}`, [
      snapshotId,
    ]);
    out[t] = Number(rows[0]?.n ?? 0);
  }
  return out;
}

export function sqlitePlace(): StorePlace {
  return {
    engine: "sqlite",
    async count(storeUrl, snapshotId) {
      const { createClient } = await import("@libsql/client");
      const db = createClient({ url: storeUrl });
      try {
        return await countRows(
          async (sql, args) =>
            (await db.execute({ sql, args: args as string[] })).rows as unknown as Array<
              Record<string, unknown>
            >,
          snapshotId,
          "?",
        );
      } finally {
        db.close();
      }
    },
    drop: async () => undefined, // the gateway removes its own file when it stops
  };
}

/** A schema of its own in the PostgreSQL at `adminUrl`; null when none answers there. */
export async function postgresPlace(
  adminUrl: string,
  log: (line: string) => void,
): Promise<StorePlace | null> {
  const { default: pg } = await import("pg");
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (error) {
    log(`  PostgreSQL at ${new URL(adminUrl).host} is not answering (${(error as Error).message}): skipped`);
    return null;
  }
  const schema = `rollcall_bench_${process.pid}_${randomBytes(4).toString("hex")}`;
  await admin.query(`create schema "${schema}"`);
  const url = new URL(adminUrl);
  url.searchParams.set("options", `-c search_path=${schema}`);
  return {
    engine: "postgres",
    url: url.toString(),
    async count(storeUrl, snapshotId) {
      const client = new pg.Client({ connectionString: storeUrl });
      await client.connect();
      try {
        return await countRows(async (sql, args) => (await client.query(sql, args)).rows, snapshotId, "$1");
      } finally {
        await client.end();
      }
    },
    async drop() {
      await admin.query(`drop schema if exists "${schema}" cascade`);
      await admin.end();
    },
  };
}

/** Every account of each source, archived ones too, and what the floor is computed from. */
async function floors(sims: Simulators): Promise<Map<string, { accounts: number; floor: number }>> {
  const gateway = await startGateway(sims, { batching: true });
  try {
    const out = new Map<string, { accounts: number; floor: number }>();
    for (const source of Object.keys(sims.sources)) {
      const { data, errors } = await gateway.query<{ users: { edges: unknown[] } }>(
        `{ users(sources: ["${source}"], first: 50000, filter: { includeArchived: true }) { edges { cursor } } }`,
      );
      if (!data || errors)
        throw new Error(`listing ${source} failed: ${JSON.stringify(errors).slice(0, 300)}`);
      const accounts = data.users.edges.length;
      // A snapshot reads every account, archived ones too (people are joined from all of them).
      const shape = { ...(await shapeOf(gateway.query, source, 1)), users: accounts };
      out.set(source, { accounts, floor: floorOf(source).calls(shape) });
    }
    return out;
  } finally {
    await gateway.child.stop();
  }
}

interface MemoryLine extends Memory {
  peak?: Memory & { samples: number };
  beforeGc?: Memory;
  afterMajorGc?: { heapUsed: number; collections: number };
  lagMaxMs?: number;
  lagP99Ms?: number;
}

const memoryOf = async (gateway: Gateway): Promise<MemoryLine> =>
  JSON.parse((await gateway.child.nextLine(/^MEM /, "SIGUSR2")).slice("MEM ".length)) as MemoryLine;
const pick = (m: Memory): Memory => ({ rss: m.rss, heapUsed: m.heapUsed });

interface SnapshotAnswer {
  id: string;
  status: string;
  startedAt: string;
  finishedAt: string | null;
  sources: Array<{
    sourceId: string;
    status: string;
    accountsRead: number;
    error: { message: string } | null;
  }>;
}
const SNAPSHOT_FIELDS =
  "id status startedAt finishedAt sources { sourceId status accountsRead error { message } }";

/** One snapshot of every source into `place`, measured. */
async function measure(
  sims: Simulators,
  place: StorePlace,
  size: number,
  delayMs: number,
  expected: Map<string, { accounts: number; floor: number }>,
  pass: SnapshotRun["pass"],
  log: (line: string) => void,
): Promise<SnapshotRun> {
  const gateway = await startGateway(sims, {
    batching: true,
    sampleMemoryMs: SAMPLE_MS,
    ...(pass === "live" ? { gcEveryMs: GC_EVERY_MS } : {}),
    ...(place.url ? { storeUrl: place.url } : {}),
  });
  try {
    // Sign-ins (once per connector, not per snapshot) before anything is measured.
    const warm = await gateway.query(`{ users(first: 1) { nodes { id } } }`);
    if (warm.errors) throw new Error(`warm-up failed: ${JSON.stringify(warm.errors).slice(0, 300)}`);
    await sims.clearLogs();
    const idle = await memoryOf(gateway);
    const started = await gateway.mutate<{ takeSnapshot: SnapshotAnswer }>(
      `mutation { takeSnapshot { ${SNAPSHOT_FIELDS} } }`,
    );
    const id = started.data?.takeSnapshot.id;
    if (!id) throw new Error(`takeSnapshot failed: ${JSON.stringify(started.errors).slice(0, 300)}`);
    let snapshot: SnapshotAnswer | undefined;
    let overloadedPolls = 0;
    for (;;) {
      await new Promise((r) => setTimeout(r, 250));
      const { data, errors } = await gateway.query<{ snapshot: SnapshotAnswer }>(
        `query($id: ID!) { snapshot(id: $id) { ${SNAPSHOT_FIELDS} } }`,
        { id },
      );
      // The server refuses operations while its event loop lags (server.overload): counted, asked again.
      if (JSON.stringify(errors ?? []).includes("SERVER_OVERLOADED")) {
        overloadedPolls += 1;
        continue;
      }
      if (!data || errors) throw new Error(`snapshot(id:) failed: ${JSON.stringify(errors).slice(0, 300)}`);
      if (data.snapshot.status !== "RUNNING") {
        snapshot = data.snapshot;
        break;
      }
    }
    const end = await memoryOf(gateway);
    if (snapshot.status !== "COMPLETE")
      throw new Error(`snapshot ended ${snapshot.status}: ${JSON.stringify(snapshot.sources).slice(0, 500)}`);
    const sources: SourceFigures[] = [];
    for (const [source, sim] of Object.entries(sims.sources)) {
      const logged = (await (await fetch(`${new URL(sim.url).origin}/__sim/log`)).json()) as {
        total: number;
        entries: LoggedCall[];
      };
      if (logged.total > logged.entries.length)
        throw new Error(`${source}'s request log dropped ${logged.total - logged.entries.length} entries`);
      const calls = logged.entries.filter((e) => !e.public);
      const known = expected.get(source) as { accounts: number; floor: number };
      const stored = snapshot.sources.find((s) => s.sourceId === source)?.accountsRead ?? 0;
      sources.push({
        source,
        accounts: known.accounts,
        stored,
        floor: known.floor,
        calls: calls.length,
        chain: chainOfLog(calls),
      });
    }
    const run: SnapshotRun = {
      store: place.engine,
      pass,
      size,
      delayMs,
      status: snapshot.status,
      wallMs: Date.parse(snapshot.finishedAt as string) - Date.parse(snapshot.startedAt),
      sources,
      rows: await place.count(gateway.storeUrl, id),
      memory: {
        idle: pick(idle),
        peak: { ...pick(end.peak as Memory), samples: end.peak?.samples ?? 0 },
        live: end.afterMajorGc ?? { heapUsed: Number.NaN, collections: 0 },
        end: pick(end.beforeGc as Memory),
        afterGc: pick(end),
      },
      lag: { maxMs: end.lagMaxMs ?? Number.NaN, p99Ms: end.lagP99Ms ?? Number.NaN },
      overloadedPolls,
      prune: pass === "timed" ? await timedPrune(gateway.storeUrl) : null,
    };
    log(
      `    ${place.engine} (${pass}): ${snapshot.status} in ${run.wallMs} ms, live heap ${fmt(run.memory.live.heapUsed / MiB)} MiB, peak heap ${fmt(run.memory.peak.heapUsed / MiB)} MiB, RSS ${fmt(run.memory.peak.rss / MiB)} MiB, event loop delay max ${fmt(run.lag.maxMs)} ms, ${overloadedPolls} polls refused` +
        (run.prune
          ? `; pruned in ${fmt(run.prune.ms, 0)} ms, event loop delay max ${fmt(run.prune.lagMaxMs)} ms`
          : ""),
    );
    return run;
  } finally {
    await gateway.child.stop();
  }
}

/**
 * Retention deleting the snapshot just taken (every finished one: `keepLast: 0`), from this process
 * on the gateway's store (SQLite runs on the thread that asks, so this process's event loop is the
 * one a server's would be), timed, with the longest event-loop delay while it ran.
 */
async function timedPrune(storeUrl: string): Promise<{ ms: number; lagMaxMs: number }> {
  const store = await openStore({ url: storeUrl });
  const lag = monitorEventLoopDelay({ resolution: 10 });
  try {
    lag.enable();
    const started = performance.now();
    await store.history.pruneSnapshots({ keepLast: 0 });
    const ms = performance.now() - started;
    // The histogram records a delay when its late timer fires: a loop held to the very end is
    // recorded only once a timer gets to run after it.
    await new Promise((resolve) => setTimeout(resolve, 50));
    lag.disable();
    return { ms, lagMaxMs: lag.max / 1e6 };
  } finally {
    lag.disable();
    await store.close();
  }
}

/** Scenario 9: a snapshot of every source at each size, into SQLite and (when it answers) PostgreSQL. */
export async function snapshots(
  sizes: readonly number[],
  delayMs: number,
  postgresUrl: string | null,
  log: (line: string) => void,
): Promise<SnapshotRun[]> {
  const runs: SnapshotRun[] = [];
  for (const size of sizes) {
    log(`  snapshot at ${size} accounts per source, ${delayMs} ms per upstream answer…`);
    const sims = await startSimulators(size);
    try {
      const expected = await floors(sims);
      await sims.latency(delayMs);
      const places = [sqlitePlace(), ...(postgresUrl ? [await postgresPlace(postgresUrl, log)] : [])];
      for (const place of places) {
        if (!place) continue;
        try {
          runs.push(await measure(sims, place, size, delayMs, expected, "timed", log));
        } finally {
          await place.drop();
        }
      }
      runs.push(await measure(sims, sqlitePlace(), size, delayMs, expected, "live", log));
    } finally {
      await sims.stop();
    }
  }
  return runs;
}

export function snapshotTable(runs: readonly SnapshotRun[]): string {
  return table(
    [
      "accounts/source",
      "store",
      "calls (floor)",
      "rows written",
      "slowest chain (round trips)",
      "critical path ms",
      "wall ms",
      "wall ÷ critical path",
      "event loop delay max ms",
      "prune ms (event loop delay max ms)",
    ],
    runs
      .filter((r) => r.pass === "timed")
      .map((r) => {
        const s = summarize(r);
        return [
          r.size,
          r.store,
          `${s.calls} (${s.floor})`,
          s.rows,
          `${s.slowest}: ${s.chain}`,
          s.criticalPathMs,
          r.wallMs,
          fmt(s.ratio, 2),
          fmt(r.lag.maxMs, 0),
          r.prune ? `${fmt(r.prune.ms, 0)} (${fmt(r.prune.lagMaxMs, 0)})` : "",
        ];
      }),
  );
}

/** The gateway's memory per timed run, the live set from the live pass of the same size, and each
 *  figure at the largest size over the smallest, per store. */
export function snapshotMemoryTable(runs: readonly SnapshotRun[]): string {
  const mib = (bytes: number) => fmt(bytes / MiB);
  const liveOf = (size: number) => runs.find((r) => r.pass === "live" && r.size === size)?.memory.live;
  const timed = runs.filter((r) => r.pass === "timed");
  const figures = (r: SnapshotRun) => [
    r.memory.idle.heapUsed,
    liveOf(r.size)?.heapUsed ?? Number.NaN,
    r.memory.peak.heapUsed,
    r.memory.peak.rss,
    r.memory.afterGc.heapUsed,
    r.memory.afterGc.rss,
  ];
  const rows: Array<Array<string | number>> = timed.map((r) => [
    r.size,
    r.store,
    ...figures(r).map(mib),
    `${r.memory.peak.samples} / ${liveOf(r.size)?.collections ?? 0}`,
  ]);
  for (const store of new Set(timed.map((r) => r.store))) {
    const mine = timed.filter((r) => r.store === store).sort((a, b) => a.size - b.size);
    const [small, large] = [mine[0], mine[mine.length - 1]];
    if (!small || !large || small === large) continue;
    const [a, b] = [figures(small), figures(large)];
    rows.push([
      `${large.size} ÷ ${small.size}`,
      store,
      ...a.map((x, i) => `${fmt(growth(x, b[i] as number), 2)}×`),
      "",
    ]);
  }
  return table(
    [
      "accounts/source",
      "store",
      "heap idle",
      "live heap (max after a full GC, live pass)",
      "heap peak (sampled)",
      "RSS peak (sampled)",
      "heap after GC, at the end",
      "RSS after GC, at the end",
      "samples / full GCs of the live pass",
    ],
    rows,
  );
}

export function snapshotCallsTable(runs: readonly SnapshotRun[]): string {
  return table(
    ["accounts/source", "store", "source", "accounts", "stored", "floor", "calls", "calls ÷ floor", "chain"],
    runs
      .filter((r) => r.pass === "timed")
      .flatMap((r) =>
        r.sources.map((s) => [
          r.size,
          r.store,
          s.source,
          s.accounts,
          s.stored,
          s.floor,
          s.calls,
          fmt(s.calls / s.floor, 2),
          s.chain,
        ]),
      ),
  );
}
