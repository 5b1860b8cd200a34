/**
 * `node dist-bench/bench/profile.js [mid|directory] [seconds]`: runs the gateway under
 * `node --cpu-prof` while loading it with one query, then prints where its CPU time went
 * (self time by function, and by package). The .cpuprofile file opens in Chrome DevTools.
 */
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { type CallFrame, functionOf, packageOf } from "./lib/profile-frames.js";
import { DIRECTORY, MID_SIZED } from "./lib/queries.js";
import { startGateway, startSimulators } from "./lib/stack.js";

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  hitCount: number;
}

const which = process.argv[2] === "directory" ? "directory" : "mid";
const seconds = Number(process.argv[3] ?? 10);
const connections = Number(process.argv[4] ?? 8);
const dir = mkdtempSync(join(tmpdir(), "rollcall-prof-"));
const sims = await startSimulators(50);
const gateway = await startGateway(sims, {
  batching: true,
  nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${dir}`],
});
const body = JSON.stringify({ query: which === "mid" ? MID_SIZED : DIRECTORY });
const result = await autocannon({
  url: gateway.url,
  method: "POST",
  headers: { "content-type": "application/json" },
  body,
  connections,
  duration: seconds,
});
console.log(
  `${which}: ${result.requests.average.toFixed(0)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`,
);
await gateway.child.stop();
await sims.stop();

const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
if (!file) throw new Error("no profile written");
const profile = JSON.parse(readFileSync(join(dir, file), "utf8")) as { nodes: ProfileNode[] };
const total = profile.nodes.reduce((n, node) => n + node.hitCount, 0);
const byFunction = new Map<string, number>();
const byPackage = new Map<string, number>();
for (const node of profile.nodes) {
  const key = functionOf(node.callFrame);
  byFunction.set(key, (byFunction.get(key) ?? 0) + node.hitCount);
  const pkg = packageOf(node.callFrame);
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + node.hitCount);
}
const top = (m: Map<string, number>, n: number) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `${((v / total) * 100).toFixed(1).padStart(5)}%  ${k}`)
    .join("\n");
console.log(
  `\nby package:\n${top(byPackage, 15)}\n\nby function (self):\n${top(byFunction, 30)}\n\nprofile: ${join(dir, file)}`,
);
