/**
 * Scenario 8: offboarding one person present in every source — the time to plan it and to apply it,
 * against the critical path of the vendor calls each made. Every simulator answers `delayMs` after
 * a request arrives; the gateway records its upstream calls (processes/gateway.ts), and the chain
 * of calls that waited on each other's answers (lib/replay.ts `chainOf`) × the delay is the least
 * time those calls take. Applying a plan twice changes nothing, so every run offboards a person
 * nobody offboarded yet: people with an active account in every source, found through the gateway.
 */
import { chainOf, takeCalls } from "../lib/replay.js";
import { type Gateway, type Simulators, startGateway, startSimulators } from "../lib/stack.js";
import { fmt, percentile, table } from "../lib/stats.js";

const MODES = ["DEACTIVATE", "REMOVE_ACCESS"] as const;

/** Runs per mode not measured: the first plans and applies of a process (sign-ins, JIT, the store's first writes). */
const WARM_UP = 2;

/** One measured mutation. */
export interface Sample {
  readonly ms: number;
  /** Upstream calls it made, sign-ins left out. */
  readonly calls: number;
  /** Round trips of its longest chain of dependent calls. */
  readonly chain: number;
}

export interface OffboardingRow {
  readonly operation: string;
  readonly delayMs: number;
  /** Steps of each run's plan, possible ones and those marked impossible; none for the lookup. */
  readonly steps: Array<{ readonly possible: number; readonly impossible: number }>;
  /** One per measured run. */
  readonly samples: Sample[];
}

interface PlanAnswer {
  id: string;
  steps: Array<{ possible: boolean }>;
}

interface ApplyAnswer {
  status: string;
  counts: { applied: number; skipped: number; failed: number };
}

const PLAN = `mutation($person: String!, $mode: OffboardingMode!) {
  planOffboarding(input: { person: $person, mode: $mode }) { id steps { possible } } }`;
const APPLY = `mutation($plan: ID!) {
  applyPlan(input: { plan: $plan }) { status counts { applied skipped failed } } }`;
/** Scenario 2's lookup of the same person: a read, timed beside each plan so the rows can be set
 *  against scenario 2's figures (and against the machine's load at the time). */
const LOOKUP = `query($person: String!) {
  usersByEmail(email: $person) { id active source { id } permissions { role level project { name } } } }`;
const LOOKUP_ROW = "usersByEmail with permissions of the same person (a read, for reference)";

/** Emails of people with an active account in every source (and one account in each). */
async function offboardable(gateway: Gateway, sources: readonly string[]): Promise<string[]> {
  const { data, errors } = await gateway.query<{
    people: {
      nodes: Array<{ emails: string[]; accounts: Array<{ active: boolean; source: { id: string } }> }>;
    };
  }>(`{ people(first: 1000) { nodes { emails accounts { active source { id } } } } }`);
  if (!data || errors) throw new Error(`people failed: ${JSON.stringify(errors).slice(0, 500)}`);
  return data.people.nodes
    .filter(
      (p) =>
        p.emails.length === 1 &&
        p.accounts.length === sources.length &&
        sources.every((s) => p.accounts.some((a) => a.source.id === s && a.active)),
    )
    .map((p) => p.emails[0] as string);
}

/** One operation, timed, with the calls the gateway made for it. */
async function measured<T>(
  sims: Simulators,
  gateway: Gateway,
  field: string,
  query: string,
  variables: Record<string, unknown>,
): Promise<{ answer: T; sample: Sample }> {
  await sims.clearLogs();
  await takeCalls(gateway.child); // forget what came before
  const started = performance.now();
  const { data, errors } = await gateway.mutate<Record<string, T>>(query, variables);
  const ms = performance.now() - started;
  const answer = data?.[field];
  if (!answer || errors) throw new Error(`${field} failed: ${JSON.stringify(errors).slice(0, 500)}`);
  const chain = chainOf(await takeCalls(gateway.child));
  const calls = Object.values(await sims.counts()).reduce((a, b) => a + b, 0);
  return { answer, sample: { ms, calls, chain } };
}

/**
 * Scenario 8: `runs` offboardings per mode, the modes taking turns run by run, each of a new person
 * (looked up first, planned, then applied).
 */
