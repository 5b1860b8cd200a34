import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";

/** The Redis the suite runs against: the machine's, or ROLLCALL_TEST_REDIS_URL. */
export const TEST_REDIS_URL = process.env.ROLLCALL_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

/** A key prefix of this run alone, so parallel runs and files never read each other's keys. */
export const uniqueRedisPrefix = (name: string) => `rollcall-test:${name}:${randomUUID().slice(0, 8)}:`;

/** A client of the test's own, failing fast (and saying where) when the test Redis does not answer. */
export async function testRedis(): Promise<Redis> {
  const client = new Redis(TEST_REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    connectTimeout: 3000,
  });
  client.on("error", () => undefined);
  await client.connect().catch((error: Error) => {
    throw new Error(
      `the test Redis at ${TEST_REDIS_URL.replace(/\/\/[^@]*@/, "//***@")} does not answer (${error.message}): start one (README, "Running several replicas") or set ROLLCALL_TEST_REDIS_URL`,
    );
  });
  return client;
}

/** Deletes every key under `prefix` (a test's own), then lets the client go. */
export async function dropPrefix(client: Redis, prefix: string): Promise<void> {
  let cursor = "0";
  do {
    const [next, keys] = await client.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 500);
    if (keys.length > 0) await client.del(...keys);
    cursor = next;
  } while (cursor !== "0");
  client.disconnect();
}
