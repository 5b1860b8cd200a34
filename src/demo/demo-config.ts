import { newApiKey } from "../server/api-keys.js";
import type { DemoSimulators } from "./start-demo.js";

/** The demo's config: every simulator as a source, reads open, and a fresh write key for mutations. */
export function demoConfig(
  simulators: DemoSimulators,
  port?: number,
): { raw: Record<string, unknown>; writeKey: string } {
  const { key, sha256 } = newApiKey();
  return {
    writeKey: key,
    raw: {
      ...(port !== undefined && { server: { port } }),
      auth: { apiKeys: [{ name: "demo-admin", scope: "write", sha256 }], anonymousReads: true },
      sources: simulators.sources,
    },
  };
}
