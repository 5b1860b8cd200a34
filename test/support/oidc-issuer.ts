import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, type JWK, type JWTPayload, SignJWT } from "jose";

/** A key the issuer can sign with; published in its JWKS or not. */
interface SigningKey {
  readonly kid: string;
  readonly alg: string;
  readonly privateKey: Awaited<ReturnType<typeof generateKeyPair>>["privateKey"];
  readonly jwk: JWK;
}

export interface TokenOptions {
  readonly kid?: string;
  readonly issuer?: string;
  readonly audience?: string;
  /** Seconds from now; negative for a token that has already expired. */
  readonly expiresIn?: number;
  readonly claims?: JWTPayload;
}

/**
 * An identity provider on loopback: a JWKS endpoint whose keys can be rotated and which can be
 * taken down, counting its fetches, and the signing of tokens with published or unpublished keys.
 */
export interface TestIssuer {
  readonly issuer: string;
  readonly jwksUri: string;
  readonly audience: string;
  /** Requests the JWKS endpoint has answered (or refused, while down). */
  jwksFetches: number;
  /** While true, the JWKS endpoint answers 503. */
  down: boolean;
  /** Make a key and publish it (or keep it unpublished, for tokens the provider never issued). */
  addKey(kid: string, options?: { alg?: "RS256" | "ES256" | "PS256"; publish?: boolean }): Promise<void>;
  /** A token for `subject` (none: no `sub` claim) granting `scope` (a `scope` claim unless undefined). */
  sign(
    subject: string | undefined,
    scope: string | string[] | undefined,
    options?: TokenOptions,
  ): Promise<string>;
  stop(): Promise<void>;
}

export async function startIssuer(): Promise<TestIssuer> {
  const keys = new Map<string, SigningKey>();
  const published = new Set<string>();
  const server: Server = createServer((request, response) => {
    issuer.jwksFetches += 1;
    if (issuer.down || request.url !== "/jwks.json") {
      response.writeHead(issuer.down ? 503 : 404).end();
      return;
    }
    const body = { keys: [...published].map((kid) => (keys.get(kid) as SigningKey).jwk) };
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const issuer: TestIssuer = {
    issuer: `${origin}/realms/acme`,
    jwksUri: `${origin}/jwks.json`,
    audience: "rollcall",
    jwksFetches: 0,
    down: false,
    async addKey(kid, options = {}) {
      const alg = options.alg ?? "RS256";
      const { privateKey, publicKey } = await generateKeyPair(alg);
      const jwk = { ...(await exportJWK(publicKey)), kid, alg, use: "sig" };
      keys.set(kid, { kid, alg, privateKey, jwk });
      if (options.publish ?? true) published.add(kid);
    },
    async sign(subject, scope, options = {}) {
      const key = keys.get(options.kid ?? "k1");
      if (!key) throw new Error(`no key ${options.kid}`);
      const now = Math.floor(Date.now() / 1000);
      const jwt = new SignJWT({ ...(scope === undefined ? {} : { scope }), ...options.claims });
      if (subject !== undefined) jwt.setSubject(subject);
      return jwt
        .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: "JWT" })
        .setIssuer(options.issuer ?? issuer.issuer)
        .setAudience(options.audience ?? issuer.audience)
        .setIssuedAt(now)
        .setExpirationTime(now + (options.expiresIn ?? 300))
        .sign(key.privateKey);
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
  return issuer;
}

/** A token whose header says `alg: none`: claims anyone could write, with no signature. */
export function unsignedToken(claims: JWTPayload): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part({ alg: "none", typ: "JWT" })}.${part(claims)}.`;
}
