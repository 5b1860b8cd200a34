/**
 * `node dist-bench/bench/stack-floor.js [seconds] [-- "<flags>"]`: the memory floor of the given stack. Starts
 * `processes/stack-floor.ts` (Fastify + Apollo Server with Rollcall's start-up libraries loaded,
 * none of Rollcall's code) with the Docker image's Node flags and allocator settings, and loads it
 * as scenario 10 loads a replica (10 connections): `{ hello }`, then 250 users with permissions
 * parsed per operation; Node flags after `--` are added after the image's (as memory-flags.ts does). Prints each run's peak RSS (sampled every 50 ms, and VmHWM) and the RSS
 * and heap after a last-resort collection at rest. bench/README.md ("A replica's memory") reads the
 * 150 MiB goal of issue 17 against it.
 */
import { join } from "node:path";
import autocannon from "autocannon";
import { imageEnv, imageNodeArgs, memoryOf, startChild } from "./lib/processes.js";

const DIST = new URL("../", import.meta.url).pathname; // dist-bench/
const argv = process.argv.slice(2);
const split = argv.indexOf("--");
const seconds = Number((split === 0 ? undefined : argv[0]) ?? 8);
const extraFlags =
  split >= 0
    ? argv
        .slice(split + 1)
        .join(" ")
        .split(/\s+/)
        .filter(Boolean)
    : [];
const queries = {
  "{ hello }": "{ hello }",
  "250 users × 5 permissions": "{ users { id displayName email active permissions { role level project } } }",
};
const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

console.log(`Node ${process.version}, flags: ${[...imageNodeArgs(), ...extraFlags].join(" ")}`);
console.log(
  "\n| query, 10 connections | requests/s | peak RSS MiB (sampled / VmHWM) | at rest after a last-resort GC: RSS / heap MiB |",
);
console.log("| --- | --- | --- | --- |");
for (const [label, query] of Object.entries(queries)) {
  const child = await startChild(join(DIST, "bench/processes/stack-floor.js"), [], /^READY http:\/\//, {
    nodeArgs: [...imageNodeArgs(), "--expose-gc", ...extraFlags],
    env: { ...imageEnv(), NODE_ENV: "production" },
  });
  const url = child.ready.slice("READY ".length);
  const pid = child.process.pid as number;
  const body = JSON.stringify({ query });
  const send = () =>
    autocannon({
      url,
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
      connections: 10,
      duration: seconds,
    });
  await autocannon({
    url,
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
    connections: 1,
    amount: 20,
  });
  let peak = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, memoryOf(pid).rssMiB);
  }, 50);
  const result = await send();
  clearInterval(sampler);
  const hwm = memoryOf(pid).peakMiB;
  const rest = JSON.parse((await child.nextLine(/^MEM /, "SIGUSR2")).slice(4)) as NodeJS.MemoryUsage;
  await child.stop();
  console.log(
    `| ${label} | ${result.requests.average.toFixed(0)} | ${peak.toFixed(0)} / ${hwm.toFixed(0)} | ${mib(rest.rss)} / ${mib(rest.heapUsed)} |`,
  );
}
