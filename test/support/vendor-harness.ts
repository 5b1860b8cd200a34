import type { SourceConfig } from "../../src/config/config-schema.js";
import { parseConfig } from "../../src/config/load-config.js";
import { SourceSession } from "../../src/loaders/source-session.js";
import type { SourceError } from "../../src/model/errors.js";
import type { SimServer } from "../../src/simulator/sim-server.js";
import { connect } from "../../src/vendors/capabilities.js";
import type { Connector, ProbeResult } from "../../src/vendors/connector.js";
import type { VendorModule } from "../../src/vendors/vendor-module.js";

export interface VendorHarness {
  readonly sim: SimServer;
  readonly config: SourceConfig;
  readonly connector: Connector;
  /** A fresh per-request scope (as one GraphQL operation would get). */
  session(): SourceSession;
  stop(): Promise<void>;
}

/** Starts a vendor's simulator and a connector configured against it, as the demo does. */
export async function startVendor(
  vendor: VendorModule,
  options: { users?: number; id?: string; overrides?: Record<string, unknown> } = {},
): Promise<VendorHarness> {
  const sim = vendor.simulator.create({ users: options.users ?? 30 });
  const url = await sim.start();
  const entry = {
    ...vendor.simulator.demoSource(url, options.id ?? "src"),
    retryBaseDelayMs: 10,
    ...options.overrides,
  };
  const config = parseConfig({ sources: [entry] }).sources[0] as SourceConfig;
  const connector = connect(vendor, config);
  return {
    sim,
    config,
    connector,
    session: () => new SourceSession(connector),
    async stop() {
      await connector.close();
      await sim.stop();
    },
  };
}

/** Probes a vendor's source with the given auth (default: the demo account's) and lists the calls
 *  that reached its simulator. */
export async function probeAs(
  vendor: VendorModule,
  auth?: Record<string, unknown>,
): Promise<{ result: ProbeResult | SourceError; calls: string[] }> {
  const h = await startVendor(vendor, { users: 1, ...(auth && { overrides: { auth } }) });
  try {
    const result = await h.connector.probe().catch((e: SourceError) => e);
    return { result, calls: h.sim.log.list().map((e) => `${e.method} ${e.path}`) };
  } finally {
    await h.stop();
  }
}
