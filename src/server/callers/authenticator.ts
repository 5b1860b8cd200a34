import { ErrorCode } from "../../model/errors.js";
import type { ApiKeys } from "../api-keys.js";
import type { Refusal } from "./access-policy.js";
import type { Caller } from "./caller.js";
import { looksLikeJwt, type TokenVerifier } from "./token-verifier.js";

/** What a request's credentials establish. */
export type Authentication =
  | { readonly kind: "anonymous" }
  | { readonly kind: "caller"; readonly caller: Caller }
  /** A valid signed link (server/callers/signed-links.ts), handed out to the caller it names. */
  | { readonly kind: "link"; readonly callerTag: string }
  | { readonly kind: "refused"; readonly refusal: Refusal };

export const ANONYMOUS: Authentication = { kind: "anonymous" };

const unauthenticated = (message: string): Authentication => ({
  kind: "refused",
  refusal: { status: 401, code: ErrorCode.UNAUTHENTICATED, message },
});

/**
 * Reads `Authorization: Bearer <credential>`: one of the configured API keys, else a JWT from the
 * configured identity provider. Credentials that are sent but not accepted are refused, never
 * taken for anonymous.
 */
export class Authenticator {
  constructor(
    private readonly keys: ApiKeys,
    private readonly tokens: TokenVerifier | null,
  ) {}

  async authenticate(authorization: string | undefined): Promise<Authentication> {
    if (authorization === undefined || authorization.trim() === "") return ANONYMOUS;
    const credential = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
    if (!credential) return unauthenticated("Send credentials as `Authorization: Bearer <API key or token>`");
    const keyCaller = this.keys.identify(credential);
    if (keyCaller) return { kind: "caller", caller: keyCaller };
    if (!looksLikeJwt(credential)) return unauthenticated("The API key sent in Authorization is not valid");
    if (!this.tokens) return unauthenticated("This server accepts no bearer tokens (JWT), only its API keys");
    const verdict = await this.tokens.verify(credential);
    if (verdict.ok) return { kind: "caller", caller: verdict.caller };
    return verdict.reason === "unavailable"
      ? {
          kind: "refused",
          refusal: { status: 503, code: ErrorCode.IDENTITY_PROVIDER_UNAVAILABLE, message: verdict.message },
        }
      : unauthenticated(verdict.message);
  }
}
