/**
 * `node dist-bench/bench/memory-flags.js [--rounds N] [--seconds S] [--query directory|mid] -- "<flags>" "<flags>" …`:
 * one replica over the five simulators (50 users each) under load, once per variant and round,
 * variants alternating; each variant's Node flags are added after the image's (V8 takes the last
 * of a flag). Prints per run the replica's peak RSS (sampled from /proc every 50 ms, and VmHWM),
 * its CPU per operation (/proc/<pid>/stat) and requests/s, then per variant the range. "" is the
 * image as it is. What the notes of bench/README.md ("A replica's memory") were measured with.
 */
import { readFileSync } from "node:fs";
import autocannon from "autocannon";
import { memoryOf } from "./lib/processes.js";
import { DIRECTORY, MID_SIZED } from "./lib/queries.js";
import { startGateway, startSimulators } from "./lib/stack.js";

const argv = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? (argv[i + 1] as string) : fallback;
};
const split = argv.indexOf("--");
const variants = split >= 0 ? argv.slice(split + 1) : [""];
const rounds = Number(option("rounds", "2"));
const seconds = Number(option("seconds", "8"));
const which = option("query", "directory");
const query = which === "mid" ? MID_SIZED : DIRECTORY;
const connections = which === "mid" ? 8 : 10;

/** User + system CPU of a process so far, in ms (clock ticks of 10 ms on Linux). */
const cpuMs = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
};

const sims = await startSimulators(50);
const results = new Map<string, { peak: number; cpu: number; rps: number }[]>();
for (let round = 0; round < rounds; round++)
  for (const flags of variants) {
    const gateway = await startGateway(sims, {
      batching: true,
      nodeArgs: flags.split(/\s+/).filter(Boolean),
    });
    const pid = gateway.child.process.pid as number;
    for (let i = 0; i < 10; i++) await gateway.query(query);
    let peak = 0;
    const sampler = setInterval(() => {
      peak = Math.max(peak, memoryOf(pid).rssMiB);
    }, 50);
    const before = cpuMs(pid);
    const result = await autocannon({
      url: gateway.url,
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query }),
      connections,
      duration: seconds,
    });
    clearInterval(sampler);
    const cpu = (cpuMs(pid) - before) / Math.max(1, result.requests.total);
    const hwm = memoryOf(pid).peakMiB;
    await gateway.child.stop();
    const run = { peak: Math.max(peak, hwm), cpu, rps: result.requests.average };
    results.set(flags, [...(results.get(flags) ?? []), run]);
    console.log(
      `round ${round + 1} [${flags || "image"}]: peak RSS ${peak.toFixed(0)} (VmHWM ${hwm.toFixed(0)}) MiB, ` +
        `${cpu.toFixed(1)} ms CPU per operation, ${result.requests.average.toFixed(1)} requests/s, ${result.non2xx} not 2xx`,
    );
  }
await sims.stop();

const range = (xs: number[], digits = 0) =>
  `${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)}`;
console.log(
  `\n| added to the image's flags | ${which}, ${connections} connections: peak RSS MiB | CPU ms per operation | requests/s |`,
);
console.log("| --- | --- | --- | --- |");
for (const [flags, runs] of results)
  console.log(
    `| ${flags ? `\`${flags}\`` : "nothing (the image)"} | ${range(runs.map((r) => r.peak))} | ${range(
      runs.map((r) => r.cpu),
      1,
    )} | ${range(
      runs.map((r) => r.rps),
      1,
    )} |`,
  );
