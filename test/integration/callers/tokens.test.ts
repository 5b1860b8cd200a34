/**
 * People call Rollcall with bearer JWTs from the company's identity provider (a JWKS issuer on
 * loopback here): signature, algorithm, issuer, audience and expiry are checked before anything
 * runs, scopes come from a claim, and API keys keep working beside tokens.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Capability } from "../../../src/model/capabilities.js";
import { type GatewayHarness, startGateway } from "../../support/gateway-harness.js";
import { startIssuer, type TestIssuer, unsignedToken } from "../../support/oidc-issuer.js";
import { userOfVendorWith } from "../../support/pick-vendor.js";

/** A vendor that reactivates users, and one of its users: the mutation below succeeds on it. */
const { vendor, remoteId } = userOfVendorWith(Capability.REACTIVATE_USERS);
const ACTIVATE = `mutation { setUserActive(input: { users: ["src:User:${remoteId}"], active: true }) { ok } }`;
const READ = `{ users(first: 1) { nodes { id } } }`;
const VIEWER = `{ viewer { kind name issuer scopes } }`;

describe("bearer tokens from the identity provider", () => {
  let idp: TestIssuer;
  let gw: GatewayHarness;
  beforeAll(async () => {
    idp = await startIssuer();
    await idp.addKey("k1");
    gw = await startGateway({
      instances: [{ vendor, id: "src" }],
      users: 2,
      auth: {
        anonymousReads: false,
        jwt: { issuer: idp.issuer, audience: idp.audience, jwksUri: idp.jwksUri, jwksCooldownMs: 0 },
      },
    });
  });
  afterAll(async () => {
    await gw?.stop();
    await idp?.stop();
  });

  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  const send = async (query: string, token: string) => {
    gw.clearLogs();
    const response = await gw.gql(query, undefined, as(token));
    return { ...response, upstream: gw.sims.get("src")!.log.total };
  };
  const refusal = (response: {
    errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
  }) => ({
    code: response.errors?.[0]?.extensions?.code,
    message: response.errors?.[0]?.message,
  });

  it("lets a token with read scope read, and tells resolvers who is asking", async () => {
    const token = await idp.sign("ada", "openid rollcall:read");
    const read = await send(READ, token);
    expect(read.status).toBe(200);
    expect(read.errors).toBeUndefined();
    expect(read.upstream).toBeGreaterThan(0);
    const { data } = await gw.gql(VIEWER, undefined, as(token));
    expect(data).toEqual({ viewer: { kind: "TOKEN", name: "ada", issuer: idp.issuer, scopes: ["READ"] } });
  });

  it("lets a token with write scope run a mutation (write includes read)", async () => {
    const token = await idp.sign("grace", "rollcall:write");
    const { status, data, upstream } = await send(ACTIVATE, token);
    expect(status).toBe(200);
    expect(data).toEqual({ setUserActive: { ok: true } });
    expect(upstream).toBeGreaterThan(0);
    expect((await gw.gql(VIEWER, undefined, as(token))).data?.viewer).toMatchObject({
      scopes: ["READ", "WRITE"],
    });
  });

  it("refuses a mutation for a token with only read scope as FORBIDDEN, reaching no vendor", async () => {
    const response = await send(ACTIVATE, await idp.sign("ada", "rollcall:read"));
    expect(response.status).toBe(403);
    expect(refusal(response)).toEqual({
      code: "FORBIDDEN",
      message: `The token of "ada" (issuer ${idp.issuer}) has read scope; mutations need write scope`,
    });
    expect(response.upstream).toBe(0);
  });

  it("refuses a read for a valid token that grants no Rollcall scope when anonymous reads are off", async () => {
    const response = await send(READ, await idp.sign("eve", "openid profile"));
    expect(response.status).toBe(403);
    expect(refusal(response).message).toContain("has no Rollcall scope");
    expect(response.upstream).toBe(0);
  });

  const refusedTokens: Array<[string, () => Promise<string>, string]> = [
    ["an expired token", () => idp.sign("ada", "rollcall:write", { expiresIn: -120 }), "it has expired"],
    [
      "a token from another issuer",
      () => idp.sign("ada", "rollcall:write", { issuer: "https://evil.example/" }),
      "its issuer is not the one Rollcall trusts",
    ],
    [
      "a token for another audience",
      () => idp.sign("ada", "rollcall:write", { audience: "another-app" }),
      "its audience is not Rollcall",
    ],
    [
      "a token whose signature does not verify (signed by a key that only shares the published key's id)",
      async () => {
        await idp.addKey("k1-forged", { publish: false });
        const forged = await idp.sign("ada", "rollcall:write", { kid: "k1-forged" });
        const [, payload, signature] = forged.split(".");
        const header = Buffer.from(JSON.stringify({ alg: "RS256", kid: "k1", typ: "JWT" })).toString(
          "base64url",
        );
        return `${header}.${payload}.${signature}`;
      },
      "its signature does not verify",
    ],
    [
      "a token with `alg: none`",
      async () =>
        unsignedToken({
          sub: "ada",
          iss: idp.issuer,
          aud: idp.audience,
          scope: "rollcall:write",
          exp: Math.floor(Date.now() / 1000) + 300,
        }),
      "its signing algorithm is not accepted",
    ],
    [
      "a token signed with an algorithm off the allow-list (HS256)",
      async () => {
        const { SignJWT } = await import("jose");
        return new SignJWT({ scope: "rollcall:write" })
          .setProtectedHeader({ alg: "HS256", kid: "k1" })
          .setSubject("ada")
          .setIssuer(idp.issuer)
          .setAudience(idp.audience)
          .setExpirationTime("5m")
          .sign(new TextEncoder().encode("a secret anyone could guess, or the public key itself"));
      },
      "its signing algorithm is not accepted",
    ],
    ["a token without a subject", () => idp.sign(undefined, "rollcall:write"), 'it has no "sub" claim'],
    ["a token with an empty subject", () => idp.sign("", "rollcall:write"), 'its "sub" claim is empty'],
  ];
  for (const [what, make, reason] of refusedTokens) {
    it(`refuses ${what} as UNAUTHENTICATED, for a mutation and a read, reaching no vendor`, async () => {
      const token = await make();
      for (const query of [ACTIVATE, READ]) {
        const response = await send(query, token);
        expect(response.status).toBe(401);
        expect(refusal(response)).toEqual({
          code: "UNAUTHENTICATED",
          message: `The bearer token is not valid: ${reason}`,
        });
        expect(response.upstream).toBe(0);
      }
    });
  }

  it("accepts a token expired within the clock tolerance (30 s by default)", async () => {
    const response = await send(READ, await idp.sign("ada", "rollcall:read", { expiresIn: -10 }));
    expect(response.status).toBe(200);
  });

  it("fetches the JWKS again for a key id it has not seen (a rotated key), and refuses a key the provider never published", async () => {
    await send(READ, await idp.sign("ada", "rollcall:read"));
    const before = idp.jwksFetches;
    await idp.addKey("k2", { alg: "ES256" });
    const rotated = await send(READ, await idp.sign("ada", "rollcall:read", { kid: "k2" }));
    expect(rotated.status).toBe(200);
    expect(idp.jwksFetches).toBe(before + 1);

    await idp.addKey("k9", { publish: false });
    const unknown = await send(READ, await idp.sign("ada", "rollcall:read", { kid: "k9" }));
    expect(unknown.status).toBe(401);
    expect(refusal(unknown).message).toBe(
      "The bearer token is not valid: the identity provider publishes no key with its key id",
    );
    expect(idp.jwksFetches).toBe(before + 2);
    expect(unknown.upstream).toBe(0);
  });

  it("answers 503 IDENTITY_PROVIDER_UNAVAILABLE when the provider's keys can't be fetched, reaching no vendor", async () => {
    await idp.addKey("k3");
    const token = await idp.sign("ada", "rollcall:read", { kid: "k3" });
    idp.down = true;
    try {
      const response = await send(READ, token);
      expect(response.status).toBe(503);
      expect(refusal(response)).toEqual({
        code: "IDENTITY_PROVIDER_UNAVAILABLE",
        message:
          "The bearer token could not be checked: the identity provider's signing keys could not be fetched",
      });
      expect(response.upstream).toBe(0);
    } finally {
      idp.down = false;
    }
    expect((await send(READ, token)).status).toBe(200);
  });

  it("keeps API keys working beside tokens", async () => {
    const { data } = await gw.gql(VIEWER, undefined, { authorization: `Bearer ${gw.keys.write}` });
    expect(data).toEqual({
      viewer: { kind: "API_KEY", name: "test-writer", issuer: null, scopes: ["READ", "WRITE"] },
    });
    const unknownKey = await send(READ, "rk_not-a-key");
    expect(unknownKey.status).toBe(401);
    expect(refusal(unknownKey).message).toBe("The API key sent in Authorization is not valid");
  });

  it("refuses credentials that are not a bearer token instead of taking the caller for anonymous", async () => {
    const response = await gw.gql(READ, undefined, { authorization: "Basic YWRhOnB3" });
    expect(response.status).toBe(401);
    expect(response.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});

describe("the JWKS refetch cooldown", () => {
  it("fetches the JWKS once however many tokens name unknown key ids within the cooldown", async () => {
    const idp = await startIssuer();
    await idp.addKey("k1");
    await idp.addKey("stranger", { publish: false });
    const gw = await startGateway({
      instances: [{ vendor, id: "src" }],
      users: 1,
      auth: { jwt: { issuer: idp.issuer, audience: idp.audience, jwksUri: idp.jwksUri } },
    });
    try {
      const valid = await idp.sign("ada", "rollcall:read");
      expect((await gw.gql(VIEWER, undefined, { authorization: `Bearer ${valid}` })).status).toBe(200);
      expect(idp.jwksFetches).toBe(1);
      const forged = await idp.sign("mallory", "rollcall:admin", { kid: "stranger" });
      for (let i = 0; i < 5; i++)
        expect((await gw.gql(VIEWER, undefined, { authorization: `Bearer ${forged}` })).status).toBe(401);
      expect(idp.jwksFetches).toBe(1);
    } finally {
      await gw.stop();
      await idp.stop();
    }
  });
});

describe("a server without an identity provider", () => {
  it("refuses a bearer JWT, saying it takes only its API keys", async () => {
    const idp = await startIssuer();
    await idp.addKey("k1");
    const gw = await startGateway({ instances: [{ vendor, id: "src" }], users: 1 });
    try {
      const response = await gw.gql(VIEWER, undefined, {
        authorization: `Bearer ${await idp.sign("ada", "rollcall:read")}`,
      });
      expect(response.status).toBe(401);
      expect(response.errors?.[0]?.message).toBe(
        "This server accepts no bearer tokens (JWT), only its API keys",
      );
      expect(idp.jwksFetches).toBe(0);
    } finally {
      await gw.stop();
      await idp.stop();
    }
  });
});
