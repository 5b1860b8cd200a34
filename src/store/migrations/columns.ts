import type { CreateTableBuilder } from "kysely";
import type { StoreEngine } from "../store-url.js";

/**
 * An `id` that only ever grows, never reused even after the newest rows are pruned (it is a paging
 * cursor): SQLite's INTEGER PRIMARY KEY AUTOINCREMENT, PostgreSQL's bigserial. The one place the
 * two engines' DDL differ.
 */
export function autoIdColumn<T extends string>(
  engine: StoreEngine,
  table: CreateTableBuilder<T, never>,
): CreateTableBuilder<T, "id"> {
  return engine === "postgres"
    ? table.addColumn("id", "bigserial", (c) => c.primaryKey())
    : table.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement());
}
