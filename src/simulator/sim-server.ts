import http from "node:http";
import type { AddressInfo } from "node:net";
import { propertyHolding } from "./body-fields.js";
import { type EchoedRequest, FaultController, type FaultSettings } from "./faults.js";
import { RequestLog } from "./request-log.js";
import type { SimRequest, SimResponse, SimRouter } from "./router.js";

/** Thrown by a simulator handler to answer with the vendor's error body. */
export class SimHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export interface SimServerOptions {
  /** The vendor's name, for messages. */
  readonly name: string;
  readonly router: SimRouter;
  /** The instance root the client configures as part of `baseUrl` (e.g. "/tool" of `https://host/tool`). */
  readonly rootPath?: string;
  /**
   * Where the API lives below the root (e.g. "/api/rest/latest"); routes are relative to it. A
   * request outside root + API path is no route at all (404, like the vendor's server), however
   * its tail is spelled: a client that left the path out must not reach a route by accident.
   */
  readonly apiPath?: string;
  /** Derives the route path and query from the URL (for a vendor whose route is in its query string). */
  readonly resolve?: (url: URL) => { path: string; query: URLSearchParams };
  /** Checks credentials: the vendor's 401 answer, or null to let the request through. */
  readonly authenticate?: (request: SimRequest) => SimResponse | null;
  /** The vendor's error answer for a status and message. */
  readonly errorBody: (status: number, message: string) => SimResponse;
  /** The vendor's 429 answer (defaults to errorBody plus Retry-After). */
  readonly rateLimited?: (retryAfterSeconds: number) => SimResponse;
  /** The vendor's refusal of one request body property (a dotted path such as `UserData.Email`),
   *  in its own words and shape, as the `refuse` fault answers it (defaults to errorBody's 400). */
  readonly fieldRefusal?: (property: string) => SimResponse;
}

export interface SimServer {
  readonly name: string;
  readonly log: RequestLog;
  readonly faults: FaultController;
  /** The root URL clients configure as `baseUrl` (set once started). */
  readonly url: string;
  start(port?: number, host?: string): Promise<string>;
  stop(): Promise<void>;
}

const ADMIN_PREFIX = "/__sim/";

function parseBody(raw: string, contentType: string | undefined): unknown {
  if (raw.length === 0) return undefined;
  if (contentType?.includes("application/x-www-form-urlencoded"))
    return Object.fromEntries(new URLSearchParams(raw));
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/** Headers that carry the transport, not a credential: what an `echo` leaves out. */
const TRANSPORT_HEADERS = new Set([
  "host",
  "connection",
  "keep-alive",
  "content-length",
  "content-type",
  "transfer-encoding",
  "accept",
  "accept-encoding",
  "accept-language",
  "cache-control",
  "pragma",
  "user-agent",
]);

/** Every header of a request that may carry a credential, whatever the vendor calls it. */
function credentialHeaders(request: SimRequest): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers))
    if (value !== undefined && !TRANSPORT_HEADERS.has(name) && !name.startsWith("sec-fetch-"))
      headers[name] = [value].flat().join(", ");
  return headers;
}

/** What an `echo` fault repeats of a request: whatever could carry a credential, or its body alone. */
function echoOf(request: SimRequest, raw: string, pad: number, only?: "request" | "body"): string {
  if (only === "body") return `${"#".repeat(pad)}Request refused: ${raw}`;
  const header = (name: string) => [request.headers[name] ?? ""].flat().join(", ");
  const authorization = header("authorization");
  const basic = /^basic\s+(\S+)/i.exec(authorization)?.[1];
  const parts = [
    `authorization=${authorization}`,
    `authentication=${header("authentication")}`,
    ...(basic ? [`credentials=${Buffer.from(basic, "base64").toString("utf8")}`] : []),
    `headers=${JSON.stringify({ authorization, authentication: header("authentication"), ...credentialHeaders(request) })}`,
    `query=${request.query.toString()}`,
    `body=${raw}`,
    `quoted=${JSON.stringify(raw)}`,
  ];
  return `${"#".repeat(pad)}Request refused; it carried ${parts.join("; ")}`;
}

