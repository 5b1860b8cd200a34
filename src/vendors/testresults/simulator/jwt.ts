import { createHmac, timingSafeEqual } from "node:crypto";

/** Just enough HS256 JWT to issue and check the tokens TestResults.io hands out (REFERENCE §4.1). */

const HEADER = { alg: "HS256", typ: "JWT" };

const b64url = (data: string | Buffer) => Buffer.from(data).toString("base64url");

function signature(unsigned: string, secret: string): Buffer {
  return createHmac("sha256", secret).update(unsigned).digest();
}

export function signJwt(claims: Record<string, unknown>, secret: string): string {
  const unsigned = `${b64url(JSON.stringify(HEADER))}.${b64url(JSON.stringify(claims))}`;
  return `${unsigned}.${signature(unsigned, secret).toString("base64url")}`;
}

/** The claims of a token signed with `secret`, or null when it is malformed or forged. */
export function verifyJwt(token: string, secret: string): Record<string, unknown> | null {
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  const [header, payload, sent] = parts as [string, string, string];
  const expected = signature(`${header}.${payload}`, secret);
  const given = Buffer.from(sent, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    return claims && typeof claims === "object" ? (claims as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The claims of any JWT, unchecked (for tests that read what the simulator issued). */
export function decodeJwt(token: string): Record<string, unknown> | null {
  const payload = token.split(".")[1];
  if (!payload) return null;
  try {
    return JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown>;
  } catch {
    return null;
  }
}
