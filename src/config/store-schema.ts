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
});

export type StoreSettings = z.infer<typeof storeSchema>;
