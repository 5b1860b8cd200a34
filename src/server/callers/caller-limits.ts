import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import type { RollcallConfig } from "../../config/config-schema.js";

/**
 * Counts callers' requests in fixed windows of `windowSeconds`, `max` a window: in this process,
 * or in Redis for every replica at once (shared-state/shared-state.ts). Given by the server's
 * start-up; one counter per distinct `max`, every one counting under the same keys.
 */
export type CallerCounter = (max: number, windowSeconds: number) => RateLimiterAbstract;

export const inProcessCallerCounter: CallerCounter = (max, windowSeconds) =>
  new RateLimiterMemory({ points: max, duration: windowSeconds });

/** One request counted: what the `x-ratelimit-*` headers say, and whether it is past the limit. */
export interface CallerVerdict {
  readonly key: string;
  readonly max: number;
  readonly remaining: number;
  /** Seconds until the window ends and the count starts again. */
  readonly resetSeconds: number;
  readonly exceeded: boolean;
}

export interface CallerLimitsOptions {
  readonly rateLimit: RollcallConfig["rateLimit"];
  /** Each API key's own `max`, by its rate-limit key (`caller:<tag>`). */
  readonly maxByKey: ReadonlyMap<string, number>;
  readonly counter: CallerCounter;
}

/**
 * Counts one request of the caller `key` names (`caller:<tag>`, or `ip:<address>` without a
 * caller) against its limit. Null when the counter itself failed with no fallback (the Redis one
 * falls back to memory before this): the request goes on rather than every caller being refused.
 */
export function callerLimits(options: CallerLimitsOptions): (key: string) => Promise<CallerVerdict | null> {
  const { rateLimit, maxByKey, counter } = options;
  // rate-limiter-flexible counts whole seconds: a window of 1500 ms is counted as 2 s.
  const windowSeconds = Math.max(1, Math.ceil(rateLimit.windowMs / 1000));
  const limiters = new Map<number, RateLimiterAbstract>();
  const limiterFor = (max: number) => {
    let limiter = limiters.get(max);
    if (!limiter) {
      limiter = counter(max, windowSeconds);
      limiters.set(max, limiter);
    }
    return limiter;
  };
  return async (key) => {
    const max = key.startsWith("ip:") ? rateLimit.anonymousMax : (maxByKey.get(key) ?? rateLimit.max);
    let counted: RateLimiterRes;
    let exceeded = false;
    try {
      counted = await limiterFor(max).consume(key);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) return null;
      counted = error;
      exceeded = true;
    }
    return {
      key,
      max,
      remaining: Math.max(0, counted.remainingPoints),
      resetSeconds: Math.max(1, Math.ceil(counted.msBeforeNext / 1000)),
      exceeded,
    };
  };
}
