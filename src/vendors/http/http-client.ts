import http from "node:http";
import https from "node:https";
import { setTimeout as sleep } from "node:timers/promises";
import { SpanKind } from "@opentelemetry/api";
import got, { type Got, type Method, RequestError } from "got";
import type { RateLimiterAbstract } from "rate-limiter-flexible";
import { OperationCancelledError } from "../../model/errors.js";
import { activeSpan, traced, traceHeaders } from "../../telemetry/spans.js";
import { type ApiPath, type PathArg, type ResolvedPath, resolvePath } from "./api-path.js";
import type { AuthStrategy } from "./auth.js";
import { type CircuitChange, createCircuitBreaker, type SharedCircuits } from "./circuit-breaker.js";
import { readsMustBeFresh } from "./fresh-reads.js";
import { type ErrorContext, retryAfterSeconds, statusError, toSourceError } from "./http-errors.js";
import { createLimiter, type Limiter } from "./limiter.js";
import { nativeRequest } from "./native-request.js";
import { operationSignal } from "./operation-signal.js";
import { type ReadCache, type ReadCacheTtls, type ReadRoute, readKey, readKindOf } from "./read-cache.js";
import { createRequestBudget, type RequestBudget } from "./request-budget.js";
import { type RetryPolicy, retryDelayMs } from "./retry-policy.js";

export type SearchParams = Record<string, string | number | boolean | undefined>;

export interface RequestOptions {
  readonly searchParams?: SearchParams;
  readonly headers?: Record<string, string>;
  /** JSON body. */
  readonly json?: unknown;
  /** application/x-www-form-urlencoded body. */
  readonly form?: Record<string, string>;
  /** Send without the source's credentials (a login call brings its own). */
  readonly anonymous?: boolean;
  /**
   * Secrets this request carries besides the source's credentials (the password a new account is
   * created with): scrubbed from the vendor's words about it like the source's own.
   */
  readonly secrets?: readonly string[];
  /**
   * The path names one object, so a 404 means it does not exist (NOT_FOUND). Without this a 404
   * means the source does not serve the route (SOURCE_MISCONFIGURED): a 404 on a route is not a
   * missing object.
   */
  readonly notFound?: "object";
}

export interface HttpResponse<T> {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: T;
}

/** One finished upstream call, for metrics and logs. Carries no headers or bodies. */
export interface UpstreamEvent {
  readonly sourceId: string;
  readonly method: string;
  readonly status: number | null;
  readonly durationMs: number;
  readonly errorCode?: string;
}

/** A request that waited for its source's request budget (maxRequestsPerMinute) before it was sent. */
export interface BudgetWaitEvent {
  readonly sourceId: string;
  readonly waitedMs: number;
}

/** A read the shared read cache was asked for: answered from it (hit) or loaded from the vendor. */
export interface ReadCacheEvent {
  readonly sourceId: string;
  readonly kind: string;
  readonly hit: boolean;
}

export interface HttpClientOptions extends ErrorContext {
  /** Every path is resolved against this (it ends with "/"). */
  readonly apiBase: string;
  readonly auth: AuthStrategy;
  readonly timeoutMs: number;
  /** Retries for idempotent reads (GET) on 429/5xx/connection resets. Writes are never retried. */
  readonly retries: number;
  /** Most requests in flight to this source at once; the rest queue (without their timeout running). */
  readonly maxConcurrency: number;
  /** First retry delay; doubles each attempt. Retry-After, when sent, wins (up to maxRetryAfterMs). */
  readonly retryBaseDelayMs?: number;
  readonly maxRetryAfterMs?: number;
  readonly observe?: (event: UpstreamEvent) => void;
  /** Told of every wait for the request budget (metrics). */
  readonly observeBudgetWait?: (event: BudgetWaitEvent) => void;
  /** Told of every read the shared read cache is asked for (metrics). */
  readonly observeReadCache?: (event: ReadCacheEvent) => void;
  /** Stop asking a source that keeps failing to answer (see circuit-breaker.ts); absent = always ask. */
  readonly circuitBreaker?: {
    readonly failureThreshold: number;
    readonly cooldownMs: number;
    readonly onChange?: (change: CircuitChange) => void;
    /** Where replicas tell each other of an open circuit (shared-state/); absent: this process only. */
    readonly shared?: SharedCircuits;
  };
  /** Requests per window this source is sent, counted by `counter` (request-budget.ts); absent: no limit. */
  readonly budget?: { readonly perWindow: number; readonly counter: RateLimiterAbstract };
  /** JSON GETs of the kinds `routes` declares, kept for every replica (read-cache.ts); absent: none. */
  readonly readCache?: {
    readonly cache: ReadCache;
    readonly ttlSeconds: ReadCacheTtls;
    readonly routes: readonly ReadRoute[];
    /** The account's identity (`credentialIdentity`), never its secret. */
    readonly identity: string;
  };
}

