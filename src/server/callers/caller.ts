import { SCOPES, type Scope } from "../../config/callers-schema.js";

export type { Scope };

/** A caller that presented one of the configured API keys. */
export interface ApiKeyCaller {
  readonly kind: "api-key";
  /** Stable identity for logs, audit and rate limits: `key:<name>`. */
  readonly id: string;
  readonly keyName: string;
  /** Every scope held, the implied ones included (write holds read). */
  readonly scopes: readonly Scope[];
}

/** A person (or service) with a verified bearer JWT from the configured identity provider. */
export interface TokenCaller {
  readonly kind: "token";
  /** Stable identity for logs, audit and rate limits: `token:<issuer>#<subject>`. */
  readonly id: string;
  readonly subject: string;
  readonly issuer: string;
  readonly scopes: readonly Scope[];
  /** The token's `exp`. */
  readonly expiresAt: Date;
}

/** Who is asking; anonymous requests have none. Resolvers read it as `ctx.caller`. */
export type Caller = ApiKeyCaller | TokenCaller;

/** The scopes a grant of each of `granted` holds: each scope includes those before it. */
export function impliedScopes(granted: Iterable<Scope>): Scope[] {
  let highest = -1;
  for (const scope of granted) highest = Math.max(highest, SCOPES.indexOf(scope));
  return SCOPES.slice(0, highest + 1);
}

export function holds(caller: Caller | undefined, scope: Scope): boolean {
  return caller?.scopes.includes(scope) ?? false;
}

/** How messages name a caller, after "The": `API key "dashboards"`, `token of "ada" (issuer …)`. */
export function describeCaller(caller: Caller): string {
  return caller.kind === "api-key"
    ? `API key "${caller.keyName}"`
    : `token of "${caller.subject}" (issuer ${caller.issuer})`;
}

/** `has read scope`, `has no Rollcall scope`: the highest scope held, for refusals. */
export function describeScopes(caller: Caller): string {
  const highest = caller.scopes.at(-1);
  return highest ? `has ${highest} scope` : "has no Rollcall scope";
}
