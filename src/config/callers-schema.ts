import { z } from "zod";

/** What a caller may do. Each scope includes the ones before it: write can read, admin can write. */
export const SCOPES = ["read", "write", "admin"] as const;
export type Scope = (typeof SCOPES)[number];

/**
 * Signature algorithms a token may use. Asymmetric only: an identity provider publishes public
 * keys in its JWKS, so an HS* token would be verified with a key anyone can read (the classic
 * algorithm-confusion hole), and `none` is no signature at all.
 */
const JWT_ALGORITHMS = [
  "RS256",
  "RS384",
  "RS512",
  "PS256",
  "PS384",
  "PS512",
  "ES256",
  "ES384",
  "ES512",
  "EdDSA",
] as const;

const nonEmpty = z.string().min(1);
const claimValues = z.array(nonEmpty);

/** People: bearer JWTs from the company's identity provider (OIDC), checked against its JWKS. */
export const jwtSchema = z.strictObject({
  /** The exact `iss` the provider puts in its tokens (its discovery document's `issuer`). */
  issuer: nonEmpty,
  /** The `aud` Rollcall's tokens carry (the client or API id registered at the provider); one must match. */
  audience: z.union([nonEmpty, z.array(nonEmpty).min(1)]),
  /** Where the provider publishes its signing keys (its discovery document's `jwks_uri`). */
  jwksUri: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }),
  algorithms: z
    .array(
      z.enum(JWT_ALGORITHMS, {
        error: () =>
          `must be one of ${JWT_ALGORITHMS.join(", ")} (HS* and none are refused: a JWKS holds public keys)`,
      }),
    )
    .min(1)
    .default(["RS256", "ES256"]),
  /** Leeway for `exp` and `nbf` between the provider's clock and Rollcall's. */
  clockToleranceSeconds: z.number().int().min(0).max(300).default(30),
  /**
   * The claim that carries the caller's grants: a space-separated string (`scope`) or an array
   * (`roles`). A list of names is a path into nested claims (Keycloak: [realm_access, roles]).
   */
  scopeClaim: z.union([nonEmpty, z.array(nonEmpty).min(1)]).default("scope"),
  /** Which claim values grant each Rollcall scope. Given, it replaces the default whole: a scope
   *  it leaves out is granted by no value. */
  scopes: z
    .strictObject({
      read: claimValues.default([]),
      write: claimValues.default([]),
      admin: claimValues.default([]),
    })
    .default({ read: ["rollcall:read"], write: ["rollcall:write"], admin: ["rollcall:admin"] }),
  /** A token signed by a key id Rollcall has not seen makes it fetch the JWKS again, at most this often. */
  jwksCooldownMs: z.number().int().min(0).default(30_000),
  jwksTimeoutMs: z.number().int().positive().default(5_000),
});

/** Short-lived signed links that `User.avatarUrl` hands out, for `<img src>` (which sends no Authorization). */
export const avatarUrlsSchema = z.strictObject({
  /** The HMAC key. Default: random per process, so links die with it; replicas behind one load
   *  balancer need the same configured secret. */
  secret: z.string().min(32, "must be at least 32 characters (e.g. `openssl rand -base64 32`)").optional(),
  /** A link is valid for between this and twice this; the same link is handed out within one span. */
  ttlSeconds: z.number().int().min(10).max(86_400).default(300),
});

/** Requests per caller (an API key, a token's subject) per window; anonymous callers per client IP. */
export const rateLimitSchema = z.strictObject({
  enabled: z.boolean().default(true),
  max: z.number().int().positive().default(600),
  windowMs: z.number().int().positive().default(60_000),
  /** For requests without credentials (or with refused ones), counted per client IP. */
  anonymousMax: z.number().int().positive().default(120),
});

/** An origin exactly as a browser sends it in `Origin`. */
const origin = z.string().superRefine((text, ctx) => {
  let parsed: URL | undefined;
  try {
    parsed = new URL(text);
  } catch {
    parsed = undefined;
  }
  if (!parsed || !/^https?:$/.test(parsed.protocol))
    ctx.addIssue({ code: "custom", message: "must be an origin: http(s)://host[:port]" });
  else if (parsed.origin !== text)
    ctx.addIssue({
      code: "custom",
      message: `must be written as a browser sends it: "${parsed.origin}" (no path, no trailing slash, no default port)`,
    });
});

/** Browser apps on other origins that may call Rollcall. */
export const corsSchema = z.strictObject({
  origins: z.array(origin).default([]),
  /** How long a browser may cache a preflight answer. */
  maxAgeSeconds: z.number().int().min(0).max(86_400).default(600),
});