/**
 * The shared HTTP client of one source: one got instance, keep-alive sockets, a concurrency limit.
 * A path is one made by `apiPath` (api-path.ts), or a string literal: never a string built at run
 * time, whose route would have to be guessed from its text (and could name the person it is about).
 * With a literal path, let the answer's type be inferred (`const user: RawUser = await http.get("me")`):
 * naming it (`get<RawUser>("me")`) leaves the literal's type parameter to its default, refused.
 */
export interface HttpClient {
  get<T = unknown, P extends string = never>(path: PathArg<P>, options?: RequestOptions): Promise<T>;
  /** A write or a login: sent once, never retried on failure (a 401 with a renewable token excepted). */
  send<T = unknown, P extends string = never>(
    method: Method,
    path: PathArg<P>,
    options?: RequestOptions,
  ): Promise<T>;
  /** Like get/send, but with status and headers (for vendors that put meaning there). */
  request<T = unknown, P extends string = never>(
    method: Method,
    path: PathArg<P>,
    options?: RequestOptions,
  ): Promise<HttpResponse<T>>;
  getBinary<P extends string = never>(
    path: PathArg<P>,
    options?: RequestOptions,
  ): Promise<HttpResponse<Buffer>>;
  close(): void;
}

/** One attempt's answer, whatever its status. */
interface RawResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
}

function cleanParams(
  params: SearchParams | undefined,
): Record<string, string | number | boolean> | undefined {
  if (!params) return undefined;
  const out: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(params)) if (value !== undefined) out[key] = value;
  return out;
}

/**
 * What a request was about, as it was sent: its path's values and its search parameters' words (a
 * login searched for, a filter naming an email). A vendor's words about the request may echo them,
 * and none of them may reach an error or a log (http-errors.ts scrubs them). Numbers and flags are
 * left: ids and page sizes say nothing of a person.
 */
function aboutValues(target: ResolvedPath, request: RequestOptions): string[] {
  const params = Object.values(request.searchParams ?? {}).filter(
    (value): value is string => typeof value === "string",
  );
  return [...target.values, ...params].filter((value) => !/^\d*$/.test(value));
}

function parseJson(body: Buffer): unknown {
  return body.length === 0 ? undefined : JSON.parse(body.toString("utf8"));
}

const isOk = (status: number) => status >= 200 && status < 300;

