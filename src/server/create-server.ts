import { ApolloServer } from "@apollo/server";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";
import type { KeyValueCache } from "@apollo/utils.keyvaluecache";
import { fastifyApolloDrainPlugin, fastifyApolloHandler } from "@as-integrations/fastify";
import type { Tracer } from "@opentelemetry/api";
import Fastify, { type FastifyInstance, LogController } from "fastify";
import { GraphQLError } from "graphql";
import { registerAuditExport } from "../audit/export-route.js";
import type { RollcallConfig } from "../config/config-schema.js";
import type { Gateway } from "../gateway.js";
import { RequestContext } from "../loaders/request-context.js";
import { rollcallSchema } from "../schema/build-schema.js";
import { withServedRequest } from "../telemetry/served-request.js";
import { accessGuardPlugin } from "./access-guard.plugin.js";
import { registerAvatars } from "./avatars.js";
import type { CallerCounter } from "./callers/caller-limits.js";
import { registerCallers } from "./callers/register-callers.js";
import { closeConnectionsOnStop, type RequestsInFlight } from "./close-connections.js";
import { compiledExecutor } from "./compiled-executor.js";
import { registerConsole } from "./console.js";
import { documentCache } from "./document-cache.js";
import { registerExports } from "./exports/register-exports.js";
import { createErrorFormatter } from "./format-error.js";
import { registerGraphiql, wantsHtml } from "./graphiql.js";
import { registerGraphqlBodies } from "./graphql-bodies.js";
import { registerHealth } from "./health.js";
import { KnownOperationTypesRule } from "./known-operation-types.rule.js";
import { budgetFor } from "./limits/budget.js";
import { documentLimitRules } from "./limits/document-limits.js";
import { operationBoundsPlugin } from "./limits/operation-bounds.plugin.js";
import { estimatorFor, type OperationEstimator } from "./limits/operation-estimate.js";
import { responseSizeLimit } from "./limits/response-size.js";
import { loggerOptions } from "./logger.js";
import type { Metrics } from "./metrics.js";
import { metricsPlugin } from "./metrics.plugin.js";
import { registerOverloadShedding } from "./overload.js";
import { sourceErrorsPlugin } from "./source-errors.plugin.js";
import { tracingPlugin } from "./tracing.plugin.js";
import { wellFormedVariablesPlugin } from "./well-formed-variables.plugin.js";

export const GRAPHQL_PATH = "/graphql";

/** Why an operation whose client went away was cancelled (nobody reads it). */
const CLIENT_GONE = new GraphQLError("The client closed the request");

export interface ServerOptions {
  readonly config: RollcallConfig;
  readonly gateway: Gateway;
  readonly metrics: Metrics;
  readonly version: string;
  /** Headers pre-filled in GraphiQL (the demo's write key). */
  readonly graphiqlHeaders?: Record<string, string>;
  readonly logStream?: NodeJS.WritableStream;
  /** Where automatic persisted queries are kept (Redis, shared by replicas); absent: in memory. */
  readonly persistedQueries?: { readonly cache: KeyValueCache<string>; readonly ttlSeconds?: number };
  /** Traces operations (README "Observability"); absent: no spans, nothing propagated. */
  readonly tracer?: Tracer;
  /** Where callers' rate limits are counted (Redis, shared by replicas); absent: in this process. */
  readonly callerCounter?: CallerCounter;
}

export interface RollcallServer {
  readonly app: FastifyInstance;
  readonly apollo: ApolloServer<RequestContext>;
  /** What an operation is estimated to cost (server/limits/), as the server judges it. */
  readonly estimator: OperationEstimator;
  /** The HTTP requests received and not yet answered. */
  readonly requests: RequestsInFlight;
}

