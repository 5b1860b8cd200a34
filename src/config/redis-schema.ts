import { z } from "zod";
import { redisUrlProblem } from "../shared-state/redis-location.js";

/** Seconds a kind of vendor read may be served from the shared cache; 0 = always read the vendor. */
const ttlSeconds = z.number().int().min(0).max(3600).default(0);

/**
 * The Redis replicas share (README, "Running several replicas"): vendor request budgets, circuit
 * breakers, automatic persisted queries and, where asked, a short cache of vendor reads. Absent:
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
  /**
   * Vendor reads served from Redis for this many seconds, per kind; 0 (the default) reads the
   * vendor every time, which is what an access review needs. Writes drop the keys they touch.
   */
  readCache: z.strictObject({ users: ttlSeconds, projects: ttlSeconds, roles: ttlSeconds }).prefault({}),
});

export type RedisSettings = z.infer<typeof redisSchema>;
