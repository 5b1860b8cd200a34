/**
 * `npm run fuzz` (also `npm run bench -- --only fuzz`): 10,000 generated requests (bench/lib/fuzz.ts)
 * against the real gateway in its own process, on the five simulators in theirs. Prints how each
 * kind was answered, any 5xx or dropped connection (there must be none), the slowest answers, and
 * the gateway's memory along the way (resident and its peak, from /proc) — bounded means the peak
 * stays flat once warm, whatever the requests ask for.
 *   node dist-bench/bench/fuzz.js [--cases 10000] [--seed 1]
 */
import "reflect-metadata";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { rollcallSchema } from "../src/schema/build-schema.js";
import { newApiKey } from "../src/server/api-keys.js";
import { FuzzGenerator, type FuzzOutcome, isFault, runCase } from "./lib/fuzz.js";
import { imageEnv, imageNodeArgs, memoryAfterGc, memoryOf, startChild } from "./lib/processes.js";
import { startSimulators } from "./lib/stack.js";
import { percentile } from "./lib/stats.js";

const { values } = parseArgs({
  options: { cases: { type: "string", default: "10000" }, seed: { type: "string", default: "1" } },
});
const cases = Number(values.cases);
const seed = Number(values.seed);
const log = (line: string) => process.stderr.write(`${line}\n`);

export async function fuzz(count: number, seedValue: number): Promise<string> {
  const sims = await startSimulators(50);
  const write = newApiKey();
  const read = newApiKey();
  const config = {
    server: {
      port: 0,
      host: "127.0.0.1",
      graphiql: false,
      ...(process.env.DOC_CACHE ? { documentCacheBytes: Number(process.env.DOC_CACHE) } : {}),
    },
    logging: { level: "info" }, // the start-up line (with the URL) is at info
    auth: {
      apiKeys: [
        { name: "fuzz-writer", scope: "write", sha256: write.sha256 },
        { name: "fuzz-reader", scope: "read", sha256: read.sha256 },
      ],
      anonymousReads: true,
    },
    // The fuzz measures the gateway, not its rate limiter (which would answer most cases 429).
    rateLimit: { enabled: false },
    sources: Object.values(sims.sources).map((s) => s.source),
  };
  const file = join(tmpdir(), `rollcall-fuzz-${process.pid}.json`);
  writeFileSync(file, JSON.stringify(config));
  const dist = new URL("../", import.meta.url).pathname;
  const gateway = await startChild(
    join(dist, "bench/processes/gateway.js"),
    ["--config", file],
    /"url":"http:\/\/[^"]+\/graphql"/,
    { nodeArgs: [...imageNodeArgs(), "--expose-gc"], env: { ...imageEnv(), NODE_ENV: "production" } },
  );
  const url = /"url":"(http:\/\/[^"]+\/graphql)"/.exec(gateway.ready)?.[1] as string;
  try {
    const seen = (await (
      await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          query:
            "{ users(first: 200) { edges { cursor node { id } } } projects(first: 50) { nodes { id } } groups(first: 50) { nodes { id } } }",
        }),
      })
    ).json()) as {
      data: {
        users: { edges: Array<{ cursor: string; node: { id: string } }> };
        projects: { nodes: Array<{ id: string }> };
        groups: { nodes: Array<{ id: string }> };
      };
    };
    const generator = new FuzzGenerator(
      await rollcallSchema(),
      {
        ids: [
          ...seen.data.users.edges.map((e) => e.node.id),
          ...seen.data.projects.nodes.map((p) => p.id),
          ...seen.data.groups.nodes.map((g) => g.id),
        ],
        cursors: seen.data.users.edges.map((e) => e.cursor),
        sources: Object.keys(sims.sources),
        writeKey: write.key,
        readKey: read.key,
      },
      seedValue,
    );
    const pid = gateway.process.pid as number;
    const outcomes: FuzzOutcome[] = [];
    const memory: Memory[] = [];
    const started = performance.now();
    for (let i = 1; i <= count; i++) {
      outcomes.push(await runCase(url, generator.case()));
      if (i % Math.ceil(count / 10) === 0 || i === count) {
        const before = memoryOf(pid);
        const collected = await memoryAfterGc(gateway);
        memory.push({ after: i, ...before, ...collected });
        log(`  ${i} / ${count}`);
      }
    }
    const seconds = (performance.now() - started) / 1000;
    return report(outcomes, memory, seconds, seedValue);
  } finally {
    await gateway.stop();
    await sims.stop();
  }
}

/** The gateway's memory at a checkpoint: resident (and its peak) as the run left it, then what a
 *  full garbage collection leaves: what it really retains. */
interface Memory {
  readonly after: number;
  readonly rssMiB: number;
  readonly peakMiB: number;
  readonly heapUsedMiB: number;
}

function report(
  outcomes: readonly FuzzOutcome[],
  memory: readonly Memory[],
  seconds: number,
  seedValue: number,
): string {
  const lines: string[] = [];
  const failed = outcomes.filter(isFault);
  lines.push(
    `${outcomes.length} requests (seed ${seedValue}, Node ${process.version}) in ${seconds.toFixed(1)} s: ${failed.length} answered 5xx or dropped.\n`,
  );
  lines.push("| kind | requests | answers (status code × count) | p50 ms | max ms |");
  lines.push("|---|---:|---|---:|---:|");
  const kinds = [...new Set(outcomes.map((o) => o.kind))].sort();
  for (const kind of kinds) {
    const mine = outcomes.filter((o) => o.kind === kind);
    const answers = new Map<string, number>();
    for (const o of mine) {
      const key = `${o.status}${o.code ? ` ${o.code}` : ""}`;
      answers.set(key, (answers.get(key) ?? 0) + 1);
    }
    const ms = mine.map((o) => o.ms).sort((a, b) => a - b);
    lines.push(
      `| ${kind} | ${mine.length} | ${[...answers].map(([k, n]) => `${k} × ${n}`).join(", ")} | ${percentile(ms, 50).toFixed(1)} | ${(ms.at(-1) ?? 0).toFixed(0)} |`,
    );
  }
  lines.push("\n| after request | gateway RSS MiB | peak RSS MiB | heap after a full GC MiB |");
  lines.push("|---:|---:|---:|---:|");
  for (const m of memory)
    lines.push(
      `| ${m.after} | ${m.rssMiB.toFixed(0)} | ${m.peakMiB.toFixed(0)} | ${m.heapUsedMiB.toFixed(1)} |`,
    );
  if (failed.length > 0) lines.push(`\nFailures: ${JSON.stringify(failed.slice(0, 20))}`);
  return lines.join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  log(`fuzz: ${cases} generated requests`);
  const text = await fuzz(cases, seed);
  console.log(`## Fuzz run\n\n${text}`);
  process.exitCode = /: 0 answered 5xx/.test(text) ? 0 : 1;
}
