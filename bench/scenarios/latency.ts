import { DIRECTORY, LOOKUP } from "../lib/queries.js";
import { type Replay, recordCalls, startReplay } from "../lib/replay.js";
import { shapeOf } from "../lib/shape.js";
import { type Gateway, startGateway, startSimulators } from "../lib/stack.js";
import { fmt, percentile, table } from "../lib/stats.js";
import { floorOf } from "./upstream-requests.js";

/** The row under each operation: its upstream calls replayed bare (bench/lib/replay.ts). */
const REPLAY_LABEL =
  "↳ the same calls replayed bare, then the same answer sent (http.request + JSON.parse only)";

/** How much slower the uneven row's one vendor answers: the one whose directory needs the most calls. */
const SLOW_FACTOR = 5;

export interface LatencyRow {
  readonly operation: string;
  readonly delayMs: number;
  /** Set when one source answered slower than the others. */
  readonly slow?: { readonly source: string; readonly delayMs: number };
  readonly depth: number;
  readonly criticalPathMs: number;
  readonly p50: number;
  readonly p95: number;
}

type Target = Pick<Gateway, "query">;

async function timed(gateway: Target, query: string, runs: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const { errors } = await gateway.query(query);
    out.push(performance.now() - started);
    if (errors) throw new Error(`query failed: ${JSON.stringify(errors).slice(0, 300)}`);
  }
  return out;
}

/** A replay process answers what the gateway answered, after replaying its calls once. */
const replayTarget = (replay: Replay): Target => ({
  query: async () => (await fetch(replay.url, { method: "POST" })).json() as Promise<{ errors?: [] }>,
});

/** Both targets' samples, timed alternately run by run so both meet the machine in the same state. */
async function alternated(a: Target, b: Target, query: string, runs: number): Promise<[number[], number[]]> {
  const samples: [number[], number[]] = [[], []];
  await timed(a, query, 2);
  await timed(b, query, 2);
  for (let run = 0; run < runs; run++) {
    samples[0].push(...(await timed(a, query, 1)));
    samples[1].push(...(await timed(b, query, 1)));
  }
  return samples;
}

/** Scenario 2: with every simulator answering after `delayMs`, latency beside the critical path. */
export async function latency(
  size: number,
  delayMs: number,
  runs: number,
  log: (line: string) => void,
  options: { oneSlowSource?: boolean } = {},
): Promise<LatencyRow[]> {
  log(`  latency at ${size} users per source, ${delayMs} ms per upstream answer…`);
  const sims = await startSimulators(size);
  const gateway = await startGateway(sims, { batching: true });
  try {
    const shapes = await Promise.all(
      Object.keys(sims.sources).map(async (s) => [s, await shapeOf(gateway.query, s)] as const),
    );
    const depth = (pick: "directoryDepth" | "lookupDepth") =>
      Math.max(...shapes.map(([s, shape]) => floorOf(s)[pick](shape)));
    const [slowSource] = shapes.reduce((a, b) =>
      floorOf(b[0]).calls(b[1]) > floorOf(a[0]).calls(a[1]) ? b : a,
    );
    await timed(gateway, DIRECTORY, 3);
    await timed(gateway, LOOKUP, 3);
    const replays = await Promise.all(
      [DIRECTORY, LOOKUP].map(async (query) => startReplay(await recordCalls(sims, query, delayMs))),
    );
    await sims.latency(delayMs);
    const rows: LatencyRow[] = [];
    try {
      for (const [i, [operation, query, d]] of (
        [
          ["directory (all users, all relations)", DIRECTORY, depth("directoryDepth")],
          ["usersByEmail with permissions", LOOKUP, depth("lookupDepth")],
        ] as const
      ).entries()) {
        const [own, bare] = await alternated(gateway, replayTarget(replays[i] as Replay), query, runs);
        for (const [label, samples] of [
          [operation, own],
          [REPLAY_LABEL, bare],
        ] as const)
          rows.push({
            operation: label,
            delayMs,
            depth: d,
            criticalPathMs: d * delayMs,
            p50: percentile(samples, 50),
            p95: percentile(samples, 95),
          });
      }
    } finally {
      await Promise.all(replays.map((r) => r.child.stop()));
    }
    if (options.oneSlowSource) {
      // The usual case in the field: one vendor (a distant SaaS) far slower than the rest. Its
      // chain is then the critical path, and the others' work should hide behind it.
      const slowMs = delayMs * SLOW_FACTOR;
      await sims.latency(slowMs, slowSource);
      await timed(gateway, DIRECTORY, 2);
      const samples = await timed(gateway, DIRECTORY, runs);
      const paths = shapes.map(([s, shape]) => {
        const chain = floorOf(s).directoryDepth(shape);
        return { chain, ms: chain * (s === slowSource ? slowMs : delayMs) };
      });
      const critical = paths.reduce((a, b) => (b.ms > a.ms ? b : a));
      rows.push({
        operation: `directory, ${slowSource} ${SLOW_FACTOR}× slower than the rest`,
        delayMs,
        slow: { source: slowSource, delayMs: slowMs },
        depth: critical.chain,
        criticalPathMs: critical.ms,
        p50: percentile(samples, 50),
        p95: percentile(samples, 95),
      });
    }
    return rows;
  } finally {
    await gateway.child.stop();
    await sims.stop();
  }
}

export function latencyTable(rows: readonly LatencyRow[]): string {
  return table(
    [
      "operation",
      "delay per answer ms",
      "chain (round trips)",
      "critical path ms",
      "p50 ms",
      "p95 ms",
      "p50 ÷ critical path",
      "p95 ÷ critical path",
      "p50 − critical path ms",
    ],
    rows.map((r) => [
      r.operation,
      r.slow ? `${r.delayMs} (${r.slow.source}: ${r.slow.delayMs})` : r.delayMs,
      r.depth,
      fmt(r.criticalPathMs, 0),
      fmt(r.p50),
      fmt(r.p95),
      fmt(r.p50 / r.criticalPathMs, 2),
      fmt(r.p95 / r.criticalPathMs, 2),
      fmt(r.p50 - r.criticalPathMs),
    ]),
  );
}
