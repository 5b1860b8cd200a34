import type { JWTPayload, JWTVerifyGetKey } from "jose";
import type { z } from "zod";
import type { jwtSchema, Scope } from "../../config/callers-schema.js";
import { impliedScopes, type TokenCaller } from "./caller.js";

export type JwtConfig = z.infer<typeof jwtSchema>;

export type TokenVerdict =
  | { readonly ok: true; readonly caller: TokenCaller }
  /** `invalid`: the token is refused (401). `unavailable`: the provider's keys could not be read (503). */
  | { readonly ok: false; readonly reason: "invalid" | "unavailable"; readonly message: string };

/** The key set could not be fetched or read: not the token's fault. */
class KeysUnavailable extends Error {}

type Jose = typeof import("jose");
type JoseErrors = Jose["errors"];

/** A compact JWS: three base64url parts, the first a JSON header. API keys have no dots. */
export function looksLikeJwt(credential: string): boolean {
  return /^[\w-]+\.[\w-]+\.[\w-]*$/.test(credential);
}

/**
 * Verifies bearer JWTs from the configured identity provider with jose: signature against the
 * provider's JWKS (fetched on first use, again when a token names a key id not seen, at most
 * every `jwksCooldownMs`), algorithm allow-list, issuer, audience, expiry with clock tolerance,
 * and a subject. Scopes come from `scopeClaim` through the configured mapping.
 *
 * jose is loaded with the first token, not at start: a replica whose callers use API keys alone
 * does not hold its code (issue 17).
 */
export class TokenVerifier {
  private jose: Promise<{ readonly jose: Jose; readonly keys: JWTVerifyGetKey }> | undefined;
  private readonly jwksUrl: URL;
  private readonly grants: ReadonlyArray<readonly [string, Scope]>;

  constructor(private readonly config: JwtConfig) {
    // Parsed now: a bad URL fails at start, not at the first token.
    this.jwksUrl = new URL(config.jwksUri);
    this.grants = (Object.entries(config.scopes) as Array<[Scope, string[]]>).flatMap(([scope, values]) =>
      values.map((value) => [value, scope] as const),
    );
  }

  /** jose and the provider's key set, made on first use (the key set is fetched when it is asked). */
  private loadJose(): Promise<{ readonly jose: Jose; readonly keys: JWTVerifyGetKey }> {
    this.jose ??= import("jose").then((jose) => ({ jose, keys: this.keySet(jose) }));
    return this.jose;
  }

  private keySet(jose: Jose): JWTVerifyGetKey {
    const { errors } = jose;
    const remote = jose.createRemoteJWKSet(this.jwksUrl, {
      cooldownDuration: this.config.jwksCooldownMs,
      timeoutDuration: this.config.jwksTimeoutMs,
    });
    return async (header, token) => {
      try {
        return await remote(header, token);
      } catch (error) {
        if (
          error instanceof errors.JWKSNoMatchingKey ||
          error instanceof errors.JWKSMultipleMatchingKeys ||
          error instanceof errors.JOSENotSupported
        )
          throw error;
        // A network error, a timeout, a non-200 answer or a body that is no key set.
        throw new KeysUnavailable("the identity provider's signing keys could not be fetched", {
          cause: error,
        });
      }
    };
  }

  async verify(token: string): Promise<TokenVerdict> {
    const { jose, keys } = await this.loadJose();
    let payload: JWTPayload;
    try {
      ({ payload } = await jose.jwtVerify(token, keys, {
        issuer: this.config.issuer,
        audience: this.config.audience,
        algorithms: [...this.config.algorithms],
        clockTolerance: this.config.clockToleranceSeconds,
        requiredClaims: ["sub", "exp"],
      }));
    } catch (error) {
      if (error instanceof KeysUnavailable)
        return {
          ok: false,
          reason: "unavailable",
          message: `The bearer token could not be checked: ${error.message}`,
        };
      return {
        ok: false,
        reason: "invalid",
        message: `The bearer token is not valid: ${refusal(error, jose.errors)}`,
      };
    }
    const issuer = payload.iss as string;
    const subject = payload.sub;
    // jose checks that `sub` is present; an empty one would make every such token one caller.
    if (typeof subject !== "string" || subject === "")
      return {
        ok: false,
        reason: "invalid",
        message: 'The bearer token is not valid: its "sub" claim is empty',
      };
    return {
      ok: true,
      caller: {
        kind: "token",
        id: `token:${issuer}#${subject}`,
        subject,
        issuer,
        scopes: impliedScopes(this.scopesOf(payload)),
        expiresAt: new Date((payload.exp as number) * 1000),
      },
    };
  }

  private scopesOf(payload: JWTPayload): Scope[] {
    const path =
      typeof this.config.scopeClaim === "string" ? [this.config.scopeClaim] : this.config.scopeClaim;
    let claim: unknown = payload;
    for (const step of path)
      claim = claim && typeof claim === "object" ? (claim as Record<string, unknown>)[step] : undefined;
    const values = typeof claim === "string" ? claim.split(/\s+/) : Array.isArray(claim) ? claim : [];
    const held = new Set(values.filter((v): v is string => typeof v === "string"));
    return this.grants.filter(([value]) => held.has(value)).map(([, scope]) => scope);
  }
}

/** Why a token was refused, in words safe to send back (nothing taken from the token itself). */
function refusal(error: unknown, errors: JoseErrors): string {
  if (error instanceof errors.JWTExpired) return "it has expired";
  if (error instanceof errors.JWTClaimValidationFailed) {
    switch (error.claim) {
      case "iss":
        return "its issuer is not the one Rollcall trusts";
      case "aud":
        return "its audience is not Rollcall";
      case "nbf":
        return "it is not valid yet";
      default:
        return error.reason === "missing"
          ? `it has no "${error.claim}" claim`
          : `its "${error.claim}" claim is invalid`;
    }
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return "its signing algorithm is not accepted";
  if (error instanceof errors.JWSSignatureVerificationFailed) return "its signature does not verify";
  if (error instanceof errors.JWKSNoMatchingKey)
    return "the identity provider publishes no key with its key id";
  if (error instanceof errors.JWKSMultipleMatchingKeys)
    return "it names no key id and the provider has several keys";
  if (error instanceof errors.JOSENotSupported) return "its key type or algorithm is not supported";
  return "it is malformed";
}
