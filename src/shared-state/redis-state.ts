import { RateLimiterMemory, RateLimiterRedis } from "rate-limiter-flexible";
import type { RedisSettings } from "../config/redis-schema.js";
import { BUDGET_WINDOW_SECONDS } from "../vendors/http/request-budget.js";
import { SharedPersistedQueries } from "./persisted-queries.js";
import { openRedis, type RedisReport } from "./redis-connection.js";
import { locateRedis } from "./redis-location.js";
import { redisCircuits } from "./shared-circuits.js";
import { redisReads } from "./shared-reads.js";
import type { SharedState } from "./shared-state.js";

/**
 * What replicas share through Redis. Vendor request budgets and callers' rate limits are counted
 * in Redis with rate-limiter-flexible. While Redis does not answer, each replica counts in its own
 * memory (its insurance limiter): a source may then be sent up to its budget by each replica, which
 * its own 429 and Retry-After still bound, and a caller allowed its limit by each replica. Refusing
 * every vendor call (or every caller) instead would make a Redis outage an outage of Rollcall.
 * Loaded only with `redis` in config (shared-state.ts): without it a replica never holds ioredis.
 */
export function redisState(settings: RedisSettings, report: RedisReport): SharedState {
  const location = locateRedis(settings.url);
  const client = openRedis(location, report);
  const prefix = settings.keyPrefix;
  return {
    where: `Redis at ${location.shown}`,
    budgetCounter: (_sourceId, perWindow) =>
      new RateLimiterRedis({
        storeClient: client,
        keyPrefix: `${prefix}budget`,
        points: perWindow,
        duration: BUDGET_WINDOW_SECONDS,
        // Not ready: count in memory at once rather than wait for a reconnect.
        rejectIfRedisNotReady: true,
        insuranceLimiter: new RateLimiterMemory({ points: perWindow, duration: BUDGET_WINDOW_SECONDS }),
      }),
    callerCounter: (max, windowSeconds) =>
      new RateLimiterRedis({
        storeClient: client,
        // One count per caller, whatever max a replica's config gives it.
        keyPrefix: `${prefix}callers`,
        points: max,
        duration: windowSeconds,
        rejectIfRedisNotReady: true,
        insuranceLimiter: new RateLimiterMemory({ points: max, duration: windowSeconds }),
      }),
    sharedCircuits: redisCircuits(client, prefix),
    persistedQueries: new SharedPersistedQueries(client, `${prefix}`, settings.persistedQueryTtlSeconds),
    readCache: Object.values(settings.readCache).some((ttl) => ttl > 0)
      ? { cache: redisReads(client, prefix, { report }), ttlSeconds: settings.readCache }
      : undefined,
    async connect() {
      // A failure was reported by the client's error event; it keeps reconnecting.
      await client.connect().catch(() => undefined);
    },
    async close() {
      client.disconnect();
    },
  };
}
