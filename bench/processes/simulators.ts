/**
 * Benchmark child: one vendor's simulator (argv[3], a registry kind; all of them when omitted) with
 * N generated users (argv[2]), on loopback. Prints `READY {"<kind>": {"url": ..., "source": {...}}}`
 * and then serves until killed. Latency, faults and request logs are controlled over each
 * simulator's /__sim/ admin routes.
 */
import type { SimServer } from "../../src/simulator/sim-server.js";
import { vendors } from "../../src/vendors/registry.js";

const users = Number(process.argv[2] ?? 50);
const only = process.argv[3];
const ready: Record<string, { url: string; source: Record<string, unknown> }> = {};
const servers: SimServer[] = [];
for (const vendor of vendors.filter((v) => !only || v.kind === only)) {
  const sim = vendor.simulator.create({ users });
  const url = await sim.start();
  servers.push(sim);
  ready[vendor.kind] = { url, source: vendor.simulator.demoSource(url, vendor.kind) };
}
process.stdout.write(`READY ${JSON.stringify(ready)}\n`);
process.once("SIGTERM", async () => {
  await Promise.all(servers.map((s) => s.stop()));
  process.exit(0);
});
