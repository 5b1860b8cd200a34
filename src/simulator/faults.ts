/**
 * Fault switches shared by every simulator: latency, 5xx, 429 with Retry-After, a malformed
 * body, a hang, a dropped connection, an error that echoes the request, a write whose answer is
 * lost, a refusal naming a body field. Injections are consumed in order; each applies to `times`
 * requests (default all).
 */

/**
 * `drop`: the connection is closed once the request has arrived, without an answer.
 * `echo` answers with the vendor's own error body (its `errorBody`) whose message repeats what the
 * request carried — every header but the transport's, whatever the vendor names its credential (and the decoded Basic
 * credentials), its query string and its body, as sent and re-quoted as JSON — the way a vendor's
 * 401 may echo the token it refused. Tests use it to prove no credential gets past the connector.
 * `lose-answer`: the request is handled as usual — a write is applied — and then its answer is
 * lost on the way back: the vendor's error body with `status` (default 502, a proxy that gave up
 * waiting), or, with `drop`, the connection closed without an answer. Only a request the vendor
 * answered with a 2xx takes it (a refused one keeps its refusal and leaves the fault for the next).
 * That is the unknown outcome a writer settles by reading, never by sending the write again.
 * `refuse`: the vendor's refusal of one field of the request body, before anything is applied: the
 * first property (depth first, in body order) whose text equals `value` ignoring case is answered
 * with the simulator's `fieldRefusal` (the vendor's 400 naming that property). A request whose
 * body holds no such value passes and leaves the fault for the next.
 */
export type FaultKind = "5xx" | "429" | "malformed" | "hang" | "drop" | "echo" | "lose-answer" | "refuse";

export interface FaultInjection {
  readonly kind: FaultKind;
  /** How many matching requests it hits; omit for "until cleared". */
  readonly times?: number;
  /** Only requests whose method+path contain this text (e.g. "GET /users"). */
  readonly match?: string;
  /** Only requests with one of these methods (e.g. every write: ["POST", "PUT", "PATCH", "DELETE"]). */
  readonly methods?: readonly string[];
  /** For 5xx: which status (default 500); for echo: which status (default 400). */
  readonly status?: number;
  /** For echo: this many filler characters before the echo, to move it (e.g. across a length limit). */
  readonly pad?: number;
  /** For echo: what it repeats — everything that could carry a credential (the default), or the
   *  body alone, as a vendor's validation error quotes the values it refused. */
  readonly echoes?: "request" | "body";
  /** For 429: the Retry-After header, in seconds (default 1). */
  readonly retryAfterSeconds?: number;
  /** For lose-answer: close the connection instead of answering `status`. */
  readonly drop?: boolean;
  /** For refuse: the value whose body property is refused (e.g. the email the request carries). */
  readonly value?: string;
}

/** When a fault acts: before the route runs (nothing is applied), or after it applied the request. */
const AFTER_ROUTE: ReadonlySet<FaultKind> = new Set(["lose-answer"]);

export interface FaultSettings {
  /** Every answer leaves this many milliseconds after its request arrived (or when ready, if later). */
  readonly latencyMs?: number;
  readonly inject?: readonly FaultInjection[];
}

/** A request an `echo` fault answered, as it arrived: what a test checks never comes back out. */
export interface EchoedRequest {
  readonly method: string;
  readonly path: string;
  /** The headers it carried that may hold a credential: every one but the transport's. */
  readonly headers: Readonly<Record<string, string>>;
  readonly query: string;
  readonly body: string;
}

interface ActiveFault {
  readonly injection: FaultInjection;
  remaining: number;
}

export class FaultController {
  latencyMs = 0;
  /** Every request an echo fault answered since the last clear. */
  readonly echoed: EchoedRequest[] = [];
  private active: ActiveFault[] = [];

  /** Replace the latency (when given) and add injections. */
  set(settings: FaultSettings): void {
    if (settings.latencyMs !== undefined) this.latencyMs = Math.max(0, settings.latencyMs);
    for (const injection of settings.inject ?? []) this.inject(injection);
  }

  inject(injection: FaultInjection): void {
    this.active.push({ injection, remaining: injection.times ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.latencyMs = 0;
    this.active = [];
    this.echoed.length = 0;
  }

  /**
   * The fault this request meets, if any (consuming one use of it): one that acts before the route
   * runs, or with `stage: "after"` one that acts on an applied request's answer. `applies` lets the
   * caller pass over an injection this request can't take (a refusal of a value it doesn't carry).
   */
  take(
    method: string,
    path: string,
    stage: "before" | "after" = "before",
    applies: (injection: FaultInjection) => boolean = () => true,
  ): FaultInjection | null {
    const line = `${method} ${path}`;
    for (const fault of this.active) {
      if (fault.remaining <= 0) continue;
      if (AFTER_ROUTE.has(fault.injection.kind) !== (stage === "after")) continue;
      if (fault.injection.match && !line.includes(fault.injection.match)) continue;
      if (fault.injection.methods && !fault.injection.methods.includes(method)) continue;
      if (!applies(fault.injection)) continue;
      fault.remaining -= 1;
      return fault.injection;
    }
    return null;
  }

  describe(): { latencyMs: number; active: Array<FaultInjection & { remaining: number | null }> } {
    return {
      latencyMs: this.latencyMs,
      active: this.active
        .filter((f) => f.remaining > 0)
        .map((f) => ({ ...f.injection, remaining: Number.isFinite(f.remaining) ? f.remaining : null })),
    };
  }
}
