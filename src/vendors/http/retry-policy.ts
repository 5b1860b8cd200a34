/**
 * When a failed upstream attempt is tried again. Only idempotent reads are: a write that failed
 * may still have happened, and whether it did is for the caller to read, never to guess.
 */
export interface RetryPolicy {
  /** Retries after the first attempt. */
  readonly retries: number;
  /** First retry delay; doubles each attempt. */
  readonly baseDelayMs: number;
  /** A Retry-After longer than this is not waited for: the failure is reported instead. */
  readonly maxRetryAfterMs: number;
}

/** What went wrong with one attempt. */
export type AttemptFailure =
  | { readonly status: number; readonly retryAfterSeconds?: number }
  | { readonly networkCode: string | undefined };

const RETRYABLE_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD"]);
const RETRYABLE_STATUS: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);
// A refused connection or a timeout is reported at once: retrying a hung or stopped vendor only
// multiplies the wait of the whole query (see README, "Errors").
const RETRYABLE_NETWORK: ReadonlySet<string> = new Set(["ECONNRESET", "EPIPE", "EAI_AGAIN"]);

/** How long to wait before retry number `retry` (1-based), or null when the failure stands. */
export function retryDelayMs(
  policy: RetryPolicy,
  method: string,
  retry: number,
  failure: AttemptFailure,
): number | null {
  if (retry > policy.retries || !RETRYABLE_METHODS.has(method)) return null;
  if ("status" in failure) {
    if (!RETRYABLE_STATUS.has(failure.status)) return null;
    if (failure.retryAfterSeconds !== undefined) {
      const wait = failure.retryAfterSeconds * 1000;
      return wait > policy.maxRetryAfterMs ? null : wait;
    }
  } else if (!RETRYABLE_NETWORK.has(failure.networkCode ?? "")) return null;
  // Jitter, so a burst of reads refused together does not come back together.
  return policy.baseDelayMs * 2 ** (retry - 1) + Math.random() * 50;
}
