/**
 * Benchmark child: the real gateway (src/main.ts, same argv), plus benchmark-only hooks on SIGUSR2:
 * - it runs a last-resort garbage collection and prints `MEM {...}`, so memory can be compared
 *   after collection (what is really retained) rather than at whatever point V8 last collected
 *   (started with --expose-gc);
 * - with BENCH_RECORD_CALLS=1 it prints `CALLS [...]` instead: every upstream request since the
 *   last signal (method, URL, headers, when it left and when its answer was in), observed through
 *   Node's http diagnostics channels, so `lib/replay.ts` can replay exactly those calls.
 */
import { subscribe } from "node:diagnostics_channel";
import type { ClientRequest } from "node:http";
import "../../src/main.js";
import type { RecordedCall } from "../lib/replay.js";

const recording = process.env.BENCH_RECORD_CALLS === "1";
let calls: RecordedCall[] = [];
const byRequest = new WeakMap<ClientRequest, RecordedCall>();
if (recording) {
  subscribe("http.client.request.start", (message) => {
    const { request } = message as { request: ClientRequest };
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.getHeaders())) headers[name] = String(value);
    const call = {
      method: request.method,
      url: `${request.protocol}//${headers.host}${request.path}`,
      headers,
      sentAt: performance.now(),
    };
    byRequest.set(request, call);
    calls.push(call);
  });
  subscribe("http.client.response.finish", (message) => {
    const call = byRequest.get((message as { request: ClientRequest }).request);
    if (call) call.answeredAt = performance.now();
  });
}

type Gc = (options?: { type: "major"; execution: "sync"; flavor: "last-resort" }) => void;
const gc = (globalThis as { gc?: Gc }).gc;
process.on("SIGUSR2", () => {
  if (recording) {
    process.stdout.write(`CALLS ${JSON.stringify(calls)}\n`);
    calls = [];
    return;
  }
  // A last-resort collection (what V8 runs under memory pressure) also shrinks the young generation
  // and hands V8's page pool back to the OS: freed pages otherwise stay resident for 8 s
  // (`--memory-pool-timeout`, Node 24+), and RSS read right after a load run measured that pool
  // (~150-250 MiB of it) rather than what the process retains.
  gc?.({ type: "major", execution: "sync", flavor: "last-resort" });
  const m = process.memoryUsage();
  process.stdout.write(`MEM ${JSON.stringify(m)}\n`);
});
