import type { FastifyInstance, preHandlerAsyncHookHandler } from "fastify";
import type { Gateway } from "../gateway.js";
import { SourceError } from "../model/errors.js";

/**
 * `/health`: liveness and readiness for orchestrators, open to all. It never calls a vendor: one
 * vendor being down must not take Rollcall out of rotation (the others still answer).
 * `/health/sources` checks every source live, for people and dashboards: it costs a call to
 * each vendor with Rollcall's credentials, so it takes the credentials a GraphQL read needs.
 */
export function registerHealth(
  app: FastifyInstance,
  gateway: Gateway,
  version: string,
  readersOnly: preHandlerAsyncHookHandler,
): void {
  app.get("/health", { config: { access: "open" } }, async () => ({
    status: "ok",
    version,
    sources: gateway.connectors.length,
  }));

  app.get("/health/sources", { preHandler: readersOnly }, async () => {
    const sources = await Promise.all(
      gateway.connectors.map(async (c) => {
        const started = performance.now();
        try {
          await c.probe();
          return {
            id: c.source.id,
            kind: c.source.kind,
            reachable: true,
            latencyMs: Math.round(performance.now() - started),
          };
        } catch (error) {
          const code = error instanceof SourceError ? error.code : "SOURCE_UNAVAILABLE";
          const message = error instanceof SourceError ? error.message : "failed unexpectedly";
          return { id: c.source.id, kind: c.source.kind, reachable: false, code, message };
        }
      }),
    );
    return { status: sources.every((s) => s.reachable) ? "ok" : "degraded", sources };
  });
}