export async function offboarding(
  size: number,
  delayMs: number,
  runs: number,
  log: (line: string) => void,
): Promise<OffboardingRow[]> {
  log(`  offboarding at ${size} users per source, ${delayMs} ms per upstream answer, ${runs} runs per mode…`);
  const sims = await startSimulators(size);
  const gateway = await startGateway(sims, { batching: true, recordCalls: true });
  try {
    const people = await offboardable(gateway, Object.keys(sims.sources));
    const needed = MODES.length * (WARM_UP + runs);
    if (people.length < needed)
      throw new Error(
        `${people.length} people have an active account in every source at ${size} users per source; ${needed} are needed`,
      );
    await sims.latency(delayMs);
    const rows = new Map<string, OffboardingRow>(
      [...MODES.flatMap((mode) => [`plan ${mode}`, `apply ${mode}`]), LOOKUP_ROW].map((operation) => [
        operation,
        { operation, delayMs, steps: [], samples: [] },
      ]),
    );
    for (let run = 0; run < WARM_UP + runs; run++)
      for (const [m, mode] of MODES.entries()) {
        const person = people[run * MODES.length + m] as string;
        const lookup = await measured<unknown[]>(sims, gateway, "usersByEmail", LOOKUP, { person });
        const plan = await measured<PlanAnswer>(sims, gateway, "planOffboarding", PLAN, { person, mode });
        const apply = await measured<ApplyAnswer>(sims, gateway, "applyPlan", APPLY, {
          plan: plan.answer.id,
        });
        const { status, counts } = apply.answer;
        // A person already offboarded would make an apply with nothing to do: not what is measured.
        if (status !== "APPLIED" || counts.applied === 0 || counts.skipped > 0 || counts.failed > 0)
          throw new Error(`offboarding ${person} (${mode}) applied as ${status} ${JSON.stringify(counts)}`);
        if (run < WARM_UP) continue;
        const possible = plan.answer.steps.filter((s) => s.possible).length;
        const steps = { possible, impossible: plan.answer.steps.length - possible };
        for (const [operation, sample] of [
          [`plan ${mode}`, plan.sample],
          [`apply ${mode}`, apply.sample],
        ] as const) {
          rows.get(operation)?.steps.push(steps);
          rows.get(operation)?.samples.push(sample);
        }
        rows.get(LOOKUP_ROW)?.samples.push(lookup.sample);
      }
    return [...rows.values()];
  } finally {
    await gateway.child.stop();
    await sims.stop();
  }
}

/** "n" when every value is n, else "min–max". */
export const span = (values: readonly number[]): string => {
  const low = Math.min(...values);
  const high = Math.max(...values);
  return low === high ? String(low) : `${low}–${high}`;
};

/** A row's runs, each against its own critical path: two people's plans differ in steps and chain. */
export function summarize(row: Pick<OffboardingRow, "delayMs" | "samples">) {
  const path = row.samples.map((s) => s.chain * row.delayMs);
  const ms = row.samples.map((s) => s.ms);
  const above = row.samples.map((s, i) => s.ms - (path[i] as number));
  return {
    criticalPathMs: percentile(path, 50),
    p50: percentile(ms, 50),
    p95: percentile(ms, 95),
    ratio: percentile(
      row.samples.map((s, i) => s.ms / (path[i] as number)),
      50,
    ),
    aboveP50: percentile(above, 50),
    aboveP95: percentile(above, 95),
  };
}

export function offboardingTable(rows: readonly OffboardingRow[]): string {
  return table(
    [
      "operation",
      "runs",
      "steps (impossible)",
      "upstream calls",
      "chain (round trips)",
      "critical path ms (median)",
      "p50 ms",
      "p95 ms",
      "p50 of time ÷ own critical path",
      "time − own critical path, p50 / p95 ms",
    ],
    rows.map((r) => {
      const s = summarize(r);
      return [
        r.operation,
        r.samples.length,
        r.steps.length === 0
          ? "–"
          : `${span(r.steps.map((x) => x.possible + x.impossible))} (${span(r.steps.map((x) => x.impossible))})`,
        span(r.samples.map((x) => x.calls)),
        span(r.samples.map((x) => x.chain)),
        fmt(s.criticalPathMs, 0),
        fmt(s.p50),
        fmt(s.p95),
        fmt(s.ratio, 2),
        `${fmt(s.aboveP50)} / ${fmt(s.aboveP95)}`,
      ];
    }),
  );
}
