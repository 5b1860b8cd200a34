/**
 * `npm run bench`: what batching buys, side by side with the naive way, and how close the gateway
 * gets to the floor. Prints the machine and markdown tables (see bench/README.md for how to read them).
 *   npm run bench             small sizes (50 and 100 users per source)
 *   npm run bench -- --full   50, 500 and 5,000 users per source and a 100,000-request memory run
 *   npm run bench -- --only estimate   how long the estimate of an operation takes
 *   npm run bench -- --only people,offboarding   what people cost upstream; offboarding's time
 *   npm run bench -- --only snapshot   a snapshot of 5 sources × 1,000 and 5,000 accounts: calls, time, memory
 *   npm run bench -- --only scale-out  1, 2 and 3 replicas on one Redis behind a round-robin balancer
 *   npm run bench -- --only matrix   one page of the console's people matrix at 5 × 5,000 accounts: time, upstream calls
 */
import { cpus, totalmem } from "node:os";
import { parseArgs } from "node:util";
import { latency, latencyTable } from "./scenarios/latency.js";
import { upstreamRequests, upstreamTable } from "./scenarios/upstream-requests.js";

const { values } = parseArgs({
  options: {
    full: { type: "boolean", default: false },
    delay: { type: "string" },
    only: { type: "string" },
  },
});
const full = values.full;
const sizes = full ? [50, 500, 5000] : [50, 100];
// 20 ms is the target's delay; the full run adds 100 ms, which shows whether the gateway's cost is
// added or multiplied (the small run stays under two minutes without it).
const delays = (values.delay ?? (full ? "20,100" : "20")).split(",").map(Number);
const only = values.only?.split(",");
const wanted = (name: string) => !only || only.includes(name);
const log = (line: string) => process.stderr.write(`${line}\n`);

const cpu = cpus();
console.log(`# Rollcall benchmarks (${full ? "full" : "small"} run)\n`);
console.log(
  `Machine: ${cpu.length} × ${cpu[0]?.model ?? "cpu"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${new Date().toISOString()}\n`,
);

if (wanted("upstream")) {
  log("1. upstream requests per operation");
  console.log("## 1. Upstream requests per directory operation\n");
  console.log(upstreamTable(await upstreamRequests(sizes, log)));
  console.log();
}
if (wanted("latency")) {
  log("2. latency against the critical path");
  console.log("## 2. Latency against the critical path (50 users per source)\n");
  const rows = [];
  for (const [i, delayMs] of delays.entries())
    rows.push(...(await latency(50, delayMs, full ? 60 : 15, log, { oneSlowSource: i === 0 })));
  console.log(latencyTable(rows));
  console.log();
}
if (wanted("people")) {
  log("7. people against the directory floor");
  const { peopleCalls, peopleTable } = await import("./scenarios/people.js");
  console.log("## 7. Upstream requests of people (50 users per source)\n");
  const { persons, rows } = await peopleCalls(50, log);
  console.log(peopleTable(rows));
  console.log(`\nOne page holds all ${persons} people, so its accounts are the directory's.`);
  console.log();
}
if (wanted("offboarding")) {
  log("8. offboarding against the critical path");
  const { offboarding, offboardingTable } = await import("./scenarios/offboarding.js");
  console.log(`## 8. Offboarding one person present in every source (${delays[0]} ms per answer)\n`);
  console.log(offboardingTable(await offboarding(full ? 200 : 50, delays[0] as number, full ? 40 : 15, log)));
  console.log();
}
if (wanted("snapshot")) {
  log("9. a snapshot at size");
  const { snapshots, snapshotCallsTable, snapshotMemoryTable, snapshotTable } = await import(
    "./scenarios/snapshot.js"
  );
  const postgres = process.env.ROLLCALL_BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  const runs = await snapshots([1000, 5000], delays[0] as number, postgres || null, log);
  console.log(`## 9. A snapshot of every source (${delays[0]} ms per answer)\n`);
  console.log(snapshotTable(runs));
  console.log("\nThe gateway's memory (MiB):\n");
  console.log(snapshotMemoryTable(runs));
  console.log("\nPer source:\n");
  console.log(snapshotCallsTable(runs));
  console.log();
}
if (wanted("matrix")) {
  log("11. the people matrix at 5 × 5,000 accounts");
  const { matrixPages, matrixTable, matrixWalkTable } = await import("./scenarios/matrix.js");
  const postgres = process.env.ROLLCALL_BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  const runs = await matrixPages(5000, delays[0] as number, postgres || null, log);
  console.log(
    `## 11. One page of the people matrix at 5 × 5,000 accounts (${delays[0]} ms per upstream answer)\n`,
  );
  console.log(matrixTable(runs));
  console.log("\nThe whole matrix, page after page:\n");
  console.log(matrixWalkTable(runs));
  console.log();
}
if (wanted("estimate")) {
  log("5. the estimate made before each operation");
  const { estimateTimes, estimateTable } = await import("./scenarios/estimate.js");
  console.log("## 5. The estimate made before each operation (in process)\n");
  console.log(estimateTable(await estimateTimes()));
  console.log();
}
if (wanted("throughput")) {
  log("3–4. throughput, overhead and memory");
  const { throughput, memoryTable, throughputTable } = await import("./scenarios/throughput.js");
  const connections = 8;
  const result = await throughput(
    { size: 50, seconds: full ? 20 : 5, connections, longRunRequests: full ? 100_000 : 2_000 },
    log,
  );
  console.log("## 3. Throughput of the mid-sized query (20 users per source with permissions, zero delay)\n");
  console.log(throughputTable(result.rows, connections));
  console.log("\n## 4. Gateway memory over a long run\n");
  console.log(memoryTable(result.memory));
  console.log();
}
if (wanted("scale-out")) {
  log("10. scale-out: 1, 2 and 3 replicas");
  const { scaleOut, scaleOutTable, callsTable, memoryTable, budgetTable, RSS_GOAL_MIB } = await import(
    "./scenarios/scale-out.js"
  );
  const connections = 10;
  const allowance = 300;
  const { runs, budget } = await scaleOut(
    {
      size: 50,
      replicas: [1, 2, 3],
      seconds: full ? 30 : 10,
      connections,
      redisUrl: process.env.ROLLCALL_BENCH_REDIS_URL ?? "redis://127.0.0.1:6379",
      allowance,
      budgetSeconds: 20,
    },
    log,
  );
  console.log("## 10. Scale-out: the directory query (50 users per source) through 1, 2 and 3 replicas\n");
  console.log(scaleOutTable(runs, connections));
  console.log("\nVendor calls per operation, per source (sign-ins left out):\n");
  console.log(callsTable(runs));
  console.log(`\nEach replica's memory under load (goal: peak RSS ≤ ${RSS_GOAL_MIB} MiB):\n`);
  console.log(memoryTable(runs));
  console.log(
    `\nEvery source limited to ${allowance} requests a minute (maxRequestsPerMinute), shared in Redis:\n`,
  );
  console.log(budgetTable(budget));
  console.log();
}
