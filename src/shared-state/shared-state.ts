import type { KeyValueCache } from "@apollo/utils.keyvaluecache";
import { RateLimiterMemory, RateLimiterRedis } from "rate-limiter-flexible";
import type { RedisSettings } from "../config/redis-schema.js";
import { type CallerCounter, inProcessCallerCounter } from "../server/callers/caller-limits.js";
import type { SharedCircuits } from "../vendors/http/circuit-breaker.js";
import type { ReadCache, ReadCacheTtls } from "../vendors/http/read-cache.js";
import {
  BUDGET_WINDOW_SECONDS,
  type BudgetCounter,
  inProcessCounter,
} from "../vendors/http/request-budget.js";
import { SharedPersistedQueries } from "./persisted-queries.js";
import { openRedis, type RedisReport } from "./redis-connection.js";
import { locateRedis } from "./redis-location.js";
import { redisCircuits } from "./shared-circuits.js";
import { redisReads } from "./shared-reads.js";

/** What Rollcall's replicas share, or, without Redis, what this process keeps to itself. */
export interface SharedState {
  /** "in process", or the Redis URL without its password. */
  readonly where: string;
  readonly budgetCounter: BudgetCounter;
  /** Where callers' requests are counted against their `rateLimit` (server/callers/). */
  readonly callerCounter: CallerCounter;
  /** Absent: each replica's circuit breakers are its own. */
  readonly sharedCircuits?: SharedCircuits;
  /** Absent: Apollo's in-memory cache of persisted queries. */
  readonly persistedQueries?: KeyValueCache<string>;
  /** Vendor reads shared by replicas, and each kind's TTL; absent: every read goes to the vendor. */
  readonly readCache?: { readonly cache: ReadCache; readonly ttlSeconds: ReadCacheTtls };
  /** Connects (a Redis that does not answer is reported, and retried in the background). */
  connect(): Promise<void>;
  close(): Promise<void>;
}

const IN_PROCESS: SharedState = {
  where: "in process",
  budgetCounter: inProcessCounter,
  callerCounter: inProcessCallerCounter,
  connect: async () => undefined,
  close: async () => undefined,
};

/**
 * Vendor request budgets and callers' rate limits are counted in Redis with rate-limiter-flexible.
 * While Redis does not answer, each replica counts in its own memory (its insurance limiter): a
 * source may then be sent up to its budget by each replica, which its own 429 and Retry-After
 * still bound, and a caller allowed its limit by each replica. Refusing every vendor call (or every
 * caller) instead would make a Redis outage an outage of Rollcall.
 */
export function sharedStateFor(settings: RedisSettings | undefined, report: RedisReport): SharedState {
  if (!settings) return IN_PROCESS;
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
