import { z } from "zod";

const EXAMPLE = "the instance's root URL, e.g. https://tool.example.com";

/**
 * Why a configured base URL can't be used, or null. Messages never repeat the value: a mistyped
 * URL may carry a password (`admin:pw@host`, which parses as a URL of scheme `admin:`).
 */
function baseUrlProblem(value: string): string | null {
  if (value.trim() === "") return `is empty: expected ${EXAMPLE}`;
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(value)?.[1];
  if (!scheme) return `has no scheme: expected ${EXAMPLE} (starting with https:// or http://)`;
  if (!/^https?$/i.test(scheme)) return `uses ${scheme.toLowerCase()}://, expected http:// or https://`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `is not a valid URL: expected ${EXAMPLE}`;
  }
  if (url.username || url.password) return "must not carry credentials; use auth";
  // Connectors append API paths to it, which a query or fragment would break.
  if (url.search || url.hash) return "must not have a query (?…) or fragment (#…): it is the instance root";
  return null;
}

/** The instance root the connector appends its API paths to; a trailing slash is dropped. */
const baseUrlSchema = z
  .string({
    error: (issue) =>
      issue.input === undefined ? `is required: ${EXAMPLE}` : `must be a string: ${EXAMPLE}`,
  })
  .transform((value, ctx) => {
    const problem = baseUrlProblem(value);
    if (problem === null) return value.replace(/\/+$/, "");
    ctx.addIssue({ code: "custom", message: problem });
    return z.NEVER;
  });

/** Fields every source entry has, whatever its kind. Vendors extend this with `kind` and `auth`. */
export const baseSourceSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z][a-z0-9-]*$/, "must match [a-z][a-z0-9-]* (it is part of every global ID from this source)")
    // The audit trail files changes to Rollcall's own records (the staff roster) under this one
    // (src/audit/own-records.ts): a source by that id would read as theirs.
    .refine(
      (id) => id !== "rollcall",
      "is reserved: the audit trail files Rollcall's own records (the staff roster) under it",
    ),
  name: z.string().min(1).optional(),
  baseUrl: baseUrlSchema,
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
  /**
   * Requests per minute Rollcall sends this source, all replicas together when `redis` is set
   * (else per process). Default: the vendor's documented limit for the instance where it has one
   * (its module's `documentedRequestsPerMinute`), else none. Past it a request waits for the next minute, or, when that is further than
   * a `Retry-After` Rollcall would wait, fails with SOURCE_RATE_LIMITED and `retryAfter`.
   */
  maxRequestsPerMinute: z.number().int().positive().optional(),
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
