/**
 * The floor of this machine: one operation's upstream calls, recorded from the gateway, replayed
 * by a process that does nothing else (processes/replay.ts) — plain http.request and JSON.parse,
 * no GraphQL, no mapping, no loaders. Each call waits only for the calls of its source it really
 * came after (those answered before the gateway sent it), so the replay keeps the chain and
 * overlaps everything else.
 */
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Child, imageEnv, imageNodeArgs, startChild } from "./processes.js";
import { type Simulators, startGateway } from "./stack.js";

const DIST = new URL("../../", import.meta.url).pathname; // dist-bench/

/** One upstream call as processes/gateway.ts records it (answeredAt is set when its answer is in). */
export interface RecordedCall {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly sentAt: number;
  answeredAt?: number;
}

/** A call to replay: after every call of its source with a lower level has been answered. */
export interface ReplayCall {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly level: number;
}

/** Level 1 for a source's first calls; otherwise one more than the highest-level call of the same
 *  source that had been answered when this one was sent. */
export function levels(calls: readonly RecordedCall[]): ReplayCall[] {
  const answered = calls.filter(
    (c): c is RecordedCall & { answeredAt: number } => c.answeredAt !== undefined,
  );
  const origin = new Map(answered.map((c) => [c, new URL(c.url).origin]));
  const level = new Map<RecordedCall, number>();
  for (const call of [...answered].sort((a, b) => a.sentAt - b.sentAt)) {
    const before = answered.filter(
      (d) => d !== call && origin.get(d) === origin.get(call) && d.answeredAt <= call.sentAt,
    );
    level.set(call, 1 + Math.max(0, ...before.map((d) => level.get(d) ?? 1)));
  }
  return answered.map((c) => ({
    method: c.method,
    url: c.url,
    headers: c.headers,
    level: level.get(c) ?? 1,
  }));
}

/**
 * The longest chain of calls that waited on each other's answers, in round trips (the highest of
 * `levels`; 0 when no call was answered): at a fixed delay per answer, no gateway making these
 * calls can finish sooner than chain × delay.
 */
export function chainOf(calls: readonly RecordedCall[]): number {
  return Math.max(0, ...levels(calls).map((c) => c.level));
}

/** The upstream calls a gateway started with `recordCalls` made since it was last asked. */
export async function takeCalls(child: Child): Promise<RecordedCall[]> {
  const line = await child.nextLine(/^CALLS /, "SIGUSR2");
  return JSON.parse(line.slice("CALLS ".length)) as RecordedCall[];
}

/** What a replay does for one operation: the gateway's upstream calls, then the gateway's answer. */
export interface Recording {
  readonly calls: readonly ReplayCall[];
  /** The gateway's response body, sent back as is: both rows pay for moving the same bytes. */
  readonly answer: string;
}

/** The calls the gateway makes for `query`, recorded with the simulators at `delayMs` (so which
 *  call waited for which is plain), then the simulators set back to no delay. */
export async function recordCalls(sims: Simulators, query: string, delayMs: number): Promise<Recording> {
  const gateway = await startGateway(sims, { batching: true, recordCalls: true });
  try {
    await gateway.query(query); // logins and first reads
    await sims.latency(delayMs);
    await takeCalls(gateway.child); // forget those
    const result = await gateway.query(query);
    if (result.errors) throw new Error(`query failed: ${JSON.stringify(result.errors).slice(0, 300)}`);
    return {
      calls: levels(await takeCalls(gateway.child)),
      answer: JSON.stringify(result),
    };
  } finally {
    await sims.latency(0);
    await gateway.child.stop();
  }
}

export interface Replay {
  readonly child: Child;
  /** POST here (any body) to replay the calls once; answers when the last one has. */
  readonly url: string;
}

export async function startReplay(recording: Recording): Promise<Replay> {
  const file = join(tmpdir(), `rollcall-bench-${process.pid}-replay.json`);
  writeFileSync(file, JSON.stringify(recording));
  const child = await startChild(join(DIST, "bench/processes/replay.js"), [file], /^READY http:\/\//, {
    // As the gateway it is compared with.
    nodeArgs: imageNodeArgs(),
    env: imageEnv(),
  });
  return { child, url: child.ready.slice("READY ".length) };
}
