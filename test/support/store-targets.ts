/**
 * Where store specs keep their data: a fresh SQLite file in a temporary directory, or a fresh schema
 * in the PostgreSQL server the machine provides (ROLLCALL_TEST_POSTGRES_URL, default
 * postgres://postgres@127.0.0.1:5432/test). Each is dropped afterwards, so parallel runs and reruns
 * never see each other's rows.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

export const POSTGRES_URL =
  process.env.ROLLCALL_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/** A place for one store: its URL, and how to remove it. */
export interface StorePlace {
  readonly url: string;
  drop(): Promise<void>;
}

export interface StoreTarget {
  readonly engine: "sqlite" | "postgres";
  fresh(): Promise<StorePlace>;
  /** Runs one SQL statement in the place, beside the store (to stage what a spec needs). */
  sql(place: StorePlace, statement: string): Promise<void>;
  /** The rows one SQL query answers in the place, beside the store (to see what the store left). */
  rows(place: StorePlace, query: string): Promise<Array<Record<string, unknown>>>;
  close(): Promise<void>;
}

export function sqliteTarget(): StoreTarget {
  return {
    engine: "sqlite",
    async fresh() {
      const dir = mkdtempSync(join(tmpdir(), "rollcall-store-"));
      return {
        url: `file:${join(dir, "rollcall.db")}`,
        drop: async () => rmSync(dir, { recursive: true, force: true }),
      };
    },
    async sql(place, statement) {
      const { createClient } = await import("@libsql/client");
      const client = createClient({ url: place.url });
      try {
        await client.execute(statement);
      } finally {
        client.close();
      }
    },
    async rows(place, query) {
      const { createClient } = await import("@libsql/client");
      const client = createClient({ url: place.url });
      try {
        return (await client.execute(query)).rows.map((row) => ({ ...row }));
      } finally {
        client.close();
      }
    },
    async close() {},
  };
}

/** Where the server is, for messages (never its password). */
export function postgresAddress(url = POSTGRES_URL): string {
  const { hostname, port } = new URL(url);
  return `${hostname}:${port || 5432}`;
}

/**
 * PostgreSQL specs fail, never skip, when the server does not answer: the first fresh() says so in
 * every spec that needs it.
 */
export function postgresTarget(): StoreTarget {
  let admin: pg.Pool | undefined;
  let unreachable: Error | undefined;
  const pool = async () => {
    if (unreachable) throw unreachable;
    if (!admin) {
      const candidate = new pg.Pool({
        connectionString: POSTGRES_URL,
        max: 2,
        connectionTimeoutMillis: 5000,
      });
      candidate.on("error", () => undefined);
      try {
        await candidate.query("select 1");
      } catch (error) {
        await candidate.end().catch(() => undefined);
        unreachable = new Error(
          `PostgreSQL at ${postgresAddress()} is not answering (${(error as Error).message || (error as { code?: string }).code}): ` +
            "the store specs run against it too. Start it, or point ROLLCALL_TEST_POSTGRES_URL at one (README, Store).",
        );
        throw unreachable;
      }
      admin = candidate;
    }
    return admin;
  };
  return {
    engine: "postgres",
    async fresh() {
      const admin = await pool();
      const schema = `rollcall_spec_${process.pid}_${randomBytes(4).toString("hex")}`;
      await admin.query(`create schema "${schema}"`);
      const url = new URL(POSTGRES_URL);
      url.searchParams.set("options", `-c search_path=${schema}`);
      return {
        url: url.toString(),
        drop: async () => {
          await admin.query(`drop schema if exists "${schema}" cascade`);
          // The job engine's, beside it (store.jobs.schema's default), where a gateway made one.
          await admin.query(`drop schema if exists "${schema}_jobs" cascade`);
        },
      };
    },
    async sql(place, statement) {
      const client = new pg.Client({ connectionString: place.url });
      await client.connect();
      try {
        await client.query(statement);
      } finally {
        await client.end();
      }
    },
    async rows(place, query) {
      const client = new pg.Client({ connectionString: place.url });
      await client.connect();
      try {
        return (await client.query(query)).rows as Array<Record<string, unknown>>;
      } finally {
        await client.end();
      }
    },
    async close() {
      await admin?.end();
    },
  };
}
