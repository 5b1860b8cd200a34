import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

export type KeyScope = "read" | "write";

export interface ApiKeyConfig {
  readonly name: string;
  readonly scope: KeyScope;
  /** SHA-256 of the key, hex. The key itself is never stored. */
  readonly sha256: string;
}

export interface Caller {
  readonly keyName: string;
  readonly scope: KeyScope;
}

export function hashKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

/** A new random key (shown once) and the hash that goes in config. */
export function newApiKey(): { key: string; sha256: string } {
  const key = `rk_${randomBytes(24).toString("base64url")}`;
  return { key, sha256: hashKey(key) };
}

/** Matches `Authorization: Bearer <key>` against the configured hashes (constant-time per hash). */
export class ApiKeys {
  private readonly entries: ReadonlyArray<{ name: string; scope: KeyScope; hash: Buffer }>;

  constructor(keys: readonly ApiKeyConfig[]) {
    this.entries = keys.map((k) => ({ name: k.name, scope: k.scope, hash: Buffer.from(k.sha256, "hex") }));
  }

  get configured(): boolean {
    return this.entries.length > 0;
  }

  /** The caller a header identifies: undefined without a bearer token, null for an unknown one. */
  identify(authorization: string | undefined): Caller | null | undefined {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
    if (!match) return undefined;
    const presented = Buffer.from(hashKey(match[1] as string), "hex");
    for (const entry of this.entries)
      if (entry.hash.length === presented.length && timingSafeEqual(entry.hash, presented))
        return { keyName: entry.name, scope: entry.scope };
    return null;
  }
}
