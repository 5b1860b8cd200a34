import { getHeapStatistics } from "node:v8";
import underPressure from "@fastify/under-pressure";
import type { FastifyInstance } from "fastify";
import type { RollcallConfig } from "../config/config-schema.js";
import { ErrorCode } from "../model/errors.js";
import { refuse } from "./callers/refuse.js";

type OverloadSettings = RollcallConfig["server"]["overload"];

/**
 * Sheds load before it takes the process down: while the event loop lags or the heap nears V8's
 * limit (`server.overload`), new requests are answered 503 SERVER_OVERLOADED with `Retry-After`
 * at once, before any caller check or vendor call, and the work already running can finish.
 * `/health` keeps answering (it reports liveness; a load balancer's readiness should follow the 503s).
 */
export async function registerOverloadShedding(
  app: FastifyInstance,
  settings: OverloadSettings,
  graphqlPath: string,
): Promise<void> {
  const heapLimit = getHeapStatistics().heap_size_limit;
  await app.register(underPressure, {
    maxEventLoopDelay: settings.maxEventLoopDelayMs,
    maxHeapUsedBytes: Math.floor(heapLimit * settings.maxHeapUsedRatio),
    maxRssBytes: settings.maxRssBytes,
    sampleInterval: settings.sampleIntervalMs,
    // Answering here is the plugin's documented way; returning without an answer lets it through.
    pressureHandler: (request, reply, type) => {
      if (request.routeOptions.config.access === "open") return;
      reply.header("retry-after", settings.retryAfterSeconds);
      refuse(request, reply, graphqlPath, {
        status: 503,
        code: ErrorCode.SERVER_OVERLOADED,
        message: `Rollcall is overloaded (${type === "eventLoopDelay" ? "its event loop lags" : "its memory is near its limit"}); retry in ${settings.retryAfterSeconds} s`,
        retryAfter: settings.retryAfterSeconds,
      });
    },
  });
}
