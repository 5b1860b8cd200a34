import { newApiKey } from "../server/api-keys.js";
import { demoTemplates } from "./demo-templates.js";
import type { DemoSimulators } from "./start-demo.js";

/** Where the demo keeps its memory (links, plans, the audit trail) between runs: gitignored. */
export const DEMO_STORE_URL = "file:./data/rollcall-demo.db";

/**
 * The demo's config: every simulator as a source, reads open, GraphiQL and introspection on, and a
 * fresh write key for mutations. All set explicitly, so the demo is the same under
 * NODE_ENV=production (the Docker image) as on a laptop: its data is simulated and its key
 * dies with the process.
 */
export function demoConfig(
  simulators: DemoSimulators,
  port?: number,
): { raw: Record<string, unknown>; writeKey: string } {
  const { key, sha256 } = newApiKey();
  return {
    writeKey: key,
    raw: {
      server: { graphiql: true, introspection: true, ...(port !== undefined && { port }) },
      auth: { apiKeys: [{ name: "demo-admin", scope: "write", sha256 }], anonymousReads: true },
      sources: simulators.sources,
      store: { url: DEMO_STORE_URL },
      templates: demoTemplates(simulators.sources.map((s) => String(s.id))),
    },
  };
}
