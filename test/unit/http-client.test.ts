import { getEventListeners } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ErrorCode, SourceError } from "../../src/model/errors.js";
import { SimRouter } from "../../src/simulator/router.js";
import { createSimServer, type SimServer } from "../../src/simulator/sim-server.js";
import { apiPath } from "../../src/vendors/http/api-path.js";
import { basicAuth, loginAuth } from "../../src/vendors/http/auth.js";
import { createHttpClient, type HttpClient } from "../../src/vendors/http/http-client.js";
import { withOperationSignal } from "../../src/vendors/http/operation-signal.js";

/** A bare upstream: one resource to read, one to write, a token login. */
function upstream(): {
  sim: SimServer;
  tokens: { valid: Set<string>; issued: number };
  load: { active: number; peak: number };
} {
  const tokens = { valid: new Set<string>(), issued: 0 };
  const load = { active: 0, peak: 0 };
  const router = new SimRouter()
    .get("/thing", () => ({ status: 200, body: { ok: true } }))
    .get("/things/:id", () => ({ status: 404, body: { message: "no such thing" } }))
    .get("/slow", async () => {
      load.active += 1;
      load.peak = Math.max(load.peak, load.active);
      await new Promise((r) => setTimeout(r, 30));
      load.active -= 1;
      return { status: 200, body: {} };
    })
    .post("/thing", () => ({ status: 201, body: { created: true } }))
    .post(
      "/login",
      () => {
        tokens.issued += 1;
        const token = `t${tokens.issued}`;
        tokens.valid.add(token);
        return { status: 200, body: { token } };
      },
      { public: true },
    );
  const sim = createSimServer({
    name: "upstream",
    router,
    authenticate: (r) =>
      tokens.valid.has(String(r.headers.authorization))
        ? null
        : { status: 401, body: { message: "expired" } },
    errorBody: (status, message) => ({ status, body: { message } }),
  });
  return { sim, tokens, load };
}

describe("the shared HTTP client", () => {
  let up: ReturnType<typeof upstream>;
  let http: HttpClient;

  beforeAll(async () => {
    up = upstream();
    const url = await up.sim.start();
    http = createHttpClient({
      sourceId: "up",
      vendor: "Upstream",
      describe: (b) => (b as { message?: string }).message,
      apiBase: `${url}/`,
      auth: loginAuth(
        async () => (await http.send<{ token: string }>("POST", apiPath`login`, { anonymous: true })).token,
        (token) => ({ authorization: token }),
      ),
      timeoutMs: 2000,
      retries: 2,
      maxConcurrency: 4,
      retryBaseDelayMs: 5,
    });
  });
  afterAll(async () => {
    http.close();
    await up.sim.stop();
  });

  const calls = (method: string, path: string) =>
    up.sim.log.list().filter((e) => e.method === method && e.path === path).length;

  it("logs in once and shares the token across concurrent requests", async () => {
    up.sim.log.clear();
    await Promise.all(Array.from({ length: 6 }, () => http.get("thing")));
    expect(calls("POST", "/login")).toBe(1);
    expect(calls("GET", "/thing")).toBe(6);
  });

  it("renews a rejected token once, then reports a second rejection", async () => {
    up.tokens.valid.clear();
    up.sim.log.clear();
    await expect(http.get("thing")).resolves.toEqual({ ok: true });
    expect(calls("POST", "/login")).toBe(1);
    up.sim.faults.inject({ kind: "5xx", status: 401, match: "GET /thing" });
    const error = await http.get("thing").catch((e: unknown) => e);
    expect((error as SourceError).code).toBe(ErrorCode.SOURCE_AUTH_FAILED);
    up.sim.faults.clear();
  });

  it("reports a 404 on a route as the source's configuration problem, naming the route", async () => {
    const error = (await http.get("nowhere").catch((e: unknown) => e)) as SourceError;
    expect(error.code).toBe(ErrorCode.SOURCE_MISCONFIGURED);
    expect(error.httpStatus).toBe(404);
    expect(error.message).toContain("does not serve GET nowhere");
  });

  it("names a route by its template in a 404, and scrubs what the call was about from the vendor's echo of it", async () => {
    // A vendor whose 404 quotes the request it was sent (its query, here) as many error pages do.
    up.sim.faults.inject({ kind: "echo", status: 404, match: "GET /people/", times: 1 });
    const error = (await http
      .get(apiPath`people/${"ann.login"}`, { searchParams: { username: "ann@example.com", page: 2 } })
      .catch((e: unknown) => e)) as SourceError;
    up.sim.faults.clear();
    expect(error.code).toBe(ErrorCode.SOURCE_MISCONFIGURED);
    expect(error.message).toContain("does not serve GET people/{id}:");
    expect(error.vendorMessage).toContain("query=username=[redacted]&page=2");
    const told = JSON.stringify({ ...error, message: error.message });
    for (const form of ["ann.login", "ann@example.com", "ann%40example.com"])
      expect(told).not.toContain(form);
  });

  it("reports a 404 on a path declared to name an object as that object missing", async () => {
    const error = (await http
      .get("things/7", { notFound: "object" })
      .catch((e: unknown) => e)) as SourceError;
    expect(error.code).toBe(ErrorCode.NOT_FOUND);
    expect(error.vendorMessage).toBe("no such thing");
  });

  it("retries idempotent reads on 5xx, up to the limit", async () => {
    up.sim.log.clear();
    up.sim.faults.inject({ kind: "5xx", status: 502, match: "GET /thing" });
    const error = await http.get("thing").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as SourceError).httpStatus).toBe(502);
    expect(calls("GET", "/thing")).toBe(3);
    up.sim.faults.clear();
  });

  it("never retries a write blindly", async () => {
    up.sim.log.clear();
    up.sim.faults.inject({ kind: "5xx", status: 503, match: "POST /thing" });
    const error = await http.send("POST", "thing", { json: { a: 1 } }).catch((e: unknown) => e);
    expect((error as SourceError).code).toBe(ErrorCode.SOURCE_UNAVAILABLE);
    expect(calls("POST", "/thing")).toBe(1);
    up.sim.faults.clear();
  });

  it("reports a rate limit whose Retry-After is past the cap without waiting for it", async () => {
    up.sim.log.clear();
    up.sim.faults.inject({ kind: "429", retryAfterSeconds: 3600, match: "GET /thing" });
    const error = await http.get("thing").catch((e: unknown) => e);
    expect((error as SourceError).code).toBe(ErrorCode.SOURCE_RATE_LIMITED);
    expect((error as SourceError).retryAfter).toBe(3600);
    expect(calls("GET", "/thing")).toBe(1);
    up.sim.faults.clear();
  });

  it("retries a rate-limited read after the Retry-After the vendor sent", async () => {
    up.sim.log.clear();
    up.sim.faults.inject({ kind: "429", retryAfterSeconds: 0, times: 1, match: "GET /thing" });
    await expect(http.get("thing")).resolves.toEqual({ ok: true });
    expect(calls("GET", "/thing")).toBe(2);
  });

  it("reports a body that is not JSON as a bad response", async () => {
    up.sim.faults.inject({ kind: "malformed", times: 1, match: "GET /thing" });
    const error = await http.get("thing").catch((e: unknown) => e);
    expect((error as SourceError).code).toBe(ErrorCode.SOURCE_BAD_RESPONSE);
  });

  it("sends a write without a body and reads its answer", async () => {
    await expect(http.send("POST", "thing")).resolves.toEqual({ created: true });
  });

  it("keeps at most maxConcurrency requests in flight at the source", async () => {
    await Promise.all(Array.from({ length: 12 }, () => http.get("slow")));
    expect(up.load.peak).toBe(4);
  });
});

