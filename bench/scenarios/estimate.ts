import "reflect-metadata";
import { readFileSync } from "node:fs";
import { getVariableValues, Kind, type OperationDefinitionNode, parse } from "graphql";
import { parseConfig } from "../../src/config/load-config.js";
import { rollcallSchema } from "../../src/schema/build-schema.js";
import { estimatorFor, fragmentsOf } from "../../src/server/limits/operation-estimate.js";
import { vendors } from "../../src/vendors/registry.js";
import { percentile } from "../lib/stats.js";

export interface EstimateRow {
  readonly operation: string;
  readonly cached: boolean;
  readonly upstreamCalls: number;
  readonly objects: number;
  readonly p50Us: number;
  readonly p99Us: number;
}

const PAGE = `{ totalCount edges { node {
    id displayName email active source { id kind }
    teams { nodes { name } } groups { nodes { name } } projects { nodes { name } }
    permissions { level role project { name } }
} } }`;
const FULL_PAGE = `query FullPage($first: Int = 1000) { users(first: $first) ${PAGE} }`;
const FULL_PAGE_LITERAL = `query FullPage { users(first: 1000) ${PAGE} }`;

/**
 * How long the gateway's estimate of an operation takes (server/limits/operation-estimate.ts), in
 * this process: the README's directory operation and a full directory page, each with variables
 * (worked out on every request) and without (worked out once per parsed document).
 */
export async function estimateTimes(runs = 5000): Promise<EstimateRow[]> {
  const config = parseConfig({
    sources: vendors.map((v) => v.simulator.demoSource("http://127.0.0.1:9", v.kind)),
  });
  const schema = await rollcallSchema();
  const estimator = estimatorFor(schema, config);
  const directory = readFileSync(
    new URL("../../../examples/operations/directory.graphql", import.meta.url),
    "utf8",
  );
  // Without variables an operation's estimate depends on its document alone: cached per document.
  const literal = directory
    .replace(/query Directory\([^)]*\)/, "query Directory")
    .replace("users(first: $first, after: $after, filter: $filter)", "users(first: 100)");
  const cases: Array<[string, string, boolean]> = [
    ["directory example (first: 100)", directory, false],
    ["directory example (first: 100)", literal, true],
    ["full directory page (first: 1000)", FULL_PAGE, false],
    ["full directory page (first: 1000)", FULL_PAGE_LITERAL, true],
  ];
  const rows: EstimateRow[] = [];
  for (const [name, source, cached] of cases) {
    const document = parse(source);
    const operation = document.definitions.find(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
    ) as OperationDefinitionNode;
    const fragments = fragmentsOf(document);
    const times: number[] = [];
    let last = { upstreamCalls: 0, objects: 0 };
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      // What the server does per request: coerce the variables, then estimate.
      const variables = operation.variableDefinitions?.length
        ? (getVariableValues(schema, operation.variableDefinitions, {}).coerced ?? {})
        : {};
      last = estimator.estimate(operation, fragments, variables) as typeof last;
      times.push((performance.now() - started) * 1000);
    }
    times.sort((a, b) => a - b);
    rows.push({
      operation: name,
      cached,
      upstreamCalls: last.upstreamCalls,
      objects: last.objects,
      p50Us: percentile(times, 50),
      p99Us: percentile(times, 99),
    });
  }
  return rows;
}

export function estimateTable(rows: readonly EstimateRow[]): string {
  const lines = [
    "| operation | variables | estimated upstream calls | estimated objects | p50 µs | p99 µs |",
    "| --- | --- | --- | --- | --- | --- |",
  ];
  for (const r of rows)
    lines.push(
      `| ${r.operation} | ${r.cached ? "none (cached per document)" : "worked out per request"} | ${r.upstreamCalls} | ${r.objects} | ${r.p50Us.toFixed(1)} | ${r.p99Us.toFixed(1)} |`,
    );
  return lines.join("\n");
}
