/**
 * Browsers: an app on a configured origin can call Rollcall (its preflight lets Authorization and
 * content-type through); other origins are refused; and what a browser can send cross-site
 * without a preflight is refused by Apollo's CSRF protection before anything runs.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GatewayHarness, startGateway } from "../../support/gateway-harness.js";
import { anyVendor } from "../../support/pick-vendor.js";

const APP = "https://access-console.example.test";
const QUERY = `{ users(first: 1) { nodes { id } } }`;
const CSRF = /^This operation has been blocked as a potential Cross-Site Request Forgery \(CSRF\)/;

describe("CORS", () => {
  let gw: GatewayHarness;
  beforeAll(async () => {
    gw = await startGateway({
      instances: [{ vendor: anyVendor(), id: "src" }],
      users: 1,
      extraConfig: { cors: { origins: [APP], maxAgeSeconds: 120 } },
    });
  });
  afterAll(() => gw?.stop());

  const preflight = (origin: string, headers = "authorization, content-type") =>
    fetch(gw.rollcall.url, {
      method: "OPTIONS",
      headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": headers },
    });
  const post = async (origin: string | undefined) => {
    gw.clearLogs();
    const response = await fetch(gw.rollcall.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${gw.keys.read}`,
        ...(origin && { origin }),
      },
      body: JSON.stringify({ query: QUERY }),
    });
    return {
      response,
      body: (await response.json()) as Record<string, unknown>,
      upstream: gw.sims.get("src")!.log.total,
    };
  };

  it("answers a configured origin's preflight, letting Authorization and content-type through", async () => {
    const response = await preflight(APP);
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe(APP);
    expect(response.headers.get("access-control-allow-methods")).toBe("GET, POST");
    const allowed = response.headers.get("access-control-allow-headers")?.split(/,\s*/);
    expect(allowed).toEqual(
      expect.arrayContaining(["authorization", "content-type", "apollo-require-preflight"]),
    );
    expect(response.headers.get("access-control-max-age")).toBe("120");
    expect(response.headers.get("access-control-allow-credentials")).toBeNull();
  });

  it("lets the configured origin's request through, telling its browser it may read the answer", async () => {
    const { response, body, upstream } = await post(APP);
    expect(response.status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(response.headers.get("access-control-allow-origin")).toBe(APP);
    expect(response.headers.get("access-control-expose-headers")).toContain("retry-after");
    expect(upstream).toBeGreaterThan(0);
  });

  it("refuses another origin's preflight and request (403, no CORS headers), reaching no vendor", async () => {
    for (const origin of ["https://evil.example.test", `${APP}.evil.example.test`, "null"]) {
      const response = await preflight(origin);
      expect(response.status).toBe(403);
      expect(response.headers.get("access-control-allow-origin")).toBeNull();
      const { response: refused, body, upstream } = await post(origin);
      expect(refused.status).toBe(403);
      expect(refused.headers.get("access-control-allow-origin")).toBeNull();
      expect(body).toEqual({
        errors: [
          {
            message: `Origin ${JSON.stringify(origin)} may not call Rollcall (see cors.origins)`,
            extensions: { code: "FORBIDDEN" },
          },
        ],
      });
      expect(upstream).toBe(0);
    }
  });

  it("serves its own GraphiQL page's requests (same origin) and clients that send no Origin", async () => {
    expect((await post(gw.rollcall.origin.replace("localhost", "127.0.0.1"))).response.status).toBe(200);
    expect((await post(undefined)).response.status).toBe(200);
  });
});

describe("CSRF prevention", () => {
  let gw: GatewayHarness;
  beforeAll(async () => {
    gw = await startGateway({ instances: [{ vendor: anyVendor(), id: "src" }], users: 1 });
  });
  afterAll(() => gw?.stop());

  const send = async (init: RequestInit & { query?: Record<string, string> }) => {
    gw.clearLogs();
    const url = init.query ? `${gw.rollcall.url}?${new URLSearchParams(init.query)}` : gw.rollcall.url;
    const response = await fetch(url, {
      ...init,
      headers: { authorization: `Bearer ${gw.keys.write}`, ...init.headers },
    });
    const text = await response.text();
    return { status: response.status, text, upstream: gw.sims.get("src")!.log.total };
  };
  const refusedAsCsrf = (result: { status: number; text: string; upstream: number }) => {
    expect(result.status).toBe(400);
    const body = JSON.parse(result.text) as {
      errors: Array<{ message: string; extensions: { code: string } }>;
    };
    expect(body.errors[0]?.message).toMatch(CSRF);
    expect(body.errors[0]?.extensions.code).toBe("BAD_REQUEST");
    expect(result.upstream).toBe(0);
  };
  const json = JSON.stringify({ query: QUERY });

  it("refuses a text/plain POST", async () => {
    refusedAsCsrf(await send({ method: "POST", headers: { "content-type": "text/plain" }, body: json }));
  });

  it("refuses a form-encoded POST", async () => {
    refusedAsCsrf(
      await send({ method: "POST", body: new URLSearchParams({ query: QUERY }) }), // application/x-www-form-urlencoded
    );
  });

  it("refuses a multipart form POST", async () => {
    const form = new FormData();
    form.set("query", QUERY);
    refusedAsCsrf(await send({ method: "POST", body: form }));
  });

  it("refuses a POST whose body has no content type", async () => {
    refusedAsCsrf(await send({ method: "POST", body: new Blob([json]) })); // a Blob without a type sends none
  });

  it("refuses a GET with neither a JSON content type nor apollo-require-preflight", async () => {
    refusedAsCsrf(
      await send({ method: "GET", query: { query: QUERY }, headers: { accept: "application/json" } }),
    );
  });

  it("runs a GET with apollo-require-preflight or a JSON content type, and a POST with a JSON one", async () => {
    const preflighted: Array<Record<string, string>> = [
      { "apollo-require-preflight": "true" },
      { "content-type": "application/json" },
    ];
    for (const headers of preflighted) {
      const result = await send({ method: "GET", query: { query: QUERY }, headers });
      expect(result.status).toBe(200);
      expect(result.upstream).toBeGreaterThan(0);
    }
    const result = await send({
      method: "POST",
      headers: { "content-type": "application/json" },
      body: json,
    });
    expect(result.status).toBe(200);
  });

  it("answers a POST of another non-JSON type 415 (not a simple request, not read either)", async () => {
    const result = await send({
      method: "POST",
      headers: { "content-type": "application/graphql" },
      body: QUERY,
    });
    expect(result.status).toBe(415);
    expect(result.upstream).toBe(0);
  });
});
