/**
 * Each caller has its own rate limit (an API key, a token's subject; anonymous callers their IP),
 * answered with 429 and Retry-After before anything reaches a vendor.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newApiKey } from "../../../src/server/api-keys.js";
import { type GatewayHarness, startGateway } from "../../support/gateway-harness.js";
import { startIssuer, type TestIssuer } from "../../support/oidc-issuer.js";
import { userWithAvatar } from "../../support/pick-vendor.js";

/** A vendor with avatars (a signed link is one of the routes limited), and a user with a picture. */
const avatar = await userWithAvatar(2);

const READ = `{ users(first: 1) { nodes { id } } }`;

describe("rate limits per caller", () => {
  let gw: GatewayHarness;
  let idp: TestIssuer;
  const generous = newApiKey();
  const writer = newApiKey();
  beforeAll(async () => {
    idp = await startIssuer();
    await idp.addKey("k1");
    gw = await startGateway({
      instances: [{ vendor: avatar.vendor, id: "src" }],
      users: 2,
      auth: {
        jwt: { issuer: idp.issuer, audience: idp.audience, jwksUri: idp.jwksUri },
        apiKeys: [
          { name: "writer", scope: "write", sha256: writer.sha256 },
          { name: "generous", scope: "read", sha256: generous.sha256, rateLimit: 6 },
        ],
      },
      extraConfig: { rateLimit: { max: 3, anonymousMax: 2, windowMs: 60_000 } },
    });
  });
  afterAll(async () => {
    await gw?.stop();
    await idp?.stop();
  });

  const send = async (headers: Record<string, string>, query = READ) => {
    gw.clearLogs();
    const response = await fetch(gw.rollcall.url, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ query }),
    });
    return {
      status: response.status,
      retryAfter: response.headers.get("retry-after"),
      body: (await response.json()) as {
        errors?: Array<{ message: string; extensions: Record<string, unknown> }>;
      },
      upstream: gw.sims.get("src")!.log.total,
    };
  };
  const bearer = (credential: string) => ({ authorization: `Bearer ${credential}` });

  it("answers a caller's request past its limit with 429 and Retry-After, reaching no vendor", async () => {
    const token = await idp.sign("ada", "rollcall:read");
    for (let i = 0; i < 3; i++) expect((await send(bearer(token))).status).toBe(200);
    const over = await send(bearer(token));
    expect(over.status).toBe(429);
    expect(Number(over.retryAfter)).toBeGreaterThan(0);
    expect(Number(over.retryAfter)).toBeLessThanOrEqual(60);
    expect(over.body.errors?.[0]?.extensions).toEqual({
      code: "RATE_LIMITED",
      retryAfter: Number(over.retryAfter),
    });
    expect(over.body.errors?.[0]?.message).toMatch(
      /^Rate limit exceeded: 3 requests per 60 s; retry in \d+ s$/,
    );
    expect(over.upstream).toBe(0);
  });

  it("counts a person's requests together across tokens, and apart from everyone else's", async () => {
    const grace = () => idp.sign("grace", "rollcall:read", { claims: { jti: crypto.randomUUID() } });
    for (let i = 0; i < 3; i++) expect((await send(bearer(await grace()))).status).toBe(200);
    expect((await send(bearer(await grace()))).status).toBe(429);
    // ada (exhausted above) and grace are both throttled; an API key is its own caller.
    expect((await send(bearer(writer.key))).status).toBe(200);
  });

  it("gives an API key its own configured limit", async () => {
    for (let i = 0; i < 6; i++) expect((await send(bearer(generous.key))).status).toBe(200);
    expect((await send(bearer(generous.key))).status).toBe(429);
  });

  it("counts a signed avatar link against the caller it was handed to", async () => {
    const key = bearer(writer.key);
    // The write key has used 1 of its 3 above; the query that hands out the link is its 2nd.
    const { data } = await gw.gql<{ node: { avatarUrl: string } }>(
      `query($id: ID!) { node(id: $id) { ... on User { avatarUrl } } }`,
      { id: `src:User:${avatar.remoteId}` },
      key,
    );
    const link = new URL(data!.node.avatarUrl, gw.rollcall.origin);
    expect((await fetch(link)).status).toBe(200);
    const over = await fetch(link);
    expect(over.status).toBe(429);
    expect(over.headers.get("retry-after")).toMatch(/^\d+$/);
    expect((await send(key)).status).toBe(429);
  });
});

describe("rate limits for anonymous callers", () => {
  let gw: GatewayHarness;
  beforeAll(async () => {
    gw = await startGateway({
      instances: [{ vendor: avatar.vendor, id: "src" }],
      users: 1,
      extraConfig: { rateLimit: { max: 100, anonymousMax: 2, windowMs: 60_000 } },
    });
  });
  afterAll(() => gw?.stop());

  it("counts requests without credentials, and with refused ones, per client IP; /health is never limited", async () => {
    const status = async (headers: Record<string, string> = {}) =>
      (await gw.gql(READ, undefined, headers)).status;
    expect(await status()).toBe(200);
    expect(await status({ authorization: "Bearer rk_guess-1" })).toBe(401);
    // The IP's two are spent: a third guess is not even checked.
    expect(await status({ authorization: "Bearer rk_guess-2" })).toBe(429);
    expect(await status()).toBe(429);
    expect(await status({ authorization: `Bearer ${gw.keys.read}` })).toBe(200);
    expect((await fetch(`${gw.rollcall.origin}/health`)).status).toBe(200);
  });
});

describe("a server with rate limits off", () => {
  it("never answers 429", async () => {
    const gw = await startGateway({
      instances: [{ vendor: avatar.vendor, id: "src" }],
      users: 1,
      extraConfig: { rateLimit: { enabled: false, anonymousMax: 1 } },
    });
    try {
      for (let i = 0; i < 4; i++) expect((await gw.gql(`{ sources { id } }`)).status).toBe(200);
    } finally {
      await gw.stop();
    }
  });
});
