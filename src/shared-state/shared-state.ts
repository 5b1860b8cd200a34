import type { KeyValueCache } from "@apollo/utils.keyvaluecache";
import type { RedisSettings } from "../config/redis-schema.js";
import { type CallerCounter, inProcessCallerCounter } from "../server/callers/caller-limits.js";
import type { SharedCircuits } from "../vendors/http/circuit-breaker.js";
import type { ReadCache, ReadCacheTtls } from "../vendors/http/read-cache.js";
import { type BudgetCounter, inProcessCounter } from "../vendors/http/request-budget.js";
import type { RedisReport } from "./redis-connection.js";

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
 * What replicas share, in Redis (redis-state.ts), or without `redis` what this process keeps to
 * itself. The Redis side (ioredis, rate-limiter-flexible's Redis limiter) is loaded only when
 * configured: a replica without Redis never holds those modules (issue 17, a replica's memory).
 */
export async function sharedStateFor(
  settings: RedisSettings | undefined,
  report: RedisReport,
): Promise<SharedState> {
  if (!settings) return IN_PROCESS;
  const { redisState } = await import("./redis-state.js");
  return redisState(settings, report);
}
