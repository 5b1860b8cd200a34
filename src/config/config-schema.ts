import { z } from "zod";
import { vendors } from "../vendors/registry.js";
import { avatarUrlsSchema, corsSchema, jwtSchema, rateLimitSchema, SCOPES } from "./callers-schema.js";
import { redisSchema } from "./redis-schema.js";
import { reviewSchema } from "./review-schema.js";
import { snapshotsSchema } from "./snapshots-schema.js";
import { storeSchema } from "./store-schema.js";
import { telemetrySchema } from "./telemetry-schema.js";
import { checkTemplateSources, templatesSchema } from "./templates-schema.js";

const sourceSchema = z.discriminatedUnion(
  "kind",
  // biome-ignore lint/suspicious/noExplicitAny: zod wants a tuple of object schemas; the registry supplies them
  vendors.map((v) => v.configSchema) as any,
  { error: () => `must be one of: ${vendors.map((v) => v.kind).join(" | ")}` },
);

/** An operation's budget: its estimated upstream calls and returned objects (server/limits/). */
const budgetSchema = z.strictObject({
  upstreamCalls: z.number().int().positive(),
  objects: z.number().int().positive(),
});

const limitsSchema = z.strictObject({
  /** Nesting of fields (graphql-armor). The directory example is 6 deep. */
  maxDepth: z.number().int().positive().default(10),
  /** Aliased fields in one operation (graphql-armor). */
  maxAliases: z.number().int().min(0).default(20),
  /** Directives in one operation (graphql-armor). */
  maxDirectives: z.number().int().min(0).default(20),
  /** Lexical tokens of one document (graphql-js's parser). */
  maxTokens: z.number().int().positive().default(3000),
  /** Items of any one list argument or input list (`nodes(ids:)`, `setUserActive(input: { users })`…). */
  maxListItems: z.number().int().positive().default(100),
  /** The default budget of one operation: estimated upstream calls and returned objects. */
  upstreamCalls: z.number().int().positive().default(2500),
  objects: z.number().int().positive().default(500_000),
  /** Budgets per caller (an API key's name, or a token's subject), overriding the default. */
  callers: z.record(z.string().min(1), budgetSchema.partial()).default({}),
  /** What the estimate assumes a source holds where a cost depends on it (calls per project…). */
  sourceSize: z
    .strictObject({
      users: z.number().int().positive().default(1000),
      teams: z.number().int().positive().default(100),
      groups: z.number().int().positive().default(100),
      projects: z.number().int().positive().default(100),
    })
    .prefault({}),
});

