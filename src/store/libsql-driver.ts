/**
 * Kysely's driver over one embedded libsql client: statements on the client, a transaction on the
 * client's transaction object. What `@libsql/kysely-libsql` did, minus its import of
 * `@libsql/client`'s entry point, which loads the remote (HTTP and WebSocket) clients too: the store
 * opens only `file:` and `:memory:` URLs (store-url.ts), so open-store.ts loads the embedded client
 * alone (`@libsql/client/sqlite3`) and a replica does not hold the others' code (issue 17).
 */
import type { Client, Transaction } from "@libsql/client";
import type { CompiledQuery, DatabaseConnection, Driver, QueryResult } from "kysely";

export class LibsqlDriver implements Driver {
  constructor(private readonly client: Client) {}

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return new LibsqlConnection(this.client);
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as LibsqlConnection).begin();
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as LibsqlConnection).commit();
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as LibsqlConnection).rollback();
  }

  async releaseConnection(): Promise<void> {}

  // The client is the store's to close (open-store.ts), not the driver's.
  async destroy(): Promise<void> {}
}

class LibsqlConnection implements DatabaseConnection {
  private transaction: Transaction | undefined;

  constructor(private readonly client: Client) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const result = await (this.transaction ?? this.client).execute({
      sql: query.sql,
      args: query.parameters as never,
    });
    return {
      insertId: result.lastInsertRowid,
      numAffectedRows: BigInt(result.rowsAffected),
      rows: result.rows as R[],
    };
  }

  // biome-ignore lint/correctness/useYield: Kysely's interface; libsql has no cursor to stream from.
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error("The embedded store does not stream query results");
  }

  async begin(): Promise<void> {
    if (this.transaction) throw new Error("A transaction is already open on this connection");
    this.transaction = await this.client.transaction();
  }

  async commit(): Promise<void> {
    if (!this.transaction) throw new Error("No transaction to commit");
    await this.transaction.commit();
    this.transaction = undefined;
  }

  async rollback(): Promise<void> {
    if (!this.transaction) throw new Error("No transaction to roll back");
    await this.transaction.rollback();
    this.transaction = undefined;
  }
}
