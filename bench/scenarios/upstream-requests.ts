import { COSTS } from "../lib/floors.js";
import { DIRECTORY } from "../lib/queries.js";
import { shapeOf } from "../lib/shape.js";
import { type Gateway, type Simulators, startGateway, startSimulators } from "../lib/stack.js";
import { fmt, table } from "../lib/stats.js";

export interface UpstreamRow {
  readonly size: number;
  readonly source: string;
  readonly users: number;
  readonly floor: number;
  readonly gateway: number;
  readonly naive: number;
}

async function countDirectory(sims: Simulators, gateway: Gateway): Promise<Record<string, number>> {
  await gateway.query(DIRECTORY); // logins and connection set-up happen once per connector, not per operation
  await sims.clearLogs();
  const { errors } = await gateway.query(DIRECTORY);
  if (errors) throw new Error(`directory query failed: ${JSON.stringify(errors).slice(0, 500)}`);
  return sims.counts();
}

/** Scenario 1: upstream requests of the directory query — gateway, floor and naive — per size. */
export async function upstreamRequests(
  sizes: readonly number[],
  log: (line: string) => void,
): Promise<UpstreamRow[]> {
  const rows: UpstreamRow[] = [];
  for (const size of sizes) {
    log(`  upstream requests at ${size} users per source…`);
    const sims = await startSimulators(size);
    const gateway = await startGateway(sims, { batching: true });
    const naive = await startGateway(sims, { batching: false });
    try {
      const shapes = Object.fromEntries(
        await Promise.all(
          Object.keys(sims.sources).map(async (s) => [s, await shapeOf(gateway, s)] as const),
        ),
      );
      const counted = await countDirectory(sims, gateway);
      const naiveCounted = await countDirectory(sims, naive);
      for (const source of Object.keys(sims.sources)) {
        const shape = shapes[source]!;
        rows.push({
          size,
          source,
          users: shape.users,
          floor: COSTS[source]!.floor(shape),
          gateway: counted[source] ?? 0,
          naive: naiveCounted[source] ?? 0,
        });
      }
    } finally {
      await Promise.all([gateway.child.stop(), naive.child.stop()]);
      await sims.child.stop();
    }
  }
  return rows;
}

export function upstreamTable(rows: readonly UpstreamRow[]): string {
  const sums = new Map<number, { floor: number; gateway: number; naive: number }>();
  for (const r of rows) {
    const s = sums.get(r.size) ?? { floor: 0, gateway: 0, naive: 0 };
    sums.set(r.size, { floor: s.floor + r.floor, gateway: s.gateway + r.gateway, naive: s.naive + r.naive });
  }
  return table(
    [
      "users/source",
      "source",
      "users",
      "floor",
      "gateway",
      "gateway ÷ floor",
      "naive (no DataLoader)",
      "naive ÷ gateway",
    ],
    [
      ...rows.map((r) => [
        r.size,
        r.source,
        r.users,
        r.floor,
        r.gateway,
        fmt(r.gateway / r.floor, 2),
        r.naive,
        fmt(r.naive / r.gateway, 1),
      ]),
      ...[...sums].map(([size, s]) => [
        size,
        "**all five**",
        "",
        s.floor,
        s.gateway,
        fmt(s.gateway / s.floor, 2),
        s.naive,
        fmt(s.naive / s.gateway, 1),
      ]),
    ],
  );
}
