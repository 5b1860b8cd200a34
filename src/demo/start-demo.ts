import type { SimServer } from "../simulator/sim-server.js";
import { vendors } from "../vendors/registry.js";

export interface DemoSimulators {
  /** `sources[]` entries that reach the simulators (before validation). */
  readonly sources: Record<string, unknown>[];
  readonly simulators: ReadonlyMap<string, SimServer>;
  stop(): Promise<void>;
}

/** The source id a vendor gets in the demo: its kind. */
export const demoSourceId = (kind: string) => kind;

/** Starts every registered vendor's simulator on loopback with its seed data. */
export async function startDemoSimulators(
  options: { users?: number; host?: string } = {},
): Promise<DemoSimulators> {
  const simulators = new Map<string, SimServer>();
  const sources: Record<string, unknown>[] = [];
  for (const vendor of vendors) {
    const sim = vendor.simulator.create({ users: options.users });
    const url = await sim.start(0, options.host ?? "127.0.0.1");
    const id = demoSourceId(vendor.kind);
    simulators.set(id, sim);
    sources.push(vendor.simulator.demoSource(url, id));
  }
  return {
    sources,
    simulators,
    async stop() {
      await Promise.all([...simulators.values()].map((s) => s.stop()));
    },
  };
}
