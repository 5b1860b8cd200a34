/**
 * `node dist-bench/bench/profile-snapshot.js [postgres|sqlite] [accounts per source]`: takes one
 * snapshot of the five simulators (20 ms per answer) with the gateway under `node --cpu-prof` and a
 * timer in it logging every event-loop gap over 50 ms (processes/loop-gaps.ts), then prints, for the
 * longest gaps, how much of each the gateway spent on the CPU and where: what holds its loop, and
 * what is the machine not running it (a gap with few samples). The .cpuprofile opens in DevTools.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startGateway, startSimulators } from "./lib/stack.js";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

const engine = process.argv[2] === "sqlite" ? "sqlite" : "postgres";
const size = Number(process.argv[3] ?? 5000);
const INTERVAL_US = 500;
const dir = mkdtempSync(join(tmpdir(), "rollcall-snapshot-profile-"));
const gapsFile = join(dir, "gaps.txt");
process.env.LOOP_GAPS_FILE = gapsFile;

const sims = await startSimulators(size);
await sims.latency(20);
let storeUrl: string | undefined;
let dropStore = async () => {};
if (engine === "postgres") {
  const { default: pg } = await import("pg");
  const adminUrl = process.env.ROLLCALL_BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const schema = `rollcall_profile_${process.pid}_${randomBytes(4).toString("hex")}`;
  await admin.query(`create schema "${schema}"`);
  const url = new URL(adminUrl);
  url.searchParams.set("options", `-c search_path=${schema}`);
  storeUrl = url.toString();
  dropStore = async () => {
    await admin.query(`drop schema if exists "${schema}" cascade`);
    await admin.end();
  };
}
const gateway = await startGateway(sims, {
  batching: true,
  ...(storeUrl ? { storeUrl } : {}),
  nodeArgs: [
    "--cpu-prof",
    `--cpu-prof-dir=${dir}`,
    `--cpu-prof-interval=${INTERVAL_US}`,
    "--import",
    new URL("./processes/loop-gaps.js", import.meta.url).pathname,
  ],
});
let window: [number, number] = [0, 0];
try {
  const warm = await gateway.query(`{ users(first: 1) { nodes { id } } }`);
  if (warm.errors) throw new Error(`warm-up failed: ${JSON.stringify(warm.errors).slice(0, 300)}`);
  const started = await gateway.mutate<{ takeSnapshot: { id: string } }>(`mutation { takeSnapshot { id } }`);
  const id = started.data?.takeSnapshot.id;
  if (!id) throw new Error(`takeSnapshot failed: ${JSON.stringify(started.errors).slice(0, 300)}`);
  const from = Number(process.hrtime.bigint() / 1000n);
  for (;;) {
    await new Promise((r) => setTimeout(r, 250));
    const { data } = await gateway.query<{ snapshot: { status: string } }>(
      `query($id: ID!) { snapshot(id: $id) { status } }`,
      { id },
    );
    if (data && data.snapshot.status !== "RUNNING") {
      window = [from, Number(process.hrtime.bigint() / 1000n)];
      console.log(
        `${engine}, ${size} accounts per source: ${data.snapshot.status} in ${Math.round((window[1] - from) / 1000)} ms`,
      );
      break;
    }
  }
} finally {
  await gateway.child.stop();
  await sims.stop();
  await dropStore();
}

const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
if (!file) throw new Error("no profile written");
const profile = JSON.parse(readFileSync(join(dir, file), "utf8")) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
let at = profile.startTime;
const samples = profile.samples.map((s, i): [number, number] => {
  at += profile.timeDeltas[i] ?? 0;
  return [at, s];
});
/** Where a sample's time went, by the innermost frame of Rollcall's own code or a package. */
function kind(id: number): string {
  const own = byId.get(id)?.callFrame;
  if (own?.functionName === "(garbage collector)") return "GC";
  if (own?.functionName === "(idle)") return "idle";
  for (let node: number | undefined = id; node !== undefined; node = parent.get(node)) {
    const url = byId.get(node)?.callFrame.url ?? "";
    const part = /dist-bench\/src\/([a-z-]+(?:\/http)?)/.exec(url)?.[1];
    if (part) return `src/${part}`;
  }
  const url = own?.url ?? "";
  return /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ?? (url.startsWith("node:") ? "node" : "native");
}
// The monotonic clock is the same for this process, the gateway's timer and its profiler.
const gaps = (existsSync(gapsFile) ? readFileSync(gapsFile, "utf8").trim().split("\n") : [])
  .map((line) => line.split(" ").map(Number) as [number, number])
  .filter(([start]) => start >= window[0] && start <= window[1])
  .sort((a, b) => b[1] - b[0] - (a[1] - a[0]));
const ms = (us: number) => Math.round(us / 1000);
let wall = 0;
let cpu = 0;
const kinds = new Map<string, number>();
for (const [i, [start, end]] of gaps.entries()) {
  const inGap = samples.filter(([t]) => t >= start && t <= end);
  const byKind = new Map<string, number>();
  for (const [, id] of inGap) byKind.set(kind(id), (byKind.get(kind(id)) ?? 0) + 1);
  const busy = inGap.length - (byKind.get("idle") ?? 0);
  wall += end - start;
  cpu += busy * INTERVAL_US;
  for (const [k, n] of byKind) kinds.set(k, (kinds.get(k) ?? 0) + n);
  if (i < 12)
    console.log(
      `gap ${ms(end - start)} ms, on the CPU ~${ms(busy * INTERVAL_US)} ms: ${[...byKind]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 5)
        .map(([k, n]) => `${k} ${ms(n * INTERVAL_US)}`)
        .join(", ")}`,
    );
}
console.log(
  `\n${gaps.length} gaps over 50 ms while the snapshot ran: ${ms(wall)} ms, on the CPU ~${ms(cpu)} ms — ${[
    ...kinds,
  ]
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${ms(n * INTERVAL_US)}`)
    .join(", ")}\nprofile: ${join(dir, file)}`,
);
