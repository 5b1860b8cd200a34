import { vendorFor } from "../../src/vendors/registry.js";
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
  /** Null above NAIVE_MAX_USERS: without per-operation caching every user's load re-reads whole
   *  lists (a vendor that reads its whole directory for any user, per user), which exhausts memory at 5,000 users. */
  readonly naive: number | null;
}

const NAIVE_MAX_USERS = 500;

/** A benchmark source's floor: its vendor's (the benchmarks name each source by its kind). */
export function floorOf(source: string) {
  const vendor = vendorFor(source);
  if (!vendor) throw new Error(`no vendor of kind "${source}"`);
  return vendor.floor;
}

/**
 * Upstream requests per source of one operation, counted where they land (the simulators' logs),
 * after a first run of it: sign-ins and connection set-up happen once per connector, not per operation.
 */
export async function countCalls(
  sims: Simulators,
  gateway: Pick<Gateway, "query">,
  query: string,
  variables?: Record<string, unknown>,
): Promise<Record<string, number>> {
  await gateway.query(query, variables);
  await sims.clearLogs();
  const { errors } = await gateway.query(query, variables);
  if (errors) throw new Error(`query failed: ${JSON.stringify(errors).slice(0, 500)}`);
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
    const naive = size <= NAIVE_MAX_USERS ? await startGateway(sims, { batching: false }) : null;
    try {
      const shapes = Object.fromEntries(
        await Promise.all(
          Object.keys(sims.sources).map(async (s) => [s, await shapeOf(gateway.query, s)] as const),
        ),
      );
      const counted = await countCalls(sims, gateway, DIRECTORY);
      const naiveCounted = naive ? await countCalls(sims, naive, DIRECTORY) : null;
      for (const source of Object.keys(sims.sources)) {
        const shape = shapes[source]!;
        rows.push({
          size,
          source,
          users: shape.users,
          floor: floorOf(source).calls(shape),
          gateway: counted[source] ?? 0,
          naive: naiveCounted ? (naiveCounted[source] ?? 0) : null,
        });
      }
    } finally {
      await Promise.all([gateway.child.stop(), naive?.child.stop()]);
      await sims.stop();
    }
  }
  return rows;
}

export function upstreamTable(rows: readonly UpstreamRow[]): string {
  const sums = new Map<number, { floor: number; gateway: number; naive: number | null }>();
  const sources = new Set(rows.map((r) => r.source)).size;
  for (const r of rows) {
    const s = sums.get(r.size) ?? { floor: 0, gateway: 0, naive: 0 };
    const naive = s.naive === null || r.naive === null ? null : s.naive + r.naive;
    sums.set(r.size, { floor: s.floor + r.floor, gateway: s.gateway + r.gateway, naive });
  }
  const naiveCells = (naive: number | null, gateway: number) =>
    naive === null ? [`not run (> ${NAIVE_MAX_USERS} users)`, "–"] : [naive, fmt(naive / gateway, 1)];
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
        ...naiveCells(r.naive, r.gateway),
      ]),
      ...[...sums].map(([size, s]) => [
        size,
        `**all ${sources}**`,
        "",
        s.floor,
        s.gateway,
        fmt(s.gateway / s.floor, 2),
        ...naiveCells(s.naive, s.gateway),
      ]),
    ],
  );
}
