/**
 * Benchmark child: the real gateway (src/main.ts, same argv), plus one benchmark-only hook —
 * on SIGUSR2 it runs a full garbage collection and prints `MEM {...}` — so memory can be compared
 * after collection (what is really retained) rather than at whatever point V8 last collected.
 * Started with --expose-gc.
 */
import "../../src/main.js";

const gc = (globalThis as { gc?: () => void }).gc;
process.on("SIGUSR2", () => {
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  process.stdout.write(`MEM ${JSON.stringify(m)}\n`);
});
