/**
 * Opens the store `store.url` names and brings its schema up to date: an SQLite file (created with
 * its directory when missing) or a PostgreSQL database. What fails says whether opening or
 * migrating did, on which engine and URL (never its password), and the driver's reason.
 */
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { Kysely, type LogEvent, Migrator } from "kysely";
import { storeMigrations } from "./migrations/migrations.js";
import { OwnSchemaPostgresDialect } from "./own-schema-dialect.js";
import { SqlStore } from "./sql-store.js";
import type { Store } from "./store.js";
import { StoreOpenError } from "./store-error.js";
import type { StoreTables } from "./store-tables.js";
import { hidePassword, locateStore, type StoreLocation, scrub } from "./store-url.js";

export interface StoreConfig {
  /** `postgres://…` / `postgresql://…`, or `file:…`, a path, `:memory:` (SQLite). */
  readonly url: string;
}

export interface StoreOptions {
  /** A pooled PostgreSQL connection failed while idle (the server restarted): the pool drops it and
   *  reconnects for the next query; this is told so it can be logged. */
  readonly onConnectionError?: (error: Error) => void;
  /** Told how long each query took, by kind (metrics). */
  readonly observeQuery?: (kind: QueryKind, durationMs: number) => void;
}

export type QueryKind = "select" | "insert" | "update" | "delete" | "other";

const KINDS: Record<string, QueryKind> = {
  SelectQueryNode: "select",
  InsertQueryNode: "insert",
  UpdateQueryNode: "update",
  DeleteQueryNode: "delete",
};

/** Kysely's log hook, timing every query (failed ones too) by kind: a handful of label values. */
function queryTimer(observe: StoreOptions["observeQuery"]): ((event: LogEvent) => void) | undefined {
  return observe && ((event) => observe(KINDS[event.query.query.kind] ?? "other", event.queryDurationMillis));
}

/** How long another process's write may hold the SQLite file before a statement gives up. */
const SQLITE_BUSY_TIMEOUT_MS = 5000;
/** How long connecting to PostgreSQL may take before it counts as not answering. */
const POSTGRES_CONNECT_TIMEOUT_MS = 10_000;

export async function openStore(config: StoreConfig, options: StoreOptions = {}): Promise<Store> {
  let location: StoreLocation;
  try {
    location = locateStore(config.url);
  } catch (error) {
    throw new StoreOpenError("open", null, hidePassword(config.url), reasonOf(error));
  }
  const opened = await open(location, options).catch((error: unknown) => {
    throw new StoreOpenError("open", location.engine, location.shown, scrub(reasonOf(error), location));
  });
  const migrator = new Migrator({
    db: opened.db,
    provider: storeMigrations(location.engine),
    // Kysely looks for its migration table in every schema unless told which: another schema's
    // table in the same database must not pass for this one's.
    migrationTableSchema: opened.schema,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    await opened.store.close().catch(() => undefined);
    const failed = results?.find((r) => r.status === "Error")?.migrationName;
    const reason = `${failed ? `migration ${failed}: ` : ""}${reasonOf(error)}`;
    throw new StoreOpenError("migrate", location.engine, location.shown, scrub(reason, location));
  }
  return opened.store;
}

interface Opened {
  readonly db: Kysely<StoreTables>;
  readonly store: Store;
  /** PostgreSQL: the schema the tables live in (the first of the search_path that exists). */
  readonly schema?: string;
}

function open(location: StoreLocation, options: StoreOptions): Promise<Opened> {
  return location.engine === "postgres" ? openPostgres(location, options) : openSqlite(location, options);
}

// Each engine's driver is loaded only when it is used: a replica's memory holds one of them.
async function openSqlite(location: StoreLocation, options: StoreOptions): Promise<Opened> {
  const [{ createClient }, { SerializedLibsqlDialect }] = await Promise.all([
    // The embedded client alone: the entry point also loads the remote ones (libsql-driver.ts).
    import("@libsql/client/sqlite3"),
    import("./sqlite-dialect.js"),
  ]);
  if (location.file) mkdirSync(dirname(resolve(location.file)), { recursive: true });
  // One connection: the dialect hands it to one statement or transaction at a time.
  const client = createClient({ url: location.url, concurrency: 1 });
  try {
    await client.execute(`PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    await client.execute("PRAGMA foreign_keys = ON");
    // Readers don't wait for a writer (the CLI beside a running server); it also proves the file
    // writable now rather than at the first audit record.
    if (location.file) await client.execute("PRAGMA journal_mode = WAL");
  } catch (error) {
    client.close();
    throw error;
  }
  const db = new Kysely<StoreTables>({
    dialect: new SerializedLibsqlDialect(client),
    log: queryTimer(options.observeQuery),
  });
  return { db, store: new SqlStore("sqlite", db, async () => client.close()) };
}

async function openPostgres(location: StoreLocation, options: StoreOptions): Promise<Opened> {
  const { default: pg } = await import("pg");
  const pool = new pg.Pool({
    connectionString: location.url,
    connectionTimeoutMillis: POSTGRES_CONNECT_TIMEOUT_MS,
  });
  // Without a listener, an idle connection's failure would be an uncaught 'error' event.
  pool.on("error", (error) => options.onConnectionError?.(error));
  let schema: string;
  try {
    const { rows } = await pool.query<{ schema: string | null }>("select current_schema() as schema");
    if (!rows[0]?.schema)
      throw new Error("no schema to keep the tables in: none of the search_path's schemas exists");
    schema = rows[0].schema;
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  // Kysely's driver ends the pool when the store closes.
  const db = new Kysely<StoreTables>({
    dialect: new OwnSchemaPostgresDialect({ pool }, schema),
    log: queryTimer(options.observeQuery),
  });
  return { db, store: new SqlStore("postgres", db, async () => undefined), schema };
}

function reasonOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0)
    return error.errors.map(reasonOf).join("; ");
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const message = error.message || String(code ?? error.name);
    return typeof code === "string" && !message.includes(code) ? `${message} (${code})` : message;
  }
  return String(error);
}
