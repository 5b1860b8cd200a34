import autocannon from "autocannon";
import { startHandwritten } from "../lib/handwritten.js";
import { memoryAfterGc, memoryOf } from "../lib/processes.js";
import { MID_SIZED } from "../lib/queries.js";
import { startGateway, startSimulators } from "../lib/stack.js";
import { fmt, table } from "../lib/stats.js";

export interface ThroughputRow {
  readonly target: string;
  /** Saturated: `connections` clients sending back to back. */
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  /** Unloaded: one client at a time — what one console user waits. */
  readonly soloP50: number;
  readonly soloP99: number;
  readonly failures: number;
  readonly peakRssMiB: number;
}

interface Checkpoint {
  readonly requests: number;
  readonly rssMiB: number;
  readonly heapUsedMiB: number;
}

export interface MemoryResult {
  readonly requests: number;
  /**
   * After a last-resort GC (what is really retained), after warm-up and then after each quarter of
   * the long run: a leak shows as a rise from checkpoint to checkpoint, not just between two points.
   */
  readonly checkpoints: readonly [Checkpoint, ...Checkpoint[]];
  readonly peakMiB: number;
}

const CHECKPOINTS = 4;

const BODY = JSON.stringify({ query: MID_SIZED });

function load(url: string, options: { connections: number; duration?: number; amount?: number }) {
  return autocannon({
    url,
    method: "POST",
    headers: { "content-type": "application/json" },
    body: BODY,
    connections: options.connections,
    ...(options.amount ? { amount: options.amount } : { duration: options.duration ?? 10 }),
  });
}

/**
 * Scenarios 3 and 4: requests per second and p99 of the mid-sized query at zero simulator delay —
 * gateway, naive gateway, hand-written script — then the gateway's memory over a long run.
 */
export async function throughput(
  options: { size: number; seconds: number; connections: number; longRunRequests: number },
  log: (line: string) => void,
): Promise<{ rows: ThroughputRow[]; memory: MemoryResult }> {
  const sims = await startSimulators(options.size);
  const gateway = await startGateway(sims, { batching: true });
  const naive = await startGateway(sims, { batching: false });
  const handwritten = await startHandwritten(sims);
  try {
    const rows: ThroughputRow[] = [];
    for (const [target, url, pid] of [
      ["gateway", gateway.url, gateway.child.process.pid],
      ["naive gateway (no DataLoader)", naive.url, naive.child.process.pid],
      ["hand-written script", handwritten.url, handwritten.child.process.pid],
    ] as const) {
      log(`  throughput: ${target}, ${options.connections} connections, ${options.seconds} s…`);
      await load(url, { connections: options.connections, duration: 2 }); // warm-up: JIT, sockets, logins
      const result = await load(url, { connections: options.connections, duration: options.seconds });
      const solo = await load(url, { connections: 1, duration: Math.max(2, options.seconds / 2) });
      rows.push({
        target,
        rps: result.requests.average,
        p50: result.latency.p50,
        p99: result.latency.p99,
        soloP50: solo.latency.p50,
        soloP99: solo.latency.p99,
        failures: result.non2xx + result.errors + result.timeouts + solo.non2xx + solo.errors + solo.timeouts,
        peakRssMiB: memoryOf(pid as number).peakMiB,
      });
    }
    log(`  memory: ${options.longRunRequests} requests to the gateway…`);
    const pid = gateway.child.process.pid as number;
    const checkpoints: [Checkpoint, ...Checkpoint[]] = [
      { requests: 0, ...(await memoryAfterGc(gateway.child)) },
    ];
    const quarter = Math.ceil(options.longRunRequests / CHECKPOINTS);
    for (let sent = quarter; sent <= quarter * CHECKPOINTS; sent += quarter) {
      await load(gateway.url, { connections: options.connections, amount: quarter });
      checkpoints.push({ requests: sent, ...(await memoryAfterGc(gateway.child)) });
    }
    return {
      rows,
      memory: { requests: quarter * CHECKPOINTS, checkpoints, peakMiB: memoryOf(pid).peakMiB },
    };
  } finally {
    await Promise.all([gateway.child.stop(), naive.child.stop(), handwritten.child.stop()]);
    await sims.stop();
  }
}

export function throughputTable(rows: readonly ThroughputRow[], connections: number): string {
  const floor = rows.find((r) => r.target === "hand-written script")?.rps ?? Number.NaN;
  return table(
    [
      "target",
      `requests/s (${connections} clients)`,
      "÷ hand-written",
      "p50 ms",
      "p99 ms",
      "one client: p50 ms",
      "one client: p99 ms",
      "failed",
      "peak RSS MiB",
    ],
    rows.map((r) => [
      r.target,
      fmt(r.rps, 0),
      fmt(r.rps / floor, 2),
      fmt(r.p50),
      fmt(r.p99),
      fmt(r.soloP50),
      fmt(r.soloP99),
      r.failures,
      fmt(r.peakRssMiB, 0),
    ]),
  );
}

export function memoryTable(m: MemoryResult): string {
  const growth = (a: number, b: number) => `${fmt(((b - a) / a) * 100, 1)} %`;
  const [first] = m.checkpoints;
  const last = m.checkpoints[m.checkpoints.length - 1] ?? first;
  const rows = table(
    ["after a last-resort GC", "heap used MiB", "RSS MiB"],
    [
      ...m.checkpoints.map((c) => [
        c.requests === 0 ? "after warm-up" : `after ${c.requests} more requests`,
        fmt(c.heapUsedMiB),
        fmt(c.rssMiB),
      ]),
      [
        "growth, warm-up to last",
        growth(first.heapUsedMiB, last.heapUsedMiB),
        growth(first.rssMiB, last.rssMiB),
      ],
    ],
  );
  return `${rows}\n\nPeak RSS during the runs: ${fmt(m.peakMiB, 0)} MiB.`;
}
