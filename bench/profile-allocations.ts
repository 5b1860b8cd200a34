/**
 * `node dist-bench/bench/profile-allocations.js [mid|directory] [operations] [connections]`: what
 * one operation allocates, and where. The gateway samples every allocation (collected ones too)
 * while it answers the given number of operations after a warm-up; this prints the bytes allocated
 * per operation, by package and by function (self), from the sampled profile. Allocation, not
 * what is retained: young-generation garbage is what sets a replica's peak RSS under load
 * (bench/README.md, "A replica's memory").
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { type CallFrame, functionOf, packageOf } from "./lib/profile-frames.js";
import { DIRECTORY, MID_SIZED } from "./lib/queries.js";
import { startGateway, startSimulators } from "./lib/stack.js";

interface SamplingNode {
  callFrame: CallFrame;
  selfSize: number;
  children: SamplingNode[];
}

const which = process.argv[2] === "directory" ? "directory" : "mid";
const operations = Number(process.argv[3] ?? 100);
const connections = Number(process.argv[4] ?? 1);
const file = join(mkdtempSync(join(tmpdir(), "rollcall-alloc-")), "allocations.heapprofile");
const sims = await startSimulators(50);
const gateway = await startGateway(sims, { batching: true, allocationProfile: file });
const query = which === "mid" ? MID_SIZED : DIRECTORY;
const body = JSON.stringify({ query });
// The profile samples from the process's start, so a warm-up's one-off costs (compiling, first
// caches) are in it: they are counted as operations and spread over many, a small share of each.
const WARM_UP = 3;
for (let i = 0; i < WARM_UP; i++) await gateway.query(query);
const result = await autocannon({
  url: gateway.url,
  method: "POST",
  headers: { "content-type": "application/json" },
  body,
  connections,
  amount: operations,
});
await gateway.child.nextLine(/^ALLOCATIONS /, "SIGUSR2");
await gateway.child.stop();
await sims.stop();

const profile = JSON.parse(readFileSync(file, "utf8")) as { head: SamplingNode };
const byFunction = new Map<string, number>();
const byPackage = new Map<string, number>();
let total = 0;
const visit = (node: SamplingNode) => {
  if (node.selfSize > 0) {
    total += node.selfSize;
    const key = functionOf(node.callFrame);
    byFunction.set(key, (byFunction.get(key) ?? 0) + node.selfSize);
    const pkg = packageOf(node.callFrame, true);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + node.selfSize);
  }
  for (const child of node.children) visit(child);
};
visit(profile.head);
const answered = result.requests.total + WARM_UP;
const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(2);
const top = (m: Map<string, number>, n: number) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(
      ([k, v]) =>
        `${mib(v / answered).padStart(7)} MiB/op ${((v / total) * 100).toFixed(1).padStart(5)}%  ${k}`,
    )
    .join("\n");
console.log(
  `${which}: ${answered} operations (${result.non2xx} not 2xx), ${mib(total / answered)} MiB allocated per operation (sampled)\n` +
    `\nby package:\n${top(byPackage, 25)}\n\nby function (self):\n${top(byFunction, 40)}\n\nprofile: ${file}`,
);
