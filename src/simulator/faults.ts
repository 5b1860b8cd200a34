/**
 * Fault switches shared by every simulator: latency, 5xx, 429 with Retry-After, a malformed
 * body, a hang, a dropped connection. Injections are consumed in order; each applies to `times` requests (default all).
 */

/** `drop`: the connection is closed once the request has arrived, without an answer. */
export type FaultKind = "5xx" | "429" | "malformed" | "hang" | "drop";

export interface FaultInjection {
  readonly kind: FaultKind;
  /** How many matching requests it hits; omit for "until cleared". */
  readonly times?: number;
  /** Only requests whose method+path contain this text (e.g. "GET /users"). */
  readonly match?: string;
  /** For 5xx: which status (default 500). */
  readonly status?: number;
  /** For 429: the Retry-After header, in seconds (default 1). */
  readonly retryAfterSeconds?: number;
}

export interface FaultSettings {
  /** Every answer leaves this many milliseconds after its request arrived (or when ready, if later). */
  readonly latencyMs?: number;
  readonly inject?: readonly FaultInjection[];
}

interface ActiveFault {
  readonly injection: FaultInjection;
  remaining: number;
}

export class FaultController {
  latencyMs = 0;
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
  }

  /** The fault this request meets, if any (consuming one use of it). */
  take(method: string, path: string): FaultInjection | null {
    const line = `${method} ${path}`;
    for (const fault of this.active) {
      if (fault.remaining <= 0) continue;
      if (fault.injection.match && !line.includes(fault.injection.match)) continue;
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
