/**
 * `node dist-bench/bench/timeline.js [directory|lookup] [delayMs]`: one operation against the
 * simulators with a fixed answer delay, drawn as a timeline per source — when each upstream call
 * arrived and was answered, relative to the moment the query was sent. Shows which calls overlap,
 * where the gateway spends CPU between waves, and how long it takes after the last answer.
 */
import { DIRECTORY, LOOKUP } from "./lib/queries.js";
import { startGateway, startSimulators } from "./lib/stack.js";

interface Entry {
  method: string;
  path: string;
  receivedAt: number;
  answeredAt: number;
}

const which = process.argv[2] === "lookup" ? "lookup" : "directory";
const delay = Number(process.argv[3] ?? 20);
const query = which === "lookup" ? LOOKUP : DIRECTORY;
const sims = await startSimulators(50);
const gateway = await startGateway(sims, { batching: true });
try {
  for (let i = 0; i < 5; i++) await gateway.query(query);
  await sims.latency(delay);
  for (let i = 0; i < 3; i++) await gateway.query(query);
  await sims.clearLogs();
  const sent = performance.timeOrigin + performance.now();
  await gateway.query(query);
  const done = performance.timeOrigin + performance.now() - sent;
  const rows: Array<{ source: string; path: string; at: number; answered: number }> = [];
  for (const [kind, s] of Object.entries(sims.sources)) {
    const log = (await (await fetch(`${new URL(s.url).origin}/__sim/log`)).json()) as {
      timeOrigin: number;
      entries: Entry[];
    };
    for (const e of log.entries)
      rows.push({
        source: kind,
        path: `${e.method} ${e.path}`,
        at: log.timeOrigin + e.receivedAt - sent,
        answered: log.timeOrigin + e.answeredAt - sent,
      });
  }
  rows.sort((a, b) => a.at - b.at);
  const scale = 1; // one character per ms
  for (const r of rows) {
    const bar = `${" ".repeat(Math.max(0, Math.round(r.at / scale)))}${"█".repeat(Math.max(1, Math.round((r.answered - r.at) / scale)))}`;
    console.log(
      `${r.at.toFixed(1).padStart(6)} ${r.answered.toFixed(1).padStart(6)}  ${r.source.padEnd(12)} ${r.path.slice(0, 40).padEnd(40)} ${bar}`,
    );
  }
  const last = Math.max(...rows.map((r) => r.answered));
  console.log(
    `\n${which}: ${rows.length} upstream calls; last answer at ${last.toFixed(1)} ms; response at ${done.toFixed(1)} ms (${(done - last).toFixed(1)} ms after the last answer)`,
  );
} finally {
  await gateway.child.stop();
  await sims.child.stop();
}
