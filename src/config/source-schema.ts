import { z } from "zod";

/** Fields every source entry has, whatever its kind. Vendors extend this with `kind` and `auth`. */
export const baseSourceSchema = z.strictObject({
  id: z
    .string()
    .regex(
      /^[a-z][a-z0-9-]*$/,
      "must match [a-z][a-z0-9-]* (it is part of every global ID from this source)",
    ),
  name: z.string().min(1).optional(),
  baseUrl: z
    .url({ protocol: /^https?$/, error: "must be an http(s) URL" })
    .refine((u) => !new URL(u).username && !new URL(u).password, "must not carry credentials; use auth")
    .transform((u) => u.replace(/\/+$/, "")),
  /** Per-attempt timeout of one upstream request. */
  timeoutMs: z.number().int().positive().default(10_000),
  /** Retries of idempotent reads on 429/5xx (writes are never retried). */
  retries: z.number().int().min(0).max(5).default(2),
  /**
   * Most upstream requests in flight to this source at once. 64 lets a 50-user page's per-user
   * calls (where a vendor has no bulk read of a relation) go out in one wave: at 16 the benchmark's
   * directory took 126 ms instead of 68 ms at 20 ms per answer (bench/README.md). The vendors
   * document per-minute rate limits (429 + Retry-After, which reads honour), not concurrency limits.
   */
  maxConcurrency: z.number().int().min(1).max(256).default(64),
  /** Page size for list calls (capped by the vendor's own maximum). */
  pageSize: z.number().int().positive().optional(),
  /** First retry delay; doubles per attempt. */
  retryBaseDelayMs: z.number().int().min(0).default(200),
  /**
   * After this many requests in a row get no answer (timeout, network error, 502/503/504 after retries),
   * the source is not asked for `cooldownMs`: its part of each operation fails at once instead of
   * after the timeout. Then one request probes it. `failureThreshold: 0` turns this off.
   */
  circuitBreaker: z
    .strictObject({
      failureThreshold: z.number().int().min(0).default(5),
      cooldownMs: z.number().int().positive().default(15_000),
    })
    .prefault({}),
});

export const basicAuthSchema = z.strictObject({
  username: z.string().min(1),
  password: z.string().min(1),
});

export const tokenAuthSchema = z.strictObject({ token: z.string().min(1) });

export type BaseSourceConfig = z.infer<typeof baseSourceSchema>;
export type BasicAuthConfig = z.infer<typeof basicAuthSchema>;
export type TokenAuthConfig = z.infer<typeof tokenAuthSchema>;
