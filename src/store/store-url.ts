/**
 * What `store.url` names: the engine, the SQLite file (or memory), and the URL as it may be shown
 * (its password replaced). The password itself never leaves this file except to the driver.
 */

export type StoreEngine = "sqlite" | "postgres";

export interface StoreLocation {
  readonly engine: StoreEngine;
  /** What the driver is given. */
  readonly url: string;
  /** The URL with any password replaced by `***`: what errors and logs may show. */
  readonly shown: string;
  /** The password in the URL, if any: scrubbed from any driver message that might echo it. */
  readonly password: string | null;
  /** SQLite only: the file (null for `:memory:`), so its directory can be created. */
  readonly file: string | null;
}

const POSTGRES = /^postgres(ql)?:\/\//i;

export function locateStore(url: string): StoreLocation {
  const trimmed = url.trim();
  if (POSTGRES.test(trimmed)) {
    const password = postgresPassword(trimmed);
    return { engine: "postgres", url: trimmed, shown: hidePassword(trimmed), password, file: null };
  }
  if (trimmed === ":memory:" || trimmed === "file::memory:")
    return { engine: "sqlite", url: "file::memory:", shown: trimmed, password: null, file: null };
  if (/^file:/i.test(trimmed)) {
    const file = filePath(trimmed);
    return { engine: "sqlite", url: trimmed, shown: trimmed, password: null, file };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed))
    throw new Error(
      `unsupported scheme in ${hidePassword(trimmed)}: use postgres://…, postgresql://…, file:…, a path or :memory:`,
    );
  // A plain path: libsql reads the part after `file:` as a URI path, so what URIs treat specially
  // is escaped.
  return {
    engine: "sqlite",
    url: `file:${trimmed.replace(/[%?#]/g, (c) => encodeURIComponent(c))}`,
    shown: trimmed,
    password: null,
    file: trimmed,
  };
}

/** `file:rel/x.db`, `file:/abs/x.db`, `file:///abs/x.db` → the path (percent-decoded). */
function filePath(url: string): string {
  let rest = url.slice("file:".length);
  const query = rest.search(/[?#]/);
  if (query >= 0) rest = rest.slice(0, query);
  if (rest.startsWith("//")) {
    const slash = rest.indexOf("/", 2);
    rest = slash >= 0 ? rest.slice(slash) : "";
  }
  return decodeURIComponent(rest);
}

function postgresPassword(url: string): string | null {
  try {
    const password = new URL(url).password;
    return password ? decodeURIComponent(password) : null;
  } catch {
    // Not a parsable URL: whatever sits between "user:" and "@" is treated as a password.
    return /^[^:]+:\/\/[^:@/]*:([^@/]*)@/.exec(url)?.[1] ?? null;
  }
}

/** The URL with the password part of its authority replaced (parsable or not). */
export function hidePassword(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:@/?#]*):[^@/?#]*@/i, "$1:***@");
}

/** A driver's message without the password (a driver could echo its connection string). */
export function scrub(message: string, location: Pick<StoreLocation, "password" | "url" | "shown">): string {
  let safe = message.split(location.url).join(location.shown);
  if (location.password) {
    safe = safe.split(location.password).join("***");
    const encoded = encodeURIComponent(location.password);
    if (encoded !== location.password) safe = safe.split(encoded).join("***");
  }
  return safe;
}
