import type { FastifyBaseLogger } from "fastify";
import type { RollcallConfig } from "./config/config-schema.js";
import { Gateway } from "./gateway.js";
import { createServer, GRAPHQL_PATH, type RollcallServer } from "./server/create-server.js";
import { Metrics } from "./server/metrics.js";
import { VERSION } from "./version.js";

export interface RunningRollcall {
  /** The GraphQL endpoint URL. */
  readonly url: string;
  readonly origin: string;
  readonly server: RollcallServer;
  readonly gateway: Gateway;
  close(): Promise<void>;
}

export interface StartOptions {
  readonly graphiqlHeaders?: Record<string, string>;
  /** Where JSON log lines go (default stdout); tests pass a stream to read them. */
  readonly logStream?: NodeJS.WritableStream;
}

/** Builds the gateway from config and starts serving. Used by main.ts, the demo, tests and benchmarks. */
export async function startRollcall(
  config: RollcallConfig,
  options: StartOptions = {},
): Promise<RunningRollcall> {
  const metrics = new Metrics();
  // The server's logger, once it exists: connectors are built before the server that logs for them.
  let log: FastifyBaseLogger | undefined;
  const gateway = Gateway.fromConfig(config, {
    observe: (event) => {
      metrics.observeUpstream(event);
      log?.debug({ upstream: event }, "upstream request");
    },
    onCircuitChange: (change) => {
      metrics.observeCircuit(change);
      if (change.open)
        log?.warn({ circuit: change }, "source keeps failing: not asked until the cooldown ends");
      else log?.info({ circuit: change }, "source answers again");
    },
  });
  // Every source's gauge exists from the start, so "is any circuit open" is a query, not an absence.
  for (const source of config.sources) metrics.observeCircuit({ sourceId: source.id, open: false });
  const server = await createServer({
    config,
    gateway,
    metrics,
    version: VERSION,
    graphiqlHeaders: options.graphiqlHeaders,
    logStream: options.logStream,
  });
  log = server.app.log;
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
