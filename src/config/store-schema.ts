import { z } from "zod";

/** A URL naming a scheme Rollcall's store does not speak (`mysql://…`): the engine is chosen by it. */
const OTHER_SCHEME = /^(?!postgres(ql)?:\/\/)[a-z][a-z0-9+.-]*:\/\//i;

/** Rollcall's memory: account links, plans, the audit trail (src/store/). */
export const storeSchema = z.strictObject({
  /**
   * `postgres://user@host:5432/db` or `postgresql://…` for PostgreSQL; `file:path`, a plain path or
   * `:memory:` for the embedded SQLite file (its directory is created). Relative paths are from the
   * working directory.
   */
  url: z
    .string()
    .trim()
    .min(1)
    .refine((url) => !OTHER_SCHEME.test(url), {
      error: "must be postgres://…, postgresql://…, file:…, a path or :memory:",
    })
    .default("file:./data/rollcall.db"),
  /** Audit events older than this many days are deleted at start-up and daily; 0 keeps them forever. */
  auditRetentionDays: z.number().int().min(0).default(400),
  /**
   * Applying plans through the job engine (pg-boss) on a PostgreSQL store, so any replica picks a
   * plan up and a dead replica's plan is resumed by another. Unused with the embedded store.
   */
  jobs: z
    .strictObject({
      /** The engine's own schema in the store's database (created at start-up); by default the
       *  store's schema followed by `_jobs` (`public_jobs`), so each store has its own queue. */
      schema: z
        .string()
        .regex(/^[a-z_][a-z0-9_]*$/, { error: "must be a lower-case SQL name: letters, digits, _" })
        .optional(),
      /** How long a replica holds a plan (or a snapshot) without renewing it: a dead replica's plan
       *  or snapshot waits about three of these (its lease, the engine's expiry check, its retry
       *  delay) before another resumes it. */
      leaseSeconds: z.number().int().min(1).max(3600).default(60),
      /** How often each replica's worker asks for a plan to apply or a snapshot to take. */
      pollSeconds: z.number().min(0.5).max(60).default(2),
      /** How long applyPlan waits for the plan to be applied before answering it APPLYING. */
      waitSeconds: z.number().min(0).max(300).default(25),
    })
    .prefault({}),
});

export type StoreSettings = z.infer<typeof storeSchema>;
