/**
 * What `redis.url` names, and the URL as it may be shown: its password (and a username, which
 * Redis ACLs pair with it) replaced by `***`. The password leaves this file only to the client.
 */
export interface RedisLocation {
  /** What the client is given. */
  readonly url: string;
  /** What errors and logs may show. */
  readonly shown: string;
  /** The password, if any: scrubbed from any client message that might echo it. */
  readonly password: string | null;
}

const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;

/** Why a configured Redis URL can't be used, or null. Never repeats the value (it may hold a password). */
export function redisUrlProblem(url: string): string | null {
  if (url === "") return "is empty: expected redis://host:6379";
  const scheme = SCHEME.exec(url)?.[1]?.toLowerCase();
  if (!scheme) return "has no scheme: expected redis://host:6379 or rediss://… (TLS)";
  if (scheme !== "redis" && scheme !== "rediss") return `uses ${scheme}://, expected redis:// or rediss://`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "is not a valid URL: expected redis://[:password@]host[:port][/db]";
  }
  if (!parsed.hostname) return "names no host: expected redis://host:6379";
  const db = parsed.pathname.replace(/^\//, "");
  if (db !== "" && !/^\d+$/.test(db)) return "has a path that is not a database number (redis://host:6379/0)";
  return null;
}

export function locateRedis(url: string): RedisLocation {
  const trimmed = url.trim();
  let password: string | null = null;
  let shown = trimmed;
  try {
    const parsed = new URL(trimmed);
    if (parsed.password) password = decodeURIComponent(parsed.password);
    else if (parsed.username && !parsed.password) password = decodeURIComponent(parsed.username);
    if (parsed.username || parsed.password) {
      parsed.username = parsed.username ? "***" : "";
      parsed.password = parsed.password ? "***" : "";
      shown = parsed.toString();
    }
  } catch {
    // Refused by the config's check before it gets here; shown without anything after the scheme.
    shown = `${SCHEME.exec(trimmed)?.[0] ?? ""}***`;
  }
  return { url: trimmed, shown, password };
}

/** A client's message with the password taken out (a driver may echo what it was given). */
export function scrubRedis(message: string, location: RedisLocation): string {
  let out = message.split(location.url).join(location.shown);
  if (location.password) out = out.split(location.password).join("***");
  return out;
}
