import { z } from "zod";
import { vendors } from "../vendors/registry.js";

const sourceSchema = z.discriminatedUnion(
  "kind",
  // biome-ignore lint/suspicious/noExplicitAny: zod wants a tuple of object schemas; the registry supplies them
  vendors.map((v) => v.configSchema) as any,
  { error: () => `must be one of: ${vendors.map((v) => v.kind).join(" | ")}` },
);

export const serverSchema = z.strictObject({
  port: z.number().int().min(0).max(65_535).default(4000),
  host: z.string().default("0.0.0.0"),
  /** Serve GraphiQL at the GraphQL URL for browsers. Default: on, off under NODE_ENV=production. */
  graphiql: z.boolean().optional(),
  /** Answer introspection queries. Default: on, off under NODE_ENV=production. */
  introspection: z.boolean().optional(),
  /** The largest `first` a list accepts. */
  maxPageSize: z.number().int().positive().default(1000),
  /**
   * A vendor that reports no total (TestRail) or cannot apply a filter still gets a `totalCount`:
   * Rollcall reads up to this many of its positions, in its largest pages, and counts. Past that
   * the count is null. 0: never read for a count.
   */
  countScanLimit: z.number().int().min(0).default(5000),
  /** DataLoader batching and per-operation caching. Off only for the benchmarks' naive baseline. */
  batching: z.boolean().default(true),
});

export const authSchema = z.strictObject({
  /** Keys callers send as `Authorization: Bearer <key>`; only their SHA-256 is stored. */
  apiKeys: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        scope: z.enum(["read", "write"]),
        sha256: z
          .string()
          .regex(/^[0-9a-f]{64}$/, "must be the key's SHA-256 in hex (see `rollcall hash-key`)"),
      }),
    )
    .default([]),
  /**
   * Queries without a key. Default: allowed only when no key is configured, and never under
   * NODE_ENV=production. Mutations always need a write key.
   */
  anonymousReads: z.boolean().optional(),
});

export const configSchema = z
  .strictObject({
    server: serverSchema.prefault({}),
    logging: z
      .strictObject({
        level: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
      })
      .prefault({}),
    auth: authSchema.prefault({}),
    sources: z.array(sourceSchema).min(1, "configure at least one source"),
  })
  .superRefine((config, ctx) => {
    const seen = new Map<string, number>();
    config.sources.forEach((source: { id: string }, index: number) => {
      const first = seen.get(source.id);
      if (first !== undefined)
        ctx.addIssue({
          code: "custom",
          path: ["sources", index, "id"],
          message: `duplicates sources[${first}].id "${source.id}"`,
        });
      else seen.set(source.id, index);
    });
  });

/** The config as the file gives it: settings whose default depends on the environment may be unset. */
export type ParsedConfig = z.infer<typeof configSchema>;

/** The config Rollcall runs with: every setting decided (see environment-defaults.ts). */
export type RollcallConfig = Omit<ParsedConfig, "server" | "auth"> & {
  server: ParsedConfig["server"] & { graphiql: boolean; introspection: boolean };
  auth: ParsedConfig["auth"] & { anonymousReads: boolean };
};
export type SourceConfig = RollcallConfig["sources"][number] & { id: string; kind: string };
