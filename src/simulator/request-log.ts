/** What reached a simulator, so tests and benchmarks count upstream calls for real. */
export interface LoggedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly status: number;
  /** Served by a route that needs no credentials: a sign-in, made once per connector rather than
   *  per operation, which call counts leave out. */
  readonly public?: boolean;
  /** When it arrived and when it was answered (ms, performance clock): lets a benchmark see which calls overlapped. */
  readonly receivedAt?: number;
  readonly answeredAt?: number;
  /** The W3C trace context the caller sent (a traced gateway sends one with every call). */
  readonly traceparent?: string;
}

export class RequestLog {
  private entries: LoggedRequest[] = [];
  /** Requests seen since the last clear, including those dropped from the capped list. */
  total = 0;
  /** Requests whose client closed the connection before they were answered (a cancelled call). */
  abandoned = 0;

  constructor(private readonly cap = 20_000) {}

  record(entry: LoggedRequest): void {
    this.total += 1;
    this.entries.push(entry);
    if (this.entries.length > this.cap) this.entries.splice(0, this.entries.length - this.cap);
  }

  list(): readonly LoggedRequest[] {
    return this.entries;
  }

  /** The logged requests an operation made: sign-ins (public routes) left out. */
  calls(): readonly LoggedRequest[] {
    return this.entries.filter((e) => !e.public);
  }

  clear(): void {
    this.entries = [];
    this.total = 0;
    this.abandoned = 0;
  }

  /** Count of logged requests per "METHOD path" (query left out), for assertions and reports. */
  countByRoute(normalize: (path: string) => string = (p) => p): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const e of this.entries) {
      const key = `${e.method} ${normalize(e.path)}`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    return counts;
  }
}