export const serverSchema = z.strictObject({
  port: z.number().int().min(0).max(65_535).default(4000),
  host: z.string().default("0.0.0.0"),
  /** Serve GraphiQL at the GraphQL URL for browsers. Default: on, off under NODE_ENV=production. */
  graphiql: z.boolean().optional(),
  /** Serve the admin console at /console (its bundle holds no data; every call takes credentials). */
  console: z.boolean().default(true),
  /** Answer introspection queries. Default: on, off under NODE_ENV=production. */
  introspection: z.boolean().optional(),
  /** The largest `first` a list accepts. */
  maxPageSize: z.number().int().positive().default(1000),
  /**
   * A vendor that reports no total or cannot apply a filter still gets a `totalCount`:
   * Rollcall reads up to this many of its positions, in its largest pages, and counts. Past that
   * the count is null. 0: never read for a count.
   */
  countScanLimit: z.number().int().min(0).default(5000),
  /** DataLoader batching and per-operation caching. Off only for the benchmarks' naive baseline. */
  batching: z.boolean().default(true),
  /**
   * Also serve as an Apollo Federation v2 subgraph (`_service { sdl }`, `_entities`, `@key`s on the
   * entities: README "Federation"). Off: a standalone server, without those two fields.
   */
  federation: z.boolean().default(false),
  /** What one operation may ask, checked before anything runs (README "Limits"). */
  limits: limitsSchema.prefault({}),
  /** An operation still running this long after it started is cancelled (OPERATION_TIMEOUT). */
  operationTimeoutMs: z.number().int().positive().default(30_000),
  /**
   * How long a stop (SIGTERM, SIGINT) may wait for the work in flight before the process exits
   * without it, leaving it as a crash would (src/cli/bounded-stop.ts). Below Kubernetes' default
   * grace of 30 s before its SIGKILL, so the exit is Rollcall's own, logged with what it left.
   */
  stopTimeoutMs: z.number().int().positive().default(25_000),
  /** The largest answer sent, in bytes of JSON (RESPONSE_TOO_LARGE past it). */
  maxResponseBytes: z
    .number()
    .int()
    .positive()
    .default(32 * 1024 * 1024),
  /**
   * Memory the cache of parsed, validated documents may hold, in bytes: a text seen again skips
   * parsing and validation. Least recently used go first; 0 turns it off.
   */
  documentCacheBytes: z
    .number()
    .int()
    .min(0)
    .default(32 * 1024 * 1024),
  /**
   * Load shedding: while the event loop lags or the heap nears V8's limit, new requests are
   * answered 503 SERVER_OVERLOADED with Retry-After instead of being taken on (0 turns a check off).
   */
  overload: z
    .strictObject({
      maxEventLoopDelayMs: z.number().min(0).default(1000),
      /** Of V8's heap limit (`--max-old-space-size`). */
      maxHeapUsedRatio: z.number().min(0).max(1).default(0.9),
      maxRssBytes: z.number().int().min(0).default(0),
      /** How often the process is measured. */
      sampleIntervalMs: z.number().int().positive().default(1000),
      retryAfterSeconds: z.number().int().positive().default(10),
    })
    .prefault({}),
  /** Memory the queries compiled from documents may hold, in bytes (least recently used go first). */
  compiledQueryCacheBytes: z
    .number()
    .int()
    .positive()
    .default(32 * 1024 * 1024),
});

export const authSchema = z.strictObject({
  /** Keys callers send as `Authorization: Bearer <key>`; only their SHA-256 is stored. */
  apiKeys: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        scope: z.enum(SCOPES),
        sha256: z
          .string()
          .regex(/^[0-9a-f]{64}$/, "must be the key's SHA-256 in hex (see `rollcall hash-key`)"),
        /** This key's requests per rateLimit.windowMs, instead of rateLimit.max. */
        rateLimit: z.number().int().positive().optional(),
      }),
    )
    .superRefine((keys, ctx) => {
      // A key's name is its caller identity (logs, rate limits): two keys can't share one.
      keys.forEach((key, index) => {
        const first = keys.findIndex((k) => k.name === key.name);
        if (first < index)
          ctx.addIssue({
            code: "custom",
            path: [index, "name"],
            message: `duplicates apiKeys[${first}].name`,
          });
      });
    })
    .default([]),
  /** Bearer JWTs from an identity provider, beside the API keys. */
  jwt: jwtSchema.optional(),
  /**
   * Queries without credentials. Default: allowed only when no key or token issuer is configured,
   * and never under NODE_ENV=production. Mutations always need write scope.
   */
  anonymousReads: z.boolean().optional(),
  avatarUrls: avatarUrlsSchema.prefault({}),
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
    rateLimit: rateLimitSchema.prefault({}),
    cors: corsSchema.prefault({}),
    store: storeSchema.prefault({}),
    /** What replicas share (README, "Running several replicas"); absent: each keeps its own. */
    redis: redisSchema.optional(),
    /** Access history: the snapshot schedule and retention (snapshots-schema.ts). */
    snapshots: snapshotsSchema.prefault({}),
    review: reviewSchema.prefault({}),
    sources: z.array(sourceSchema).min(1, "configure at least one source"),
    /** Onboarding templates by name (templates-schema.ts). */
    templates: templatesSchema.default({}),
    /** OpenTelemetry traces exported by OTLP (telemetry-schema.ts); absent: off. */
    telemetry: telemetrySchema.optional(),
  })
  .superRefine((config, ctx) => {
    checkTemplateSources(
      config.templates,
      config.sources.map((s: { id: string }) => s.id),
      ctx,
    );
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
export type LimitsConfig = z.infer<typeof limitsSchema>;
export type SourceConfig = RollcallConfig["sources"][number] & { id: string; kind: string };
