/**
 * Scenario 11: one page of the console's people matrix at 5 sources × 5,000 accounts. After a real
 * snapshot of every simulator into a fresh store (SQLite, and PostgreSQL in a schema of its own when
 * one answers), the console's own `accessMatrix` page of 200 people is asked again and again over
 * HTTP — the first page, one deep in the list (by keyset), a search, a level filter, a source
 * filter — each timed at the client (the gateway's whole answer: parse, estimate, store, JSON) with
 * the vendors' calls counted from the simulators' logs, which must stay at zero. Beside it, the same
 * page live (`people`, what the matrix read before): every page re-reads every source's user list.
 */

import { loadavg } from "node:os";
import {
  type Gateway,
  type GraphQLAnswer,
  type Simulators,
  startGateway,
  startSimulators,
} from "../lib/stack.js";
import { fmt, percentile, table } from "../lib/stats.js";
import { postgresPlace, type StorePlace, sqlitePlace } from "./snapshot.js";

/** People per page: the console's PAGE (console/src/people/people-page.tsx). */
const PAGE = 200;
/** Timed requests per matrix case (after one untimed warm-up). */
const RUNS = 30;
/** Timed requests of the live page (each reads every source's whole user list). */
const LIVE_RUNS = 3;

/** The console's ConsoleAccessMatrix (console/src/people/matrix-queries.ts), as it sends it. */
const ACCESS_MATRIX = `query ConsoleAccessMatrix($snapshot: ID, $first: Int!, $after: String, $filter: AccessMatrixFilter) {
  accessMatrix(snapshot: $snapshot, first: $first, after: $after, filter: $filter) {
    asOf totalCount incompleteSources
    snapshot { id status startedAt }
    sources { sourceId status source { name } }
    pageInfo { hasNextPage endCursor }
    nodes { id displayName email cells { sourceId state active highestLevel levelKnown } }
  }
}`;

/** The console's live ConsolePeople (console/src/queries.ts): what the matrix read before. */
const PEOPLE = `query ConsolePeople($first: Int!, $after: String, $filter: PersonFilterInput) {
  people(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { id displayName email state accounts { active source { id } } access { level source { id } } }
  }
}`;

interface MatrixAnswer {
  accessMatrix: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: Array<{ displayName: string }>;
  } | null;
}

export interface MatrixCase {
  readonly store: "sqlite" | "postgres";
  readonly name: string;
  /** Timed runs answered at the first ask (those refused as overloaded are left out). */
  readonly runs: number;
  /** The fastest: the least disturbed by other work on the machine. */
  readonly minMs: number;
  readonly medianMs: number;
  readonly p95Ms: number;
  readonly maxMs: number;
  /** Upstream calls over every timed run, sign-ins left out. */
  readonly calls: number;
  readonly people: number;
  readonly totalCount: number;
}

export interface MatrixRun {
  readonly store: "sqlite" | "postgres";
  readonly size: number;
  readonly delayMs: number;
  readonly accounts: number;
  readonly snapshotMs: number;
  readonly cases: readonly MatrixCase[];
  /** The machine's 1-minute load average when the timed runs began and ended (2 cores). */
  readonly load: readonly [number, number];
  /** Operations refused as overloaded and asked again. */
  readonly refusals: number;
  /** Every page of the unfiltered matrix, one after the other as the console scrolls. */
  readonly walk: { readonly pages: number; readonly totalMs: number; readonly calls: number };
}

async function takeSnapshot(gateway: Gateway): Promise<{ id: string; ms: number; accounts: number }> {
  let started = await gateway.mutate<{ takeSnapshot: { id: string } }>(`mutation { takeSnapshot { id } }`);
  while (JSON.stringify(started.errors ?? []).includes("SERVER_OVERLOADED")) {
    await new Promise((r) => setTimeout(r, 1000));
    started = await gateway.mutate<{ takeSnapshot: { id: string } }>(`mutation { takeSnapshot { id } }`);
  }
  const id = started.data?.takeSnapshot.id;
  if (!id) throw new Error(`takeSnapshot failed: ${JSON.stringify(started.errors).slice(0, 300)}`);
  for (;;) {
    await new Promise((r) => setTimeout(r, 250));
    const { data, errors } = await gateway.query<{
      snapshot: { status: string; startedAt: string; finishedAt: string | null; accountCount: number };
    }>(`query($id: ID!) { snapshot(id: $id) { status startedAt finishedAt accountCount } }`, { id });
    if (JSON.stringify(errors ?? []).includes("SERVER_OVERLOADED")) continue;
    if (!data || errors) throw new Error(`snapshot(id:) failed: ${JSON.stringify(errors).slice(0, 300)}`);
    const s = data.snapshot;
    if (s.status === "RUNNING") continue;
    if (s.status !== "COMPLETE") throw new Error(`snapshot ended ${s.status}`);
    return { id, ms: Date.parse(s.finishedAt as string) - Date.parse(s.startedAt), accounts: s.accountCount };
  }
}

