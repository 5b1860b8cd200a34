import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Scope } from "../config/callers-schema.js";
import { type ApiKeyCaller, impliedScopes } from "./callers/caller.js";

export interface ApiKeyConfig {
  readonly name: string;
  readonly scope: Scope;
  /** SHA-256 of the key, hex. The key itself is never stored. */
  readonly sha256: string;
}

export function hashKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

/** A new random key (shown once) and the hash that goes in config. */
export function newApiKey(): { key: string; sha256: string } {
  const key = `rk_${randomBytes(24).toString("base64url")}`;
  return { key, sha256: hashKey(key) };
}

/** Matches a bearer credential against the configured hashes (constant-time per hash). */
export class ApiKeys {
  private readonly entries: ReadonlyArray<{ caller: ApiKeyCaller; hash: Buffer }>;

  constructor(keys: readonly ApiKeyConfig[]) {
    this.entries = keys.map((k) => ({
      caller: { kind: "api-key", id: `key:${k.name}`, keyName: k.name, scopes: impliedScopes([k.scope]) },
      hash: Buffer.from(k.sha256, "hex"),
    }));
  }

  /** The caller a presented credential is the key of; undefined when it is none of them. */
  identify(credential: string): ApiKeyCaller | undefined {
    const presented = Buffer.from(hashKey(credential), "hex");
    let found: ApiKeyCaller | undefined;
    // Every hash is compared, so the time taken says nothing about which key (if any) matched.
    for (const entry of this.entries)
      if (entry.hash.length === presented.length && timingSafeEqual(entry.hash, presented))
        found = entry.caller;
    return found;
  }
}
