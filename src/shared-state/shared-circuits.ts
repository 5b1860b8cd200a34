import type { Redis } from "ioredis";
import { ErrorCode } from "../model/errors.js";
import type { SharedCircuits, SharedOpenCircuit } from "../vendors/http/circuit-breaker.js";

const CODES = new Set<string>(Object.values(ErrorCode));

function parse(raw: string | null): SharedOpenCircuit | null {
  if (raw === null) return null;
  try {
    const value = JSON.parse(raw) as Partial<SharedOpenCircuit>;
    if (
      typeof value.until === "number" &&
      typeof value.failures === "number" &&
      typeof value.lastCode === "string" &&
      CODES.has(value.lastCode)
    )
      return { until: value.until, failures: value.failures, lastCode: value.lastCode };
  } catch {
    // Not Rollcall's: read as nothing shared.
  }
  return null;
}

/**
 * Open circuits in Redis, one key per source that expires when its cooldown ends. Any Redis
 * failure reads as "nothing shared": each replica's own breaker still stands.
 */
export function redisCircuits(client: Redis, keyPrefix: string): SharedCircuits {
  const key = (sourceId: string) => `${keyPrefix}circuit:${sourceId}`;
  return {
    async read(sourceId) {
      return parse(await client.get(key(sourceId)).catch(() => null));
    },
    async open(sourceId, circuit, forMs) {
      await client
        .set(key(sourceId), JSON.stringify(circuit), "PX", Math.max(1, Math.round(forMs)))
        .catch(() => undefined);
    },
    async close(sourceId) {
      await client.del(key(sourceId)).catch(() => undefined);
    },
  };
}