/** A retry's wait, cut short (as a cancellation) when the operation is cancelled. */
async function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  try {
    await sleep(ms, undefined, signal ? { signal } : undefined);
  } catch (error) {
    if (signal?.aborted) throw new OperationCancelledError(signal.reason);
    throw error;
  }
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const agent = {
    http: new http.Agent({ keepAlive: true, maxSockets: options.maxConcurrency }),
    https: new https.Agent({ keepAlive: true, maxSockets: options.maxConcurrency }),
  };
  const retryPolicy: RetryPolicy = {
    retries: options.retries,
    baseDelayMs: options.retryBaseDelayMs ?? 200,
    maxRetryAfterMs: options.maxRetryAfterMs ?? 30_000,
  };
  // Retries and status errors are handled below, around got's stream interface (see `attempt`).
  const instance: Got = got.extend({
    agent,
    timeout: { request: options.timeoutMs },
    throwHttpErrors: false,
    retry: { limit: 0 },
    headers: { accept: "application/json", "user-agent": "rollcall" },
    request: nativeRequest,
  });
  const limit: Limiter = createLimiter(options.maxConcurrency);
  const budget: RequestBudget | null = options.budget
    ? createRequestBudget({
        sourceId: options.sourceId,
        vendor: options.vendor,
        ...options.budget,
        maxWaitMs: retryPolicy.maxRetryAfterMs,
      })
    : null;
  const breaker = createCircuitBreaker({
    sourceId: options.sourceId,
    vendor: options.vendor,
    ...(options.circuitBreaker ?? { failureThreshold: 0, cooldownMs: 0 }),
  });

  /**
   * One HTTP attempt through got's stream interface, answered whatever its status. Measured, got's
   * promise interface costs about twice the CPU per call of its stream interface (bench/README.md,
   * "What was found") — and a directory operation makes a hundred calls.
   */
  function attempt(
    method: Method,
    path: string,
    request: RequestOptions,
    auth: Record<string, string> | undefined,
    signal: AbortSignal | undefined,
  ): Promise<RawResponse> {
    return new Promise((resolve, reject) => {
      const stream = instance.stream(options.apiBase + path, {
        method,
        // The vendor call's span as the parent of whatever the vendor traces (W3C `traceparent`).
        headers: { ...auth, ...request.headers, ...traceHeaders() },
        searchParams: cleanParams(request.searchParams),
        json: request.json,
        form: request.form,
        // The operation's: cancelling it destroys the socket, so the vendor sees the call end.
        signal,
      });
      let head: http.IncomingMessage | undefined;
      const chunks: Buffer[] = [];
      stream.once("response", (response: http.IncomingMessage) => {
        head = response;
      });
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      // got's streams don't destroy themselves when done (autoDestroy is off), and only destroying
      // one takes its abort listener off the operation's signal: kept, every answered call (its
      // stream and body) stayed on the signal until the operation ended, and each new listener
      // cost a walk over all of them (a directory of 25,000 calls without batching never finished).
      stream.once("end", () => {
        stream.destroy();
        if (head)
          resolve({ status: head.statusCode ?? 0, headers: head.headers, body: Buffer.concat(chunks) });
        else reject(new Error("upstream stream ended without a response"));
      });
      stream.once("error", (error) => {
        stream.destroy();
        reject(error);
      });
      // got ends a bodiless GET itself; any other method waits for its writable side to end.
      if (request.json === undefined && request.form === undefined && method !== "GET" && method !== "HEAD")
        stream.end();
    });
  }

  /** One HTTP exchange, retries included (reads only), holding one of the source's slots. */
  async function exchange(
    method: Method,
    target: ResolvedPath,
    request: RequestOptions,
    auth: Record<string, string> | undefined,
    binary: boolean,
    signal: AbortSignal | undefined,
  ): Promise<HttpResponse<unknown>> {
    const started = performance.now();
    const span = activeSpan();
    let status: number | null = null;
    let budgetWaitMs = 0;
    try {
      for (let retry = 1; ; retry++) {
        status = null;
        if (retry > 1) span?.setAttribute("http.request.resend_count", retry - 1);
        // Queued behind the source's limit, or waiting to retry, when the operation was cancelled.
        if (signal?.aborted) throw new OperationCancelledError(signal.reason);
        // Every attempt is a request the vendor counts, a retry too.
        const waitedMs = budget ? await budget.take(signal) : 0;
        if (waitedMs > 0) {
          budgetWaitMs += waitedMs;
          span?.setAttribute("rollcall.rate_limit_wait_ms", Math.round(budgetWaitMs));
          options.observeBudgetWait?.({ sourceId: options.sourceId, waitedMs });
        }
        let response: RawResponse;
        try {
          response = await attempt(method, target.path, request, auth, signal);
        } catch (error) {
          if (signal?.aborted) throw new OperationCancelledError(signal.reason);
          const networkCode = error instanceof RequestError ? error.code : undefined;
          const wait = retryDelayMs(retryPolicy, method, retry, { networkCode });
          if (wait === null) throw error;
          await pause(wait, signal);
          continue;
        }
        status = response.status;
        span?.setAttribute("http.response.status_code", status);
        if (!isOk(response.status)) {
          const wait = retryDelayMs(retryPolicy, method, retry, {
            status: response.status,
            retryAfterSeconds: retryAfterSeconds(response.headers["retry-after"]),
          });
          if (wait === null)
            throw statusError(
              response.status,
              response.headers,
              response.body.toString("utf8"),
              options,
              {
                method,
                route: target.template,
                about: aboutValues(target, request),
                notFound: request.notFound,
              },
              request.secrets?.length ? options.auth.secrets.with(request.secrets) : options.auth.secrets,
            );
          await pause(wait, signal);
          continue;
        }
        const body = binary ? response.body : parseJson(response.body);
        options.observe?.({
          sourceId: options.sourceId,
          method,
          status,
          durationMs: performance.now() - started,
        });
        return { status, headers: response.headers, body };
      }
    } catch (error) {
      const failure = error instanceof OperationCancelledError ? error : toSourceError(error, options);
      options.observe?.({
        sourceId: options.sourceId,
        method,
        status,
        durationMs: performance.now() - started,
        errorCode: failure instanceof OperationCancelledError ? "CANCELLED" : failure.code,
      });
      throw failure;
    }
  }

  /**
   * Credentials are fetched (and renewed after a 401) outside the concurrency slots, and logins
   * (`anonymous`) skip the queue: otherwise requests holding every slot while waiting for a
   * token would starve the very login they wait for.
   */
  async function run(method: Method, target: ResolvedPath, request: RequestOptions = {}, binary = false) {
    let renewed = false;
    // The operation this call serves (none for a shared login: see auth.ts), read once, here.
    const signal = operationSignal();
    for (;;) {
      const auth = request.anonymous ? undefined : await options.auth.headers();
      // The breaker is asked once a slot is free, so requests queued when it opens fail at once too.
      const guarded = () => breaker.run(() => exchange(method, target, request, auth, binary, signal));
      try {
        return await (request.anonymous ? guarded() : limit(guarded));
      } catch (error) {
        if (error instanceof OperationCancelledError) throw error;
        const failure = toSourceError(error, options);
        const renewable = failure.httpStatus === 401 && !renewed && !request.anonymous && options.auth.renew;
        if (renewable && (await options.auth.renew?.(auth))) {
          renewed = true;
          continue;
        }
        throw failure;
      }
    }
  }

  const readCache = options.readCache;
  // How long a replica's load of a read may take before another replica stops waiting for it.
  const lockMs = options.timeoutMs * (options.retries + 1) + 2000;

  /**
   * A JSON GET, through the shared read cache when its kind is cached and the work asking may
   * use what another query read (fresh-reads.ts). The cache keeps the body as the vendor sent it.
   */
  async function getJson(target: ResolvedPath, request: RequestOptions = {}): Promise<unknown> {
    const { path, template } = target;
    const kind = readCache && !request.anonymous ? readKindOf(readCache.routes, template) : null;
    const ttl = kind === null ? 0 : (readCache?.ttlSeconds[kind] ?? 0);
    if (!readCache || kind === null || ttl <= 0 || readsMustBeFresh())
      return (await run("GET", target, request)).body;
    const key = readKey(options.sourceId, kind, readCache.identity, "GET", path, request.searchParams);
    // A hit is a read this call did not load itself: cached, or loaded by a concurrent miss.
    let loaded = false;
    let body: Buffer;
    try {
      body = await readCache.cache.through(
        key,
        ttl,
        lockMs,
        async () => {
          loaded = true;
          return (await run("GET", target, request, true)).body as Buffer;
        },
        operationSignal(),
      );
    } catch (error) {
      // A load that failed was still a read the cache missed and sent to the vendor.
      if (loaded) options.observeReadCache?.({ sourceId: options.sourceId, kind, hit: false });
      throw error;
    }
    activeSpan()?.setAttribute("rollcall.cache_hit", !loaded);
    options.observeReadCache?.({ sourceId: options.sourceId, kind, hit: !loaded });
    return parseJson(body);
  }

  /**
   * One vendor call — its retries, a renewed login and its answer from the read cache included —
   * as a span named by its route (the path's template, api-path.ts), never by its URL: the route is
   * made of the code's literal text only, so no id, login or email the call was about is in it.
   */
  function vendorCall<T>(method: Method, template: string, work: () => Promise<T>): Promise<T> {
    return traced(
      `${method} ${template}`,
      { "rollcall.source": options.sourceId, "http.request.method": method, "url.template": template },
      work,
      SpanKind.CLIENT,
    );
  }

  // The interface's literal-only typing is for call sites; here a path is either kind.
  type AnyPath = ApiPath | string;
  return {
    get: async <T>(given: AnyPath, request?: RequestOptions) => {
      const target = resolvePath(given);
      return (await vendorCall("GET", target.template, () => getJson(target, request))) as T;
    },
    send: async <T>(method: Method, given: AnyPath, request?: RequestOptions) => {
      const target = resolvePath(given);
      return (await vendorCall(method, target.template, () => run(method, target, request))).body as T;
    },
    request: async <T>(method: Method, given: AnyPath, request?: RequestOptions) => {
      const target = resolvePath(given);
      return (await vendorCall(method, target.template, () =>
        run(method, target, request),
      )) as HttpResponse<T>;
    },
    getBinary: async (given: AnyPath, request?: RequestOptions) => {
      const target = resolvePath(given);
      return (await vendorCall("GET", target.template, () =>
        run("GET", target, request, true),
      )) as HttpResponse<Buffer>;
    },
    close() {
      agent.http.destroy();
      agent.https.destroy();
    },
  };
}
