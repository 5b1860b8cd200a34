import { setTimeout as sleep } from "node:timers/promises";
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { ErrorCode, OperationCancelledError, SourceError } from "../../model/errors.js";

/** The window a source's `maxRequestsPerMinute` is counted in. */
export const BUDGET_WINDOW_SECONDS = 60;

/**
 * Counts a source's requests in fixed windows: in process, or in Redis for every replica at once
 * (shared-state/). Given by the gateway; a source without a limit gets none.
 */
export type BudgetCounter = (sourceId: string, perWindow: number) => RateLimiterAbstract;

export const inProcessCounter: BudgetCounter = (_sourceId, perWindow) =>
  new RateLimiterMemory({ points: perWindow, duration: BUDGET_WINDOW_SECONDS });

/** A source's budget was spent and its next window is further off than Rollcall waits. */
export class BudgetSpentError extends SourceError {
  constructor(sourceId: string, vendor: string, perWindow: number, retryAfter: number) {
    super(
      `Source "${sourceId}" (${vendor}) has had its ${perWindow} requests this minute (maxRequestsPerMinute); Rollcall asks it again in ${retryAfter} s`,
      { code: ErrorCode.SOURCE_RATE_LIMITED, sourceId, vendor, retryable: true, retryAfter },
    );
    this.name = "BudgetSpentError";
  }
}

export interface RequestBudget {
  /**
   * Takes one request from the budget, waiting for the next window when it is near enough; answers
   * how long it waited (ms; 0 when the budget had room).
   */
  take(signal: AbortSignal | undefined): Promise<number>;
}

export interface RequestBudgetOptions {
  readonly sourceId: string;
  readonly vendor: string;
  readonly perWindow: number;
  readonly counter: RateLimiterAbstract;
  /** A wait longer than this is not made: the request fails with SOURCE_RATE_LIMITED instead. */
  readonly maxWaitMs: number;
}

/**
 * Every request sent to the vendor (a retry, a login) takes one from the source's budget before
 * it is sent, so the vendor never sees more than `perWindow` in a window, whatever Rollcall's
 * replicas do. A request past the budget is never sent: it waits for the window to end, as a
 * vendor's own Retry-After is waited for, or fails at once when that is too far off.
 */
export function createRequestBudget(options: RequestBudgetOptions): RequestBudget {
  const key = options.sourceId;
  return {
    async take(signal) {
      let waitedMs = 0;
      for (;;) {
        if (signal?.aborted) throw new OperationCancelledError(signal.reason);
        let refused: RateLimiterRes;
        try {
          await options.counter.consume(key);
          return waitedMs;
        } catch (error) {
          // Anything but a refusal is the counter's store failing with no fallback: the request
          // goes out rather than the source going dark (shared-state/ falls back before this).
          if (!(error instanceof RateLimiterRes)) return waitedMs;
          refused = error;
        }
        const waitMs = Math.max(1, refused.msBeforeNext);
        if (waitMs > options.maxWaitMs)
          throw new BudgetSpentError(
            options.sourceId,
            options.vendor,
            options.perWindow,
            Math.ceil(waitMs / 1000),
          );
        const started = performance.now();
        try {
          // A little jitter, so the requests that waited do not all ask the counter at one instant.
          await sleep(waitMs + Math.random() * 50, undefined, signal ? { signal } : undefined);
          waitedMs += performance.now() - started;
        } catch (error) {
          if (signal?.aborted) throw new OperationCancelledError(signal.reason);
          throw error;
        }
      }
    },
  };
}
