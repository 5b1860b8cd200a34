/**
 * Benchmark child: the real gateway (src/main.ts, same argv), plus benchmark-only hooks on SIGUSR2:
 * - it runs a last-resort garbage collection and prints `MEM {...}`, so memory can be compared
 *   after collection (what is really retained) rather than at whatever point V8 last collected
 *   (started with --expose-gc);
 * - with BENCH_RECORD_CALLS=1 it prints `CALLS [...]` instead: every upstream request since the
 *   last signal (method, URL, headers, when it left and when its answer was in), observed through
 *   Node's http diagnostics channels, so `lib/replay.ts` can replay exactly those calls;
 * - with BENCH_SAMPLE_MEMORY_MS=<ms> it reads `process.memoryUsage()` that often and adds to `MEM`
 *   the peaks since the last signal (`peak`) and the reading just before the collection (`beforeGc`),
 *   then starts the peaks again: what a snapshot holds at its worst, not only what it leaves behind;
 *   with them the event loop's longest delay since the last signal (`lagMaxMs`, and its p99);
 * - with BENCH_GC_EVERY_MS=<ms> it also runs a full collection that often and adds the highest heap
 *   read right after one (`afterMajorGc`: the live set while it runs);
 * - with BENCH_ALLOCATION_PROFILE=<file> it samples every allocation from start, collected ones
 *   included (V8's sampling heap profiler, which by default reports only what is still alive), and
 *   on SIGUSR2 writes the profile there and prints `ALLOCATIONS <file>` (`profile-allocations.ts`).
 */
import { subscribe } from "node:diagnostics_channel";
import { writeFileSync } from "node:fs";
import type { ClientRequest } from "node:http";
import { Session } from "node:inspector";
import { monitorEventLoopDelay } from "node:perf_hooks";
import "../../src/main.js";
import type { RecordedCall } from "../lib/replay.js";

const allocationProfile = process.env.BENCH_ALLOCATION_PROFILE;
const inspector = allocationProfile ? new Session() : undefined;
if (inspector) {
  inspector.connect();
  // One sample per 32 KiB allocated on average: fine enough to name the allocating functions of an
  // operation that allocates megabytes, cheap enough not to change what the load does.
  inspector.post("HeapProfiler.startSampling", {
    samplingInterval: 32 * 1024,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
}

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

const sampleEvery = Number(process.env.BENCH_SAMPLE_MEMORY_MS ?? 0);
let peak = { rss: 0, heapUsed: 0, heapTotal: 0, external: 0, arrayBuffers: 0, samples: 0 };
const resetPeak = () => {
  peak = { rss: 0, heapUsed: 0, heapTotal: 0, external: 0, arrayBuffers: 0, samples: 0 };
};
const lag = monitorEventLoopDelay({ resolution: 10 });
if (sampleEvery > 0) lag.enable();
// With BENCH_GC_EVERY_MS, a full collection that often and the heap right after it: the live set,
// which the sampled peaks hide under garbage not yet collected (a 64 MiB young generation, an old
// generation that grows before it is swept). The collections cost time: a run that reads this is
// not the one timed.
let afterMajorGc = { heapUsed: 0, collections: 0 };
const gcEvery = Number(process.env.BENCH_GC_EVERY_MS ?? 0);
if (sampleEvery > 0)
  setInterval(() => {
    const m = process.memoryUsage();
    peak = {
      rss: Math.max(peak.rss, m.rss),
      heapUsed: Math.max(peak.heapUsed, m.heapUsed),
      heapTotal: Math.max(peak.heapTotal, m.heapTotal),
      external: Math.max(peak.external, m.external),
      arrayBuffers: Math.max(peak.arrayBuffers, m.arrayBuffers),
      samples: peak.samples + 1,
    };
  }, sampleEvery).unref();

type Gc = (options?: { type: "major"; execution: "sync"; flavor?: "last-resort" }) => void;
const gc = (globalThis as { gc?: Gc }).gc;
if (gcEvery > 0)
  setInterval(() => {
    gc?.({ type: "major", execution: "sync" });
    afterMajorGc = {
      heapUsed: Math.max(afterMajorGc.heapUsed, process.memoryUsage().heapUsed),
      collections: afterMajorGc.collections + 1,
    };
  }, gcEvery).unref();
process.on("SIGUSR2", () => {
  if (inspector && allocationProfile) {
    inspector.post("HeapProfiler.stopSampling", (error, result) => {
      if (error) throw error;
      writeFileSync(allocationProfile, JSON.stringify(result.profile));
      process.stdout.write(`ALLOCATIONS ${allocationProfile}\n`);
    });
    return;
  }
  if (recording) {
    process.stdout.write(`CALLS ${JSON.stringify(calls)}\n`);
    calls = [];
    return;
  }
  // A last-resort collection (what V8 runs under memory pressure) also shrinks the young generation
  // and hands V8's page pool back to the OS: freed pages otherwise stay resident for 8 s
  // (`--memory-pool-timeout`, Node 24+), and RSS read right after a load run measured that pool
  // (~150-250 MiB of it) rather than what the process retains.
  const sampled =
    sampleEvery > 0
      ? {
          peak,
          afterMajorGc,
          beforeGc: process.memoryUsage(),
          lagMaxMs: lag.max / 1e6,
          lagP99Ms: lag.percentile(99) / 1e6,
        }
      : {};
  resetPeak();
  afterMajorGc = { heapUsed: 0, collections: 0 };
  lag.reset();
  gc?.({ type: "major", execution: "sync", flavor: "last-resort" });
  const m = process.memoryUsage();
  process.stdout.write(`MEM ${JSON.stringify({ ...m, ...sampled })}\n`);
});
