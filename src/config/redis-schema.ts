import { z } from "zod";
import { redisUrlProblem } from "../shared-state/redis-location.js";

/**
 * The Redis replicas share (README, "Running several replicas"): vendor request budgets, circuit
 * breakers and automatic persisted queries. Absent:
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
});

export type RedisSettings = z.infer<typeof redisSchema>;