describe("a login token", () => {
  it("is renewed once for a burst of requests refused with the same stale token", async () => {
    const up = upstream();
    const url = await up.sim.start();
    const http: HttpClient = createHttpClient({
      sourceId: "up",
      vendor: "Upstream",
      describe: () => undefined,
      apiBase: `${url}/`,
      auth: loginAuth(
        async () => (await http.send<{ token: string }>("POST", apiPath`login`, { anonymous: true })).token,
        (token) => ({ authorization: token }),
      ),
      timeoutMs: 2000,
      retries: 0,
      maxConcurrency: 3,
    });
    await http.get("thing");
    up.tokens.valid.clear();
    up.sim.log.clear();
    await Promise.all(Array.from({ length: 8 }, () => http.get("thing")));
    expect(up.sim.log.list().filter((e) => e.path === "/login")).toHaveLength(1);
    http.close();
    await up.sim.stop();
  });
});

describe("an operation's abort signal", () => {
  it("holds none of the operation's calls once they are answered, and they keep their sockets", async () => {
    let connections = 0;
    const server = createServer((req, res) => {
      const status = req.url === "/missing" ? 500 : 200;
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify({ at: req.url }));
    });
    server.on("connection", () => connections++);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const http = createHttpClient({
      sourceId: "up",
      vendor: "Upstream",
      describe: () => undefined,
      apiBase: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
      auth: basicAuth("rollcall", "secret"),
      timeoutMs: 2000,
      retries: 0,
      maxConcurrency: 4,
    });
    const operation = new AbortController();
    // Each call once listened for the signal until the operation ended, holding its answer: a
    // listener per call, and each new one a walk over all the others.
    await withOperationSignal(operation.signal, () =>
      Promise.all([
        ...Array.from({ length: 40 }, (_, i) => http.get(apiPath`thing/${i}`)),
        http.send("POST", "thing", { json: {} }),
        http.get("missing").catch(() => "refused"),
      ]),
    );
    expect(getEventListeners(operation.signal, "abort")).toHaveLength(0);
    expect(connections).toBeLessThanOrEqual(4);
    http.close();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });
});
