import { ErrorCode, OperationCancelledError, SourceError } from "../../model/errors.js";

export interface CircuitBreakerOptions {
  readonly sourceId: string;
  readonly vendor: string;
  /** Exchanges in a row that got no answer (see isOutage) that open the circuit; 0 = never. */
  readonly failureThreshold: number;
  /** How long an open circuit refuses requests before one probe may go through. */
  readonly cooldownMs: number;
  /** Called when the circuit opens or closes (logs, metrics). */
  readonly onChange?: (change: CircuitChange) => void;
  /** The clock (tests pass their own). */
  readonly now?: () => number;
}

export interface CircuitChange {
  readonly sourceId: string;
  readonly open: boolean;
  /** When open: the failures in a row, and the code of the last one. */
  readonly failures?: number;
  readonly lastCode?: ErrorCode;
  /** When open: milliseconds until a probe may go through. */
  readonly retryInMs?: number;
}

/**
 * Per source: after `failureThreshold` exchanges in a row that got no usable answer, stop sending
 * for `cooldownMs` and fail those requests at once; then let one request through as a probe — its
 * answer closes the circuit, its failure opens it again. Without this a hung vendor costs every
 * query the full timeout, and a down one every read its retries. Only the vendor being
 * unreachable counts (see isOutage): any other answer (4xx, 429, 500, a body Rollcall cannot
 * parse) shows it is up.
 */
export interface CircuitBreaker {
  run<T>(exchange: () => Promise<T>): Promise<T>;
  readonly isOpen: boolean;
}

/** What a proxy or load balancer answers for a server that is down or overloaded. */
const UNAVAILABLE_STATUSES = new Set([502, 503, 504]);

/**
 * Whether a failure means the vendor could not be reached or could not serve: a timeout, a network
 * error, or 502/503/504. A 500 is the vendor's application failing one request (often one route,
 * e.g. a bug behind one endpoint) while it answers the rest: that does not take the source offline.
 */
export const isOutage = (error: unknown): error is SourceError =>
  error instanceof SourceError &&
  (error.code === ErrorCode.SOURCE_TIMEOUT ||
    (error.code === ErrorCode.SOURCE_UNAVAILABLE &&
      (error.httpStatus === undefined || UNAVAILABLE_STATUSES.has(error.httpStatus))));

export function createCircuitBreaker(options: CircuitBreakerOptions): CircuitBreaker {
  const now = options.now ?? (() => performance.now());
  let failures = 0;
  let lastCode: ErrorCode | undefined;
  let openUntil: number | null = null;
  let probing = false;

  function refuse(): never {
    const seconds = Math.max(1, Math.ceil(((openUntil ?? now()) - now()) / 1000));
    const what = lastCode === ErrorCode.SOURCE_TIMEOUT ? "timed out" : "found it unreachable or unavailable";
    const after = failures === 1 ? `a request that ${what}` : `${failures} requests in a row that ${what}`;
    throw new SourceError(
      `Source "${options.sourceId}" (${options.vendor}) is not being asked after ${after}; Rollcall tries it again in ${seconds} s`,
      {
        code: ErrorCode.SOURCE_UNAVAILABLE,
        sourceId: options.sourceId,
        vendor: options.vendor,
        retryable: true,
        retryAfter: seconds,
      },
    );
  }

  function succeeded(): void {
    const wasOpen = openUntil !== null;
    failures = 0;
    openUntil = null;
    if (wasOpen) options.onChange?.({ sourceId: options.sourceId, open: false });
  }

  function failed(code: ErrorCode, probe: boolean): void {
    failures += 1;
    lastCode = code;
    // Requests already in flight when the circuit opened fail too; only a probe's failure re-arms it.
    if (openUntil !== null ? !probe : failures < options.failureThreshold) return;
    openUntil = now() + options.cooldownMs;
    options.onChange?.({
      sourceId: options.sourceId,
      open: true,
      failures,
      lastCode: code,
      retryInMs: options.cooldownMs,
    });
  }

  async function settle<T>(exchange: () => Promise<T>, probe: boolean): Promise<T> {
    try {
      const value = await exchange();
      succeeded();
      return value;
    } catch (error) {
      // A call its own operation cancelled says nothing about the source either way.
      if (error instanceof OperationCancelledError) throw error;
      if (isOutage(error)) failed(error.code, probe);
      else succeeded();
      throw error;
    }
  }

  return {
    get isOpen() {
      return openUntil !== null;
    },
    async run(exchange) {
      if (options.failureThreshold === 0) return exchange();
      if (openUntil === null) return settle(exchange, false);
      if (probing || now() < openUntil) refuse();
      probing = true;
      try {
        return await settle(exchange, true);
      } finally {
        probing = false;
      }
    },
  };
}
