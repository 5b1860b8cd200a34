/**
 * `node dist-bench/bench/timeline.js [directory|lookup] [delayMs] [runs]`: where an operation's time
 * goes with every simulator answering after a fixed delay. For each source, the median over the runs
 * of when its calls arrived at the simulator and were answered (ms after the query was sent), and of
 * the response; then the last run drawn call by call. A gap between one wave's answers and the next
 * wave's arrivals is gateway CPU on the critical path; so is the time after the last answer.
 */
import { DIRECTORY, LOOKUP } from "./lib/queries.js";
import { type Simulators, startGateway, startSimulators } from "./lib/stack.js";
import { percentile } from "./lib/stats.js";

interface Entry {
  method: string;
  path: string;
  receivedAt: number;
  answeredAt: number;
}
interface Call {
  source: string;
  path: string;
  at: number;
  answered: number;
}

const which = process.argv[2] === "lookup" ? "lookup" : "directory";
const delay = Number(process.argv[3] ?? 20);
const runs = Number(process.argv[4] ?? 15);
const query = which === "lookup" ? LOOKUP : DIRECTORY;

/** Every call the simulators logged since the last clear, on the orchestrator's clock. */
async function callsSince(sims: Simulators, sent: number): Promise<Call[]> {
  const calls: Call[] = [];
  for (const [kind, s] of Object.entries(sims.sources)) {
    const log = (await (await fetch(`${new URL(s.url).origin}/__sim/log`)).json()) as {
      timeOrigin: number;
      entries: Entry[];
    };
    for (const e of log.entries)
      calls.push({
        source: kind,
        path: `${e.method} ${e.path}`,
        at: log.timeOrigin + e.receivedAt - sent,
        answered: log.timeOrigin + e.answeredAt - sent,
      });
  }
  return calls.sort((a, b) => a.at - b.at);
}

/** Per source: first call's answer (wave 1), then the later calls' first arrival and last answer. */
function waves(calls: readonly Call[]) {
  const bySource = new Map<string, Call[]>();
  for (const c of calls) {
    const list = bySource.get(c.source);
    if (list) list.push(c);
    else bySource.set(c.source, [c]);
  }
  return new Map(
    [...bySource].map(([source, list]) => {
      const firstWaveEnd = Math.min(...list.map((c) => c.answered));
      const later = list.filter((c) => c.at > firstWaveEnd);
      const firstWave = list.filter((c) => c.at <= firstWaveEnd);
      return [
        source,
        {
          wave1Answered: Math.max(...firstWave.map((c) => c.answered)),
          wave2Arrived: later.length ? Math.min(...later.map((c) => c.at)) : Number.NaN,
          wave2LastArrived: later.length ? Math.max(...later.map((c) => c.at)) : Number.NaN,
          lastAnswered: Math.max(...list.map((c) => c.answered)),
        },
      ] as const;
    }),
  );
}

const sims = await startSimulators(50);
const gateway = await startGateway(sims, { batching: true });
try {
  for (let i = 0; i < 5; i++) await gateway.query(query);
  await sims.latency(delay);
  for (let i = 0; i < 3; i++) await gateway.query(query);
  const samples: Array<{ response: number; lastAnswer: number; perSource: ReturnType<typeof waves> }> = [];
  let last: Call[] = [];
  for (let run = 0; run < runs; run++) {
    await sims.clearLogs();
    const sent = performance.timeOrigin + performance.now();
    await gateway.query(query);
    const response = performance.timeOrigin + performance.now() - sent;
    last = await callsSince(sims, sent);
    samples.push({ response, lastAnswer: Math.max(...last.map((c) => c.answered)), perSource: waves(last) });
  }
  const median = (values: number[]) => percentile(values, 50).toFixed(1).padStart(7);
  console.log(
    `${which} at ${delay} ms per answer, medians over ${runs} runs (ms after the query was sent)\n`,
  );
  console.log("source        wave 1 answered  wave 2 arrived (first–last)  last answer");
  for (const source of samples[0]?.perSource.keys() ?? []) {
    const pick = (k: "wave1Answered" | "wave2Arrived" | "wave2LastArrived" | "lastAnswered") =>
      median(samples.map((s) => s.perSource.get(source)?.[k] ?? Number.NaN));
    console.log(
      `${source.padEnd(12)} ${pick("wave1Answered")}          ${pick("wave2Arrived")} – ${pick("wave2LastArrived")}        ${pick("lastAnswered")}`,
    );
  }
  const lastAnswer = samples.map((s) => s.lastAnswer);
  const response = samples.map((s) => s.response);
  console.log(
    `\nlast answer ${median(lastAnswer)}; response ${median(response)}; after the last answer ${median(response.map((r, i) => r - (lastAnswer[i] ?? 0)))}\n`,
  );
  console.log("the last run, call by call (one character per ms):");
  for (const c of last) {
    const bar = `${" ".repeat(Math.max(0, Math.round(c.at)))}${"█".repeat(Math.max(1, Math.round(c.answered - c.at)))}`;
    console.log(
      `${c.at.toFixed(1).padStart(6)} ${c.answered.toFixed(1).padStart(6)}  ${c.source.padEnd(12)} ${c.path.slice(0, 40).padEnd(40)} ${bar}`,
    );
  }
} finally {
  await gateway.child.stop();
  await sims.stop();
}
