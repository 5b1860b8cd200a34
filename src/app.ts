import { readFileSync } from "node:fs";
import type { RollcallConfig } from "./config/config-schema.js";
import { Gateway } from "./gateway.js";
import { createServer, GRAPHQL_PATH, type RollcallServer } from "./server/create-server.js";
import { Metrics } from "./server/metrics.js";

export interface RunningRollcall {
  /** The GraphQL endpoint URL. */
  readonly url: string;
  readonly origin: string;
  readonly server: RollcallServer;
  readonly gateway: Gateway;
  close(): Promise<void>;
}

export const VERSION: string = (() => {
  try {
    return (
      JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }
    ).version;
  } catch {
    return "unknown";
  }
})();

/** Builds the gateway from config and starts serving. Used by main.ts, the demo, tests and benchmarks. */
export async function startRollcall(
  config: RollcallConfig,
  options: { graphiqlHeaders?: Record<string, string> } = {},
): Promise<RunningRollcall> {
  const metrics = new Metrics();
  const gateway = Gateway.fromConfig(config, { observe: metrics.observeUpstream });
  const server = await createServer({
    config,
    gateway,
    metrics,
    version: VERSION,
    graphiqlHeaders: options.graphiqlHeaders,
  });
  const address = await server.app.listen({ port: config.server.port, host: config.server.host });
  const origin = address.replace("0.0.0.0", "localhost").replace("[::]", "localhost");
  return {
    url: `${origin}${GRAPHQL_PATH}`,
    origin,
    server,
    gateway,
    async close() {
      await server.app.close();
      await gateway.close();
    },
  };
}