const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

/** Operations the gateway refused as overloaded (event loop lagging past server.overload): asked
 *  again after a second, and counted, on a machine other work loads too. */
let refusals = 0;

async function ask<T>(gateway: Gateway, query: string, variables?: Record<string, unknown>) {
  for (;;) {
    const answer = await gateway.query<T>(query, variables);
    if (!JSON.stringify(answer.errors ?? []).includes("SERVER_OVERLOADED")) return answer;
    refusals++;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** `runs` timed asks of one operation, after one untimed; its calls counted over the timed ones. */
async function timed<T>(
  sims: Simulators,
  gateway: Gateway,
  query: string,
  variables: Record<string, unknown>,
  runs: number,
  check: (data: T) => { people: number; totalCount: number },
) {
  const first = await ask<T>(gateway, query, variables);
  if (!first.data || first.errors) throw new Error(`failed: ${JSON.stringify(first.errors).slice(0, 300)}`);
  await sims.clearLogs();
  const times: number[] = [];
  let shape = check(first.data);
  for (let i = 0; i < runs; i++) {
    const before = refusals;
    const t = performance.now();
    const { data, errors } = await ask<T>(gateway, query, variables);
    // A refused ask waited a second before the one answered: not this operation's time.
    if (refusals === before) times.push(performance.now() - t);
    if (!data || errors) throw new Error(`failed: ${JSON.stringify(errors).slice(0, 300)}`);
    shape = check(data);
  }
  return {
    runs: times.length,
    minMs: Math.min(...times),
    medianMs: percentile(times, 50),
    p95Ms: percentile(times, 95),
    maxMs: Math.max(...times),
    calls: total(await sims.counts()),
    ...shape,
  };
}

const ofMatrix = (data: MatrixAnswer) => {
  if (!data.accessMatrix) throw new Error("accessMatrix answered null: no snapshot");
  return { people: data.accessMatrix.nodes.length, totalCount: data.accessMatrix.totalCount };
};

async function measure(
  sims: Simulators,
  place: StorePlace,
  size: number,
  delayMs: number,
  log: (line: string) => void,
): Promise<MatrixRun> {
  const gateway = await startGateway(sims, { batching: true, ...(place.url ? { storeUrl: place.url } : {}) });
  try {
    await sims.latency(0);
    const warm = await ask(gateway, `{ users(first: 1) { nodes { id } } }`);
    if (warm.errors) throw new Error(`warm-up failed: ${JSON.stringify(warm.errors).slice(0, 300)}`);
    const snapshot = await takeSnapshot(gateway);
    log(`    ${place.engine}: snapshot of ${snapshot.accounts} accounts in ${snapshot.ms} ms`);
    // Vendors answer as slowly as the run's delay from here on: the live page pays it, the matrix must not.
    await sims.latency(delayMs);
    const loadBefore = loadavg()[0] as number;
    refusals = 0;

    const firstPage = await ask<MatrixAnswer>(gateway, ACCESS_MATRIX, { first: PAGE });
    const matrix = firstPage.data?.accessMatrix;
    if (!matrix) throw new Error(`accessMatrix failed: ${JSON.stringify(firstPage.errors).slice(0, 300)}`);
    const middle = await ask<MatrixAnswer>(
      gateway,
      `query($n: Int!) { accessMatrix(first: $n) { pageInfo { endCursor } } }`,
      { n: Math.floor(matrix.totalCount / 2) },
    );
    const deep = middle.data?.accessMatrix?.pageInfo.endCursor;
    // A word of a name on the first page: a search that finds some, not all.
    const word = matrix.nodes[Math.min(10, matrix.nodes.length - 1)]?.displayName.split(" ").at(-1) ?? "a";
    const source = Object.keys(sims.sources)[0] as string;
    const cases: Array<[string, Record<string, unknown>]> = [
      ["first page", { first: PAGE }],
      ["a page halfway (keyset)", { first: PAGE, after: deep }],
      [`search "${word}"`, { first: PAGE, filter: { search: word } }],
      ["highest level at least ADMIN", { first: PAGE, filter: { highestLevel: "ADMIN" } }],
      [`an account in ${source}`, { first: PAGE, filter: { sources: [source] } }],
    ];
    const rows: MatrixCase[] = [];
    for (const [name, variables] of cases)
      rows.push({
        store: place.engine,
        name: `accessMatrix: ${name}`,
        ...(await timed(sims, gateway, ACCESS_MATRIX, variables, RUNS, ofMatrix)),
      });

    // Every page, one after the other, as scrolling the console to the end would ask for them.
    await sims.clearLogs();
    let after: string | null = null;
    let pages = 0;
    const walkStart = performance.now();
    for (;;) {
      const answer: GraphQLAnswer<MatrixAnswer> = await ask<MatrixAnswer>(gateway, ACCESS_MATRIX, {
        first: PAGE,
        after,
      });
      const page = answer.data?.accessMatrix;
      if (!page || answer.errors)
        throw new Error(`walk failed: ${JSON.stringify(answer.errors).slice(0, 300)}`);
      pages++;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    const walk = { pages, totalMs: performance.now() - walkStart, calls: total(await sims.counts()) };

    rows.push({
      store: place.engine,
      name: "people (live), first page",
      ...(await timed<{ people: { totalCount: number; nodes: unknown[] } }>(
        sims,
        gateway,
        PEOPLE,
        { first: PAGE },
        LIVE_RUNS,
        (d) => ({ people: d.people.nodes.length, totalCount: d.people.totalCount }),
      )),
    });
    for (const r of rows)
      log(
        `    ${place.engine}: ${r.name}: min ${fmt(r.minMs)} ms, median ${fmt(r.medianMs)} ms, ${r.calls} upstream calls`,
      );
    return {
      store: place.engine,
      size,
      delayMs,
      accounts: snapshot.accounts,
      snapshotMs: snapshot.ms,
      cases: rows,
      walk,
      load: [loadBefore, loadavg()[0] as number],
      refusals,
    };
  } finally {
    await gateway.child.stop();
  }
}

/** Scenario 11 at `size` accounts per source, into SQLite and (when it answers) PostgreSQL. */
export async function matrixPages(
  size: number,
  delayMs: number,
  postgresUrl: string | null,
  log: (line: string) => void,
): Promise<MatrixRun[]> {
  log(`  the people matrix at ${size} accounts per source, ${delayMs} ms per upstream answer…`);
  const sims = await startSimulators(size);
  const runs: MatrixRun[] = [];
  try {
    const places = [sqlitePlace(), ...(postgresUrl ? [await postgresPlace(postgresUrl, log)] : [])];
    for (const place of places) {
      if (!place) continue;
      try {
        runs.push(await measure(sims, place, size, delayMs, log));
      } finally {
        await place.drop();
      }
    }
  } finally {
    await sims.stop();
  }
  return runs;
}

export function matrixTable(runs: readonly MatrixRun[]): string {
  return table(
    [
      "store",
      "operation (200 people a page)",
      "runs",
      "min ms",
      "median ms",
      "p95 ms",
      "max ms",
      "upstream calls",
      "people on the page",
      "of",
    ],
    runs.flatMap((run) =>
      run.cases.map((c) => [
        c.store,
        c.name,
        c.runs,
        fmt(c.minMs),
        fmt(c.medianMs),
        fmt(c.p95Ms),
        fmt(c.maxMs),
        c.calls,
        c.people,
        c.totalCount,
      ]),
    ),
  );
}

export function matrixWalkTable(runs: readonly MatrixRun[]): string {
  return table(
    [
      "store",
      "accounts in the snapshot",
      "snapshot ms",
      "pages of 200",
      "every page, one after another, ms",
      "ms per page",
      "upstream calls",
      "load average (1 min) before / after",
      "asks refused as overloaded",
    ],
    runs.map((r) => [
      r.store,
      r.accounts,
      r.snapshotMs,
      r.walk.pages,
      fmt(r.walk.totalMs, 0),
      fmt(r.walk.totalMs / r.walk.pages),
      r.walk.calls,
      `${fmt(r.load[0], 1)} / ${fmt(r.load[1], 1)}`,
      r.refusals,
    ]),
  );
}
