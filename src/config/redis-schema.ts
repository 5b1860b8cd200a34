import { z } from "zod";
import { redisUrlProblem } from "../shared-state/redis-location.js";
import { READ_KINDS, type ReadKind } from "../vendors/http/read-cache.js";

const ttl = z
  .number({ error: "must be a number of seconds (0: not cached)" })
  .int("must be a whole number of seconds")
  .min(0, "must be 0 (not cached) or more seconds")
  .max(3600, "must be at most 3600 s: a cached list is never older than an hour")
  .default(0);

/**
 * Seconds each kind of vendor read is kept for every replica (README, "Running several
 * replicas"): 0, the default, is not cached. Only with Redis: a cache in one process would not
 * hear of a write made through another replica.
 */
const readCacheSchema = z
  .strictObject(Object.fromEntries(READ_KINDS.map((kind) => [kind, ttl])) as Record<ReadKind, typeof ttl>)
  .default(Object.fromEntries(READ_KINDS.map((kind) => [kind, 0])) as Record<ReadKind, number>);

/**
 * The Redis replicas share (README, "Running several replicas"): vendor request budgets, circuit
 * breakers, automatic persisted queries and, where `readCache` turns it on, vendor reads. Absent:
 * each process keeps all of that to itself, as a single replica needs.
 */
export const redisSchema = z.strictObject({
  /** `redis://[:password@]host[:port][/db]` or `rediss://…` (TLS). Never shown with its password. */
  url: z
    .string({ error: (issue) => (issue.input === undefined ? "is required" : "must be a string") })
    .trim()
    .superRefine((url, ctx) => {
      const problem = redisUrlProblem(url);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
  /** Put before every key Rollcall writes, so one Redis can serve several deployments. */
  keyPrefix: z
    .string()
    .regex(/^[A-Za-z0-9:_.-]*$/, "may hold only letters, digits and : _ . -")
    .default("rollcall:"),
  /** How long a query text registered by hash (APQ) is kept. */
  persistedQueryTtlSeconds: z.number().int().positive().default(86_400),
  /** Seconds each kind of vendor read (users, projects, roles lists) is shared; 0: not cached. */
  readCache: readCacheSchema,
});

export type RedisSettings = z.infer<typeof redisSchema>;
