import {
  InMemoryLRUCache,
  type KeyValueCache,
  type KeyValueCacheSetOptions,
} from "@apollo/utils.keyvaluecache";
import type { Redis } from "ioredis";

/**
 * Automatic persisted queries (a query text registered under its SHA-256) kept in Redis, so a
 * hash registered through one replica is served by any. A hash always names the same text, so
 * each replica also keeps what it has seen in memory; Redis failing costs the client one resend
 * of the full query (PERSISTED_QUERY_NOT_FOUND), never an error.
 */
export class SharedPersistedQueries implements KeyValueCache<string> {
  private readonly local = new InMemoryLRUCache<string>({ maxSize: 8 * 1024 * 1024 });

  constructor(
    private readonly client: Redis,
    private readonly keyPrefix: string,
    private readonly defaultTtlSeconds: number,
  ) {}

  async get(key: string): Promise<string | undefined> {
    const seen = await this.local.get(key);
    if (seen !== undefined) return seen;
    const shared = await this.client.get(this.keyPrefix + key).catch(() => null);
    if (shared === null) return undefined;
    await this.local.set(key, shared, { ttl: this.defaultTtlSeconds });
    return shared;
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    const ttl = options?.ttl ?? this.defaultTtlSeconds;
    await this.local.set(key, value, { ttl });
    await this.client
      .set(this.keyPrefix + key, value, "EX", Math.max(1, Math.ceil(ttl)))
      .catch(() => undefined);
  }

  async delete(key: string): Promise<boolean> {
    const here = await this.local.delete(key);
    const there = await this.client.del(this.keyPrefix + key).catch(() => 0);
    return here === true || there > 0;
  }
}
