import { ApolloServer } from "@apollo/server";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";
import { fastifyApolloDrainPlugin, fastifyApolloHandler } from "@as-integrations/fastify";
import Fastify, { type FastifyInstance, LogController } from "fastify";
import type { RollcallConfig } from "../config/config-schema.js";
import type { Gateway } from "../gateway.js";
import { RequestContext } from "../loaders/request-context.js";
import { rollcallSchema } from "../schema/build-schema.js";
import { accessGuardPlugin } from "./access-guard.plugin.js";
import { ApiKeys } from "./api-keys.js";
import { registerAvatars } from "./avatars.js";
import { compiledExecutor } from "./compiled-executor.js";
import { createErrorFormatter } from "./format-error.js";
import { registerGraphiql, wantsHtml } from "./graphiql.js";
import { registerHealth } from "./health.js";
import { KnownOperationTypesRule } from "./known-operation-types.rule.js";
import { loggerOptions } from "./logger.js";
import type { Metrics } from "./metrics.js";
import { metricsPlugin } from "./metrics.plugin.js";
import { sourceErrorsPlugin } from "./source-errors.plugin.js";
import { wellFormedVariablesPlugin } from "./well-formed-variables.plugin.js";

export const GRAPHQL_PATH = "/graphql";

export interface ServerOptions {
  readonly config: RollcallConfig;
  readonly gateway: Gateway;
  readonly metrics: Metrics;
  readonly version: string;
  /** Headers pre-filled in GraphiQL (the demo's write key). */
  readonly graphiqlHeaders?: Record<string, string>;
  readonly logStream?: NodeJS.WritableStream;
}

export interface RollcallServer {
  readonly app: FastifyInstance;
  readonly apollo: ApolloServer<RequestContext>;
}

/** Fastify + Apollo Server 5: /graphql (GraphiQL for browsers), /health, /metrics, /avatars. */
export async function createServer(options: ServerOptions): Promise<RollcallServer> {
  const { config, gateway, metrics } = options;
  // Per-request access logs are off: operations are counted in /metrics, failures logged as they happen.
  const app = Fastify({
    logger: loggerOptions(config.logging.level, options.logStream),
    logController: new LogController({ disableRequestLogging: true }),
  });
  const apollo = new ApolloServer<RequestContext>({
    gateway: compiledExecutor(await rollcallSchema()),
    introspection: config.server.introspection,
    validationRules: [KnownOperationTypesRule],
    // No "Did you mean …?" suggestions while introspection is off: they would spell the schema out.
    hideSchemaDetailsFromClientErrors: !config.server.introspection,
    includeStacktraceInErrorResponses: false,
    logger: app.log,
    formatError: createErrorFormatter((error) =>
      app.log.error(
        {
          err:
            error instanceof Error
              ? { name: error.name, message: error.message, stack: error.stack }
              : String(error),
        },
        "unexpected error in a resolver",
      ),
    ),
    plugins: [
      accessGuardPlugin({ anonymousReads: config.auth.anonymousReads }),
      wellFormedVariablesPlugin,
      sourceErrorsPlugin,
      metricsPlugin(metrics),
      ApolloServerPluginLandingPageDisabled(),
      // Rollcall sets no cache hints; the plugin would still visit every resolved field.
      ApolloServerPluginCacheControlDisabled(),
      fastifyApolloDrainPlugin(app),
    ],
  });
  await apollo.start();

  const settings = {
    maxPageSize: config.server.maxPageSize,
    batching: config.server.batching,
    countScanLimit: config.server.countScanLimit,
  };
  const keys = new ApiKeys(config.auth.apiKeys);
  const graphql = fastifyApolloHandler(apollo, {
    context: async (request) =>
      new RequestContext(gateway, settings, keys.identify(request.headers.authorization)),
  });
  const graphiql = config.server.graphiql
    ? registerGraphiql(app, { endpoint: GRAPHQL_PATH, defaultHeaders: options.graphiqlHeaders })
    : null;

  app.route({
    method: ["GET", "POST", "OPTIONS"],
    url: GRAPHQL_PATH,
    handler: (request, reply) =>
      graphiql && wantsHtml(request) ? graphiql(request, reply) : graphql.call(app, request, reply),
  });
  if (graphiql) app.get("/", (_request, reply) => reply.redirect(GRAPHQL_PATH));
  registerHealth(app, gateway, options.version);
  registerAvatars(app, gateway);
  app.get("/metrics", async (_request, reply) =>
    reply.header("content-type", metrics.registry.contentType).send(await metrics.registry.metrics()),
  );
  return { app, apollo };
}
