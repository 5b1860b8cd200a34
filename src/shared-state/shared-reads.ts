import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { Redis } from "ioredis";
import { OperationCancelledError } from "../model/errors.js";
import type { ReadCache, ReadKey } from "../vendors/http/read-cache.js";

/** Bodies bigger than this are not kept: a cache of a few huge directories would crowd Redis. */
export const MAX_CACHED_BODY_BYTES = 4 * 1024 * 1024;
/** How often a replica waiting for another's load looks for its answer. */
const POLL_MS = 25;

/** Deletes the lock only while it is still the one this load took (it may have expired and been retaken). */
const RELEASE = `if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) end return 0`;

export interface SharedReadsOptions {
  readonly maxBodyBytes?: number;
  /** Told once per outage that reads go to the vendors while Redis does not answer. */
  readonly report?: (level: "warn" | "info", message: string) => void;
}

/** What the cache could not do: no answer from Redis (null), or the load's outcome. */
const REDIS_AWAY = Symbol("redis away");

async function orAway<T>(command: Promise<T>): Promise<T | typeof REDIS_AWAY> {
  return command.catch(() => REDIS_AWAY);
}

/**
 * Vendor reads kept in Redis for every replica. Keys hold the source id, the kind, the source's
 * generation, the account's identity (a hash) and a hash of the request: never a secret, a
 * person's name or a path. A write to a source bumps its generation (`forget`), so every read
 * cached before it is unreachable at once on every replica, and a read that was in flight during
 * the write is stored under the old generation, where nobody looks. A miss takes a short lock
 * (SET NX PX): the other replicas wait for its answer instead of asking the vendor too.
 */
export function redisReads(client: Redis, keyPrefix: string, options: SharedReadsOptions = {}): ReadCache {
  const maxBytes = options.maxBodyBytes ?? MAX_CACHED_BODY_BYTES;
  const generationKey = (sourceId: string) => `${keyPrefix}read:${sourceId}:generation`;
  let away = false;
  const noAnswer = () => {
    if (away) return;
    away = true;
    options.report?.(
      "warn",
      "the shared read cache gets no answer from Redis: vendor reads go to the vendors",
    );
  };
  const answered = () => {
    if (!away) return;
    away = false;
    options.report?.("info", "the shared read cache reaches Redis again");
  };

  async function cachedOrLock(valueKey: string, lockKey: string, token: string, lockMs: number) {
    const found = await orAway(client.getBuffer(valueKey));
    if (found === REDIS_AWAY) return REDIS_AWAY;
    if (found !== null) return found;
    const locked = await orAway(client.set(lockKey, token, "PX", lockMs, "NX"));
    if (locked === REDIS_AWAY) return REDIS_AWAY;
    if (locked !== "OK") return "wait" as const;
    // The previous holder may have stored its answer and let go between the two commands.
    const stored = await orAway(client.getBuffer(valueKey));
    if (stored === REDIS_AWAY || stored === null) return "locked" as const;
    await orAway(client.eval(RELEASE, 1, lockKey, token));
    return stored;
  }

  return {
    async through(key: ReadKey, ttlSeconds, lockMs, load, signal) {
      const generation = await orAway(client.get(generationKey(key.sourceId)));
      if (generation === REDIS_AWAY) {
        noAnswer();
        return load();
      }
      answered();
      const base = `${keyPrefix}read:${key.sourceId}:${key.kind}:${generation ?? "0"}:${key.identity}:${key.request}`;
      const token = randomUUID();
      for (;;) {
        if (signal?.aborted) throw new OperationCancelledError(signal.reason);
        const state = await cachedOrLock(base, `${base}:lock`, token, lockMs);
        if (state === REDIS_AWAY) {
          noAnswer();
          return load();
        }
        if (Buffer.isBuffer(state)) return state;
        if (state === "locked") {
          try {
            const body = await load();
            if (body.length <= maxBytes)
              await orAway(client.set(base, body, "EX", Math.max(1, Math.ceil(ttlSeconds))));
            return body;
          } finally {
            await orAway(client.eval(RELEASE, 1, `${base}:lock`, token));
          }
        }
        // Another replica (or query) is loading it: its answer lands under the key, or its lock
        // goes (its load failed, or took longer than lockMs) and the next look takes the lock.
        try {
          await sleep(POLL_MS, undefined, signal ? { signal } : undefined);
        } catch (error) {
          if (signal?.aborted) throw new OperationCancelledError(signal.reason);
          throw error;
        }
      }
    },
    async forget(sourceId) {
      // Old entries are left to expire with their TTL: nothing reads an old generation.
      if ((await orAway(client.incr(generationKey(sourceId)))) === REDIS_AWAY) noAnswer();
    },
  };
}
