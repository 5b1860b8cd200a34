import { createHash, scryptSync } from "node:crypto";

/**
 * The kinds of vendor read the shared read cache may keep (`redis.readCache`), each with its own
 * TTL: whole lists that many queries ask for alike and that change rarely. Relations (who holds
 * which role where, who is in which group) and single objects are never cached.
 */
export const READ_KINDS = ["users", "projects", "roles"] as const;
export type ReadKind = (typeof READ_KINDS)[number];

/** Seconds each kind is kept; 0 (the default) = not cached. */
export type ReadCacheTtls = Readonly<Record<ReadKind, number>>;

/**
 * A vendor's declaration of which of its GET routes are which kind (each vendor folder's
 * read-routes.ts): `template` is the route exactly as the vendor's client writes it with `apiPath`
 * (api-path.ts) — `depts/{id}/users` — so it is matched by equality, never by a pattern over the
 * path's text that an id could happen to fit.
 */
export interface ReadRoute {
  readonly kind: ReadKind;
  readonly template: string;
}

/** The kind of a GET route by its vendor's declaration; null: not cached. */
export function readKindOf(routes: readonly ReadRoute[], template: string): ReadKind | null {
  return routes.find((route) => route.template === template)?.kind ?? null;
}

/** One cacheable read, as the cache keys it. Holds no secret and no request text. */
export interface ReadKey {
  readonly sourceId: string;
  readonly kind: ReadKind;
  /** Who asks (`credentialIdentity`): what a source answers depends on its account. */
  readonly identity: string;
  /** SHA-256 of the method, path and sorted query: paths may name people (an email). */
  readonly request: string;
}

/** The search parameters as a canonical query: sorted, undefined ones left out. */
function canonicalQuery(params: Record<string, string | number | boolean | undefined> | undefined): string {
  if (!params) return "";
  return Object.entries(params)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
    .sort()
    .join("&");
}

export function readKey(
  sourceId: string,
  kind: ReadKind,
  identity: string,
  method: string,
  path: string,
  params?: Record<string, string | number | boolean | undefined>,
): ReadKey {
  const request = createHash("sha256")
    .update(`${method} ${path}?${canonicalQuery(params)}`)
    .digest("hex")
    .slice(0, 32);
  return { sourceId, kind, identity, request };
}

/**
 * What identifies a source's account across replicas without revealing it: its configured
 * `auth` and where it points, through scrypt (slow on purpose: a key in Redis must not let
 * anyone test password guesses at speed), salted with the source's id. The same config on every
 * replica gives the same identity, however each replica's session tokens differ.
 */
export function credentialIdentity(sourceId: string, apiBase: string, auth: unknown): string {
  const material = JSON.stringify({ apiBase, auth: auth ?? null });
  return scryptSync(material, `rollcall-read-cache:${sourceId}`, 16).toString("hex");
}

/**
 * Where the bodies of cacheable reads are kept for every replica (shared-state/shared-reads.ts).
 * It never throws for its own failures: a store that does not answer means the read goes to the
 * vendor, as without a cache.
 */
export interface ReadCache {
  /**
   * The body cached under `key`, or `load`'s, kept `ttlSeconds` when no bigger than the cache's
   * cap. Concurrent misses of one key, on any replica, wait for the first one's load rather than
   * each asking the vendor; `lockMs` is how long that first load may take before another goes.
   * A failed load is not cached: its error is the caller's.
   */
  through(
    key: ReadKey,
    ttlSeconds: number,
    lockMs: number,
    load: () => Promise<Buffer>,
    signal: AbortSignal | undefined,
  ): Promise<Buffer>;
  /** Every cached read of the source is dropped (a write went to it). */
  forget(sourceId: string): Promise<void>;
}