function echoed(request: SimRequest, raw: string): EchoedRequest {
  return {
    method: request.method,
    path: request.path,
    headers: credentialHeaders(request),
    query: request.query.toString(),
    body: raw,
  };
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** An answer ready to send: its body serialized, its headers complete. */
interface Prepared {
  readonly status: number;
  readonly headers: Record<string, string | number>;
  readonly payload: string | Buffer;
}

function prepare(response: SimResponse): Prepared {
  if (response.binary)
    return {
      status: response.status,
      headers: { "content-type": response.binary.contentType, ...response.headers },
      payload: response.binary.data,
    };
  const text = response.text ?? (response.body === undefined ? "" : JSON.stringify(response.body));
  return {
    status: response.status,
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-length": Buffer.byteLength(text),
      ...response.headers,
    },
    payload: text,
  };
}

function send(res: http.ServerResponse, prepared: Prepared): void {
  res.writeHead(prepared.status, prepared.headers);
  res.end(prepared.payload);
}

const write = (res: http.ServerResponse, response: SimResponse) => send(res, prepare(response));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An HTTP server that plays one vendor: its routes, auth, error bodies, plus a request log and faults. */
export function createSimServer(options: SimServerOptions): SimServer {
  const log = new RequestLog();
  const faults = new FaultController();
  const rootPath = options.rootPath ?? "";
  const basePath = rootPath + (options.apiPath ?? "");
  let url = "";

  // Outside the base, the path keeps a marker no route matches, and shows in the request log.
  const resolve =
    options.resolve ??
    ((u: URL) => ({
      path:
        u.pathname === basePath || u.pathname.startsWith(`${basePath}/`)
          ? u.pathname.slice(basePath.length) || "/"
          : `(outside ${basePath})${u.pathname}`,
      query: u.searchParams,
    }));

  async function handleAdmin(req: http.IncomingMessage, res: http.ServerResponse, path: string) {
    const body = parseBody(await readBody(req), req.headers["content-type"]);
    if (path === "log" && req.method === "GET")
      return write(res, {
        status: 200,
        body: {
          total: log.total,
          abandoned: log.abandoned,
          timeOrigin: performance.timeOrigin,
          entries: log.list(),
        },
      });
    if (path === "log" && req.method === "DELETE") {
      log.clear();
      return write(res, { status: 204 });
    }
    if (path === "faults" && req.method === "GET")
      return write(res, { status: 200, body: faults.describe() });
    if (path === "faults" && req.method === "POST") {
      faults.set(body as FaultSettings);
      return write(res, { status: 200, body: faults.describe() });
    }
    if (path === "faults" && req.method === "DELETE") {
      faults.clear();
      return write(res, { status: 204 });
    }
    return write(res, { status: 404, body: { error: "unknown simulator admin route" } });
  }

  /** The request as the vendor answers it, then what an after-route fault makes of that answer. */
  async function answer(request: SimRequest, raw: string): Promise<SimResponse | "hang" | "drop"> {
    const response = await answerBeforeFaults(request, raw);
    if (typeof response === "string" || response.status < 200 || response.status >= 300) return response;
    const lost = faults.take(request.method, request.path, "after");
    if (!lost) return response;
    if (lost.drop) return "drop";
    return options.errorBody(lost.status ?? 502, "Bad Gateway: the upstream answer was lost");
  }

  async function answerBeforeFaults(
    request: SimRequest,
    raw: string,
  ): Promise<SimResponse | "hang" | "drop"> {
    const refused = (value: string | undefined) =>
      value === undefined ? null : propertyHolding(request.body, value);
    const fault = faults.take(
      request.method,
      request.path,
      "before",
      (f) => f.kind !== "refuse" || refused(f.value) !== null,
    );
    if (fault?.kind === "hang" || fault?.kind === "drop") return fault.kind;
    if (fault?.kind === "refuse") {
      const property = refused(fault.value) as string;
      return options.fieldRefusal?.(property) ?? options.errorBody(400, `${property} is not valid`);
    }
    if (fault?.kind === "echo") {
      faults.echoed.push(echoed(request, raw));
      return options.errorBody(fault.status ?? 400, echoOf(request, raw, fault.pad ?? 0, fault.echoes));
    }
    if (fault?.kind === "5xx") return options.errorBody(fault.status ?? 500, "Simulated server error");
    if (fault?.kind === "429") {
      const seconds = fault.retryAfterSeconds ?? 1;
      const limited = options.rateLimited?.(seconds) ?? options.errorBody(429, "Too many requests");
      return { ...limited, headers: { "retry-after": String(seconds), ...limited.headers } };
    }
    if (fault?.kind === "malformed") return { status: 200, text: '{"truncated": [ {"id": 1, ' };

    const match = options.router.match(request.method, request.path);
    if (match === null) return options.errorBody(404, `No route for ${request.method} ${request.path}`);
    if (match === "method-not-allowed") return options.errorBody(405, `Method ${request.method} not allowed`);
    if (!match.isPublic) {
      const denied = options.authenticate?.(request);
      if (denied) return denied;
    }
    try {
      return await match.handler({ ...request, params: match.params });
    } catch (error) {
      if (error instanceof SimHttpError) {
        const response = options.errorBody(error.status, error.message);
        return { ...response, headers: { ...response.headers, ...error.headers } };
      }
      return options.errorBody(500, "Internal simulator error");
    }
  }

  /** Whether a route needs no credentials (a sign-in): the log marks its requests. */
  const publicRoute = (method: string, path: string): boolean => {
    try {
      const route = options.router.match(method, path);
      return typeof route === "object" && route !== null && route.isPublic;
    } catch {
      return false; // a path the router can't decode is no route at all
    }
  };

  const server = http.createServer(async (req, res) => {
    const parsed = new URL(req.url ?? "/", "http://simulator");
    if (parsed.pathname.startsWith(ADMIN_PREFIX)) {
      await handleAdmin(req, res, parsed.pathname.slice(ADMIN_PREFIX.length));
      return;
    }
    const receivedAt = performance.now();
    // The client gave up on it (a cancelled operation aborts its calls): count it.
    res.once("close", () => {
      if (!res.writableFinished) log.abandoned += 1;
    });
    const { path, query } = resolve(parsed);
    const raw = await readBody(req);
    const request: SimRequest = {
      method: req.method ?? "GET",
      path,
      query,
      headers: req.headers,
      body: parseBody(raw, req.headers["content-type"]),
      params: {},
    };
    const response = await answer(request, raw);
    const isPublic = publicRoute(request.method, path);
    if (response === "hang" || response === "drop") {
      log.record({
        method: request.method,
        path,
        query: query.toString(),
        status: 0,
        public: isPublic,
        receivedAt,
      });
      if (response === "drop") req.socket.destroy();
      return; // a hang is never answered; stop() or the client's timeout ends it
    }
    const prepared = prepare(response);
    // The latency is when the answer leaves, counted from receipt: a vendor's own work happens on
    // its servers, inside its response time. Working after the wait instead put each simulator's
    // CPU on top of the delay, and a burst of calls queued behind each other's serialization on
    // the cores the gateway shares with them (bench/README.md, scenario 2).
    // A timer may fire up to a millisecond early against performance.now() (libuv measures from its
    // cached loop time), so whatever is left is waited for again.
    let wait = faults.latencyMs - (performance.now() - receivedAt);
    while (wait > 0) {
      await sleep(wait);
      wait = faults.latencyMs - (performance.now() - receivedAt);
    }
    log.record({
      method: request.method,
      path,
      query: query.toString(),
      status: response.status,
      public: isPublic,
      receivedAt,
      answeredAt: performance.now(),
      ...(typeof req.headers.traceparent === "string" && { traceparent: req.headers.traceparent }),
    });
    send(res, prepared);
  });
  server.keepAliveTimeout = 30_000;

  return {
    name: options.name,
    log,
    faults,
    get url() {
      return url;
    },
    start(port = 0, host = "127.0.0.1") {
      return new Promise((resolveStart, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          const address = server.address() as AddressInfo;
          url = `http://${host}:${address.port}${rootPath}`;
          resolveStart(url);
        });
      });
    },
    stop() {
      return new Promise((resolveStop) => {
        server.closeAllConnections();
        server.close(() => resolveStop());
      });
    },
  };
}
