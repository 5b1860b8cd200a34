import { Redis } from "ioredis";
import { type RedisLocation, scrubRedis } from "./redis-location.js";

/** What the connection tells the server's log: already free of the URL's password. */
export type RedisReport = (level: "warn" | "info", message: string) => void;

/**
 * One ioredis client for everything replicas share. Commands fail fast while Redis is away (no
 * offline queue, a short command timeout): each user of it has its in-process fallback, and a
 * query never waits on a Redis that does not answer. The client keeps reconnecting in the
 * background; the log hears of each outage once, and of its end.
 */
export function openRedis(location: RedisLocation, report: RedisReport): Redis {
  const client = new Redis(location.url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: 1000,
    connectTimeout: 2000,
    // Reconnect forever, at most every 2 s: Redis coming back is noticed without a restart.
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  let down = false;
  // Without a listener an ioredis error event would crash the process.
  client.on("error", (error: Error) => {
    if (down) return;
    down = true;
    report(
      "warn",
      `Redis at ${location.shown} does not answer (${scrubRedis(error.message, location)}): vendor budgets, callers' rate limits, circuit breakers and persisted queries are per replica until it does`,
    );
  });
  client.on("ready", () => {
    if (!down) return;
    down = false;
    report("info", `Redis at ${location.shown} answers again: replicas share their state again`);
  });
  return client;
}