/** Fastify + Apollo Server 5: /graphql (GraphiQL for browsers), /console, /health, /metrics, /avatars. */
export async function createServer(options: ServerOptions): Promise<RollcallServer> {
  const { config, gateway, metrics } = options;
  // Per-request access logs are off: operations are counted in /metrics, failures logged as they happen.
  const app = Fastify({
    logger: loggerOptions(config.logging.level, options.logStream, gateway.secrets),
    logController: new LogController({ disableRequestLogging: true }),
  });
  // A stop waits for the answers in flight, never for a client that opened a connection and went quiet.
  const requests = closeConnectionsOnStop(app);
  // Before anything else: an overloaded process refuses new work at once.
  await registerOverloadShedding(app, config.server.overload, GRAPHQL_PATH);
  // Before any route: every request's origin, caller and rate limit are settled first.
  const callers = await registerCallers(app, config, GRAPHQL_PATH, { counter: options.callerCounter });

  // A federation subgraph serves the same schema with `_service` and `_entities` (README "Federation");
  // @apollo/subgraph is loaded only then (issue 17, a replica's memory).
  const schema = config.server.federation
    ? await (await import("../schema/federation/subgraph-schema.js")).rollcallSubgraphSchema()
    : await rollcallSchema();
  const { limits } = config.server;
  const estimator = estimatorFor(schema, config);
  const apollo = new ApolloServer<RequestContext>({
    gateway: compiledExecutor(schema, {
      operationTimeoutMs: config.server.operationTimeoutMs,
      compiledQueryCacheBytes: config.server.compiledQueryCacheBytes,
    }),
    documentStore:
      config.server.documentCacheBytes > 0 ? documentCache(config.server.documentCacheBytes) : null,
    // Bounds checked before anything runs (README "Limits"): the document's size and shape here,
    // its estimated cost once the operation is resolved (operationBoundsPlugin).
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules: [KnownOperationTypesRule, ...documentLimitRules(limits)],
    introspection: config.server.introspection,
    // No "Did you mean …?" suggestions while introspection is off: they would spell the schema out.
    hideSchemaDetailsFromClientErrors: !config.server.introspection,
    includeStacktraceInErrorResponses: false,
    ...(options.persistedQueries && {
      persistedQueries: { cache: options.persistedQueries.cache, ttl: options.persistedQueries.ttlSeconds },
    }),
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
      accessGuardPlugin(callers.policy),
      wellFormedVariablesPlugin,
      operationBoundsPlugin({ estimator, budgetFor: (caller) => budgetFor(caller, limits) }),
      sourceErrorsPlugin,
      metricsPlugin(metrics),
      ...(options.tracer ? [tracingPlugin(options.tracer)] : []),
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
    templates: config.templates,
    rosterFile: config.review.rosterFile,
  };
  const graphql = fastifyApolloHandler(apollo, {
    context: async (request, reply) => {
      const { caller, links } = callers.of(request);
      const context = new RequestContext(gateway, settings, caller, links);
      // A client that leaves before its answer: its operation's upstream calls are cancelled.
      reply.raw.once("close", () => {
        if (!reply.raw.writableFinished) context.control.cancel(CLIENT_GONE);
      });
      return context;
    },
  });
  const graphiql = config.server.graphiql
    ? registerGraphiql(app, { endpoint: GRAPHQL_PATH, defaultHeaders: options.graphiqlHeaders })
    : null;

  await app.register(async (scope) => {
    registerGraphqlBodies(scope);
    scope.route({
      method: ["GET", "POST", "OPTIONS"],
      url: GRAPHQL_PATH,
      onSend: responseSizeLimit(config.server.maxResponseBytes),
      // Everything done for the request (log lines, spans) knows which it is (telemetry/served-request.ts).
      handler: (request, reply) =>
        graphiql && wantsHtml(request)
          ? graphiql(request, reply)
          : withServedRequest({ requestId: request.id }, () => graphql.call(app, request, reply)),
    });
  });
  if (graphiql) app.get("/", (_request, reply) => reply.redirect(GRAPHQL_PATH));
  if (config.server.console) registerConsole(app);
  registerHealth(app, gateway, options.version, callers.readersOnly);
  registerAvatars(app, gateway, callers);
  // The audit trail says who changed what where: the same credentials as a GraphQL read.
  registerAuditExport(app, gateway.store.audit, callers.readersOnly);
  // Access reviews' exports read snapshots and the trail: the same credentials as a GraphQL read.
  registerExports(app, gateway, callers.readersOnly, { rosterFile: config.review.rosterFile });
  // Source ids, kinds and traffic are no secret but say what Rollcall is connected to: the same
  // credentials as a read (a Prometheus scrape job sends a read key as its bearer token).
  app.get("/metrics", { preHandler: callers.readersOnly }, async (_request, reply) =>
    reply.header("content-type", metrics.registry.contentType).send(await metrics.registry.metrics()),
  );
  return { app, apollo, estimator, requests };
}
