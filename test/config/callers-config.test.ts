import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/load-config.js";
import { configProblems } from "../support/config-problems.js";
import { anyVendor } from "../support/pick-vendor.js";

/** Any vendor's source entry: callers are configured the same whatever the vendors. */
const sources = [anyVendor().simulator.demoSource("https://tool.example.com", "src")];
const jwt = {
  issuer: "https://login.example.com/",
  audience: "rollcall",
  jwksUri: "https://login.example.com/jwks",
};

const problems = (raw: Record<string, unknown>) => configProblems({ sources, ...raw });

describe("configuration of callers", () => {
  it("fills in safe defaults: rate limits on, no CORS origin, no identity provider", () => {
    const config = parseConfig({ sources }, {});
    expect(config.rateLimit).toEqual({ enabled: true, max: 600, windowMs: 60_000, anonymousMax: 120 });
    expect(config.cors).toEqual({ origins: [], maxAgeSeconds: 600 });
    expect(config.auth.jwt).toBeUndefined();
    expect(config.auth.avatarUrls).toEqual({ ttlSeconds: 300 });
  });

  it("fills in a token issuer's defaults: asymmetric algorithms, 30 s tolerance, the `scope` claim", () => {
    expect(parseConfig({ sources, auth: { jwt } }, {}).auth.jwt).toEqual({
      ...jwt,
      algorithms: ["RS256", "ES256"],
      clockToleranceSeconds: 30,
      scopeClaim: "scope",
      scopes: { read: ["rollcall:read"], write: ["rollcall:write"], admin: ["rollcall:admin"] },
      jwksCooldownMs: 30_000,
      jwksTimeoutMs: 5_000,
    });
  });

  it("names the key of each mistake in the auth section", () => {
    expect(problems({ auth: { jwt: { ...jwt, issuer: undefined } } })).toEqual([
      "auth.jwt.issuer: Invalid input: expected string, received undefined",
    ]);
    expect(problems({ auth: { jwt: { ...jwt, jwksUri: "login.example.com/jwks" } } })).toEqual([
      "auth.jwt.jwksUri: must be an http(s) URL",
    ]);
    expect(problems({ auth: { jwt: { ...jwt, algorithms: ["RS256", "HS256"] } } })[0]).toMatch(
      /^auth\.jwt\.algorithms\[1\]: must be one of RS256, .* \(HS\* and none are refused: a JWKS holds public keys\)$/,
    );
    expect(problems({ auth: { jwt: { ...jwt, scopes: { owner: ["x"] } } } })).toEqual([
      "auth.jwt.scopes: unknown key(s) owner",
    ]);
    expect(problems({ auth: { avatarUrls: { secret: "short" } } })).toEqual([
      "auth.avatarUrls.secret: must be at least 32 characters (e.g. `openssl rand -base64 32`)",
    ]);
    const key = { name: "ci", scope: "read", sha256: "0".repeat(64) };
    expect(problems({ auth: { apiKeys: [key, { ...key, name: "ops", scope: "owner" }] } })).toEqual([
      'auth.apiKeys[1].scope: Invalid option: expected one of "read"|"write"|"admin"',
    ]);
    // A key's name is its identity in logs and rate limits.
    expect(problems({ auth: { apiKeys: [key, { ...key, scope: "write" }] } })).toEqual([
      "auth.apiKeys[1].name: duplicates apiKeys[0].name",
    ]);
  });

  it("wants CORS origins written as a browser sends them", () => {
    expect(problems({ cors: { origins: ["https://console.example.com/"] } })).toEqual([
      'cors.origins[0]: must be written as a browser sends it: "https://console.example.com" (no path, no trailing slash, no default port)',
    ]);
    expect(problems({ cors: { origins: ["*"] } })).toEqual([
      "cors.origins[0]: must be an origin: http(s)://host[:port]",
    ]);
  });

  it("names the key of a rate limit that is not a positive whole number", () => {
    expect(problems({ rateLimit: { max: 0, windowMs: 1.5 } })).toEqual([
      "rateLimit.max: Too small: expected number to be >0",
      "rateLimit.windowMs: Invalid input: expected int, received number",
    ]);
  });
});
