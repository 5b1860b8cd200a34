import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** A short, opaque tag of a caller's id: what a signed link carries instead of the id itself. */
export function callerTag(callerId: string): string {
  return createHash("sha256").update(callerId).digest("base64url").slice(0, 16);
}

/** The tag of links handed out to anonymous callers (when anonymous reads are on). */
export const ANONYMOUS_TAG = "anonymous";

export type LinkCheck =
  | { readonly ok: true; readonly callerTag: string }
  | { readonly ok: false; readonly message: string };

export interface LinkQuery {
  readonly expires?: string;
  readonly caller?: string;
  readonly signature?: string;
}

/**
 * Short-lived links signed with an HMAC: `<path>?expires=<unix s>&caller=<tag>&signature=<mac>`.
 * A browser's `<img src>` sends no Authorization header, so the link is the credential: it opens
 * one path, until `expires`, and names (by tag) the caller it was handed to, whose rate limit
 * it counts against. Expiry is rounded to `ttlSeconds` spans, so one caller gets the same link
 * for a while and browsers can cache what it points to.
 */
export class SignedLinks {
  private readonly secret: Buffer;

  constructor(
    secret: string | undefined,
    private readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
  ) {
    this.secret = secret ? Buffer.from(secret, "utf8") : randomBytes(32);
  }

  /** A link to `path` (already URL-encoded) for `resource`: what the route checks it against
   *  (its name and decoded parameters, e.g. `avatars/<id>`), so a link opens nothing else. */
  sign(path: string, resource: string, tag: string): string {
    const span = this.ttlSeconds;
    const expires = (Math.floor(this.now() / 1000 / span) + 2) * span;
    const query = new URLSearchParams({
      expires: String(expires),
      caller: tag,
      signature: this.mac(resource, expires, tag),
    });
    return `${path}?${query}`;
  }

  /** null when the request carries no link parameters at all. */
  check(resource: string, query: LinkQuery): LinkCheck | null {
    const { expires, caller, signature } = query;
    if (expires === undefined && caller === undefined && signature === undefined) return null;
    const refused = { ok: false, message: "This link is not valid: ask Rollcall for a new one" } as const;
    if (!expires || !/^\d{1,12}$/.test(expires) || !caller || !/^[\w-]{1,32}$/.test(caller) || !signature)
      return refused;
    const expected = Buffer.from(this.mac(resource, Number(expires), caller));
    const presented = Buffer.from(signature);
    if (expected.length !== presented.length || !timingSafeEqual(expected, presented)) return refused;
    if (Number(expires) * 1000 <= this.now())
      return { ok: false, message: "This link has expired: ask Rollcall for a new one" };
    return { ok: true, callerTag: caller };
  }

  /** Seconds until a valid link expires (for cache headers). */
  secondsLeft(expires: string): number {
    return Math.max(0, Math.floor(Number(expires) - this.now() / 1000));
  }

  private mac(resource: string, expires: number, tag: string): string {
    return createHmac("sha256", this.secret).update(`${resource}\n${expires}\n${tag}`).digest("base64url");
  }
}
