import http from "node:http";
import https from "node:https";
import got, { type Got, HTTPError, type Method, type Response } from "got";
import type { AuthStrategy } from "./auth.js";
import { type ErrorContext, toSourceError } from "./http-errors.js";
import { createLimiter, type Limiter } from "./limiter.js";

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
}

/** The shared HTTP client of one source: one got instance, keep-alive sockets, a concurrency limit. */
export interface HttpClient {
  get<T>(path: string, options?: RequestOptions): Promise<T>;
  /** A write or a login: sent once, never retried on failure (a 401 with a renewable token excepted). */
  send<T>(method: Method, path: string, options?: RequestOptions): Promise<T>;
  /** Like get/send, but with status and headers (for vendors that put meaning there). */
  request<T>(method: Method, path: string, options?: RequestOptions): Promise<HttpResponse<T>>;
  getBinary(path: string, options?: RequestOptions): Promise<HttpResponse<Buffer>>;
  close(): void;
}

const RETRYABLE_METHODS: Method[] = ["GET", "HEAD"];
const RETRYABLE_STATUS = [429, 500, 502, 503, 504];
// A refused connection or a timeout is reported at once: retrying a hung or stopped vendor only
// multiplies the wait of the whole query (see README, "Errors").
const RETRYABLE_NETWORK = ["ECONNRESET", "EPIPE", "EAI_AGAIN"];

function cleanParams(
  params: SearchParams | undefined,
): Record<string, string | number | boolean> | undefined {
  if (!params) return undefined;
  const out: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(params)) if (value !== undefined) out[key] = value;
  return out;
}

function parseJson(text: string): unknown {
  return text.length === 0 ? undefined : JSON.parse(text);
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const agent = {
    http: new http.Agent({ keepAlive: true, maxSockets: options.maxConcurrency }),
    https: new https.Agent({ keepAlive: true, maxSockets: options.maxConcurrency }),
  };
  const baseDelay = options.retryBaseDelayMs ?? 200;
  const instance: Got = got.extend({
    agent,
    timeout: { request: options.timeoutMs },
    throwHttpErrors: true,
    responseType: "text",
    retry: {
      limit: options.retries,
      methods: RETRYABLE_METHODS,
      statusCodes: RETRYABLE_STATUS,
      errorCodes: RETRYABLE_NETWORK,
      maxRetryAfter: options.maxRetryAfterMs ?? 30_000,
      enforceRetryRules: true,
      calculateDelay: ({ attemptCount, retryAfter }) =>
        retryAfter !== undefined ? retryAfter : baseDelay * 2 ** (attemptCount - 1) + Math.random() * 50,
    },
    headers: { accept: "application/json", "user-agent": "rollcall" },
  });
  const limit: Limiter = createLimiter(options.maxConcurrency);

  /** One HTTP exchange (got's own retries included), holding one of the source's slots. */
  async function exchange(
    method: Method,
    path: string,
    request: RequestOptions,
    auth: Record<string, string> | undefined,
    binary: boolean,
  ): Promise<HttpResponse<unknown>> {
    const started = performance.now();
    try {
      const response = (await instance(options.apiBase + path, {
        method,
        headers: { ...auth, ...request.headers },
        searchParams: cleanParams(request.searchParams),
        json: request.json,
        form: request.form,
        responseType: binary ? "buffer" : "text",
      })) as Response<string | Buffer>;
      const body = binary ? response.rawBody : parseJson(response.body as string);
      options.observe?.({
        sourceId: options.sourceId,
        method,
        status: response.statusCode,
        durationMs: performance.now() - started,
      });
      return { status: response.statusCode, headers: response.headers, body };
    } catch (error) {
      const failure = toSourceError(error, options);
      const status = error instanceof HTTPError ? error.response.statusCode : null;
      options.observe?.({
        sourceId: options.sourceId,
        method,
        status,
        durationMs: performance.now() - started,
        errorCode: failure.code,
      });
      throw failure;
    }
  }

  /**
   * Credentials are fetched (and renewed after a 401) outside the concurrency slots, and logins
   * (`anonymous`) skip the queue: otherwise requests holding every slot while waiting for a
   * token would starve the very login they wait for.
   */
  async function run(method: Method, path: string, request: RequestOptions = {}, binary = false) {
    let renewed = false;
    for (;;) {
      const auth = request.anonymous ? undefined : await options.auth.headers();
      try {
        return await (request.anonymous
          ? exchange(method, path, request, auth, binary)
          : limit(() => exchange(method, path, request, auth, binary)));
      } catch (error) {
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

  return {
    get: async <T>(path: string, request?: RequestOptions) => (await run("GET", path, request)).body as T,
    send: async <T>(method: Method, path: string, request?: RequestOptions) =>
      (await run(method, path, request)).body as T,
    request: async <T>(method: Method, path: string, request?: RequestOptions) =>
      (await run(method, path, request)) as HttpResponse<T>,
    getBinary: async (path: string, request?: RequestOptions) =>
      (await run("GET", path, request, true)) as HttpResponse<Buffer>,
    close() {
      agent.http.destroy();
      agent.https.destroy();
    },
  };
}
