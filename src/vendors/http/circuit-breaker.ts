import { ErrorCode, OperationCancelledError, SourceError } from "../../model/errors.js";
import { BudgetSpentError } from "./request-budget.js";

/** An open circuit as replicas share it. */
export interface SharedOpenCircuit {
  /** When a probe may go through, in milliseconds since the epoch (replicas share no monotonic clock). */
  readonly until: number;
  readonly failures: number;
  readonly lastCode: ErrorCode;
}

/**
 * Where replicas tell each other that a source is down (Redis: shared-state/shared-circuits.ts),
 * so an outage one of them saw spares the others its timeouts. It never throws: a store that
 * cannot be reached reads as "nothing shared", and each replica keeps its own breaker.
 */
export interface SharedCircuits {
  read(sourceId: string): Promise<SharedOpenCircuit | null>;
  /** Kept `forMs`, the cooldown: then it is gone, and every replica may probe. */
  open(sourceId: string, circuit: SharedOpenCircuit, forMs: number): Promise<void>;
  close(sourceId: string): Promise<void>;
}

/** How long a replica goes by what it last read of the shared circuit before reading it again. */
const SHARED_CHECK_MS = 1000;

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
  /** Where other replicas' open circuits are read and this one's written; absent: this process only. */
  readonly shared?: SharedCircuits;
  /** Milliseconds since the epoch, for what is shared (tests pass their own). */
  readonly wallClock?: () => number;
}

export interface CircuitChange {
  readonly sourceId: string;
  readonly open: boolean;
  /** When open: the failures in a row, and the code of the last one. */
  readonly failures?: number;
  readonly lastCode?: ErrorCode;
  /** When open: milliseconds until a probe may go through. */
  readonly retryInMs?: number;
  /** When open: another replica saw the failures, and this one heard of it (shared circuits). */
  readonly elsewhere?: boolean;
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
  const wallClock = options.wallClock ?? (() => Date.now());
  const { shared } = options;
  let failures = 0;
  let lastCode: ErrorCode | undefined;
  let openUntil: number | null = null;
  let probing = false;
  // Opened on another replica's word, not this one's failures.
  let elsewhere = false;
  let sharedRead: { readonly at: number; readonly circuit: Promise<SharedOpenCircuit | null> } | null = null;

  function refuse(): never {
    const seconds = Math.max(1, Math.ceil(((openUntil ?? now()) - now()) / 1000));
    const what = lastCode === ErrorCode.SOURCE_TIMEOUT ? "timed out" : "found it unreachable or unavailable";
    const after = failures === 1 ? `a request that ${what}` : `${failures} requests in a row that ${what}`;
    const whose = elsewhere ? ` on another Rollcall replica` : "";
    throw new SourceError(
      `Source "${options.sourceId}" (${options.vendor}) is not being asked after ${after}${whose}; Rollcall tries it again in ${seconds} s`,
      {
        code: ErrorCode.SOURCE_UNAVAILABLE,
        sourceId: options.sourceId,
        vendor: options.vendor,
        retryable: true,
        retryAfter: seconds,
      },
    );
  }

  /** Takes up a circuit another replica opened, read at most once a second (one read for a burst). */
  async function heedOthers(): Promise<void> {
    if (!shared) return;
    const at = now();
    if (!sharedRead || at - sharedRead.at >= SHARED_CHECK_MS)
      sharedRead = { at, circuit: shared.read(options.sourceId) };
    const circuit = await sharedRead.circuit;
    const left = circuit ? circuit.until - wallClock() : 0;
    if (!circuit || left <= 0 || openUntil !== null) return;
    failures = circuit.failures;
    lastCode = circuit.lastCode;
    openUntil = now() + left;
    elsewhere = true;
    options.onChange?.({
      sourceId: options.sourceId,
      open: true,
      failures,
      lastCode,
      retryInMs: left,
      elsewhere: true,
    });
  }

  async function succeeded(): Promise<void> {
    const wasOpen = openUntil !== null;
    failures = 0;
    openUntil = null;
    elsewhere = false;
    if (!wasOpen) return;
    sharedRead = null;
    options.onChange?.({ sourceId: options.sourceId, open: false });
    await shared?.close(options.sourceId);
  }

  async function failed(code: ErrorCode, probe: boolean): Promise<void> {
    failures += 1;
    lastCode = code;
    // Requests already in flight when the circuit opened fail too; only a probe's failure re-arms it.
    if (openUntil !== null ? !probe : failures < options.failureThreshold) return;
    openUntil = now() + options.cooldownMs;
    elsewhere = false;
    options.onChange?.({
      sourceId: options.sourceId,
      open: true,
      failures,
      lastCode: code,
      retryInMs: options.cooldownMs,
    });
    // Awaited, so the failure is reported once the other replicas can know of it.
    await shared?.open(
      options.sourceId,
      { until: wallClock() + options.cooldownMs, failures, lastCode: code },
      options.cooldownMs,
    );
  }

  async function settle<T>(exchange: () => Promise<T>, probe: boolean): Promise<T> {
    let value: T;
    try {
      value = await exchange();
    } catch (error) {
      // A call its own operation cancelled, or one its budget kept from being sent, says nothing
      // about the source either way.
      if (error instanceof OperationCancelledError || error instanceof BudgetSpentError) throw error;
      if (isOutage(error)) await failed(error.code, probe);
      else await succeeded();
      throw error;
    }
    await succeeded();
    return value;
  }

  return {
    get isOpen() {
      return openUntil !== null;
    },
    async run(exchange) {
      if (options.failureThreshold === 0) return exchange();
      if (openUntil === null) await heedOthers();
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
