/**
 * libsql's Kysely dialect, one statement or transaction at a time. libsql runs SQLite calls
 * synchronously: a write that waited on a lock held by this process's own open transaction would
 * block the event loop that must commit it (and an in-memory database has one connection, which an
 * open transaction holds). So every query and transaction takes its turn here, as Kysely's own
 * SQLite driver does; other processes on the same file wait on SQLite's busy timeout.
 */
import type { Client } from "@libsql/client";
import { LibsqlDialect } from "@libsql/kysely-libsql";
import type { DatabaseConnection, Driver, TransactionSettings } from "kysely";

export class SerializedLibsqlDialect extends LibsqlDialect {
  constructor(client: Client) {
    super({ client });
  }

  override createDriver(): Driver {
    return new SerializedDriver(super.createDriver());
  }
}

class SerializedDriver implements Driver {
  private turn: Promise<void> = Promise.resolve();
  private release: (() => void) | undefined;

  constructor(private readonly inner: Driver) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.turn;
    let release!: () => void;
    this.turn = new Promise((resolve) => {
      release = resolve;
    });
    await previous;
    this.release = release;
    return this.inner.acquireConnection();
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.inner.beginTransaction(connection, settings);
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.commitTransaction(connection);
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.rollbackTransaction(connection);
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    try {
      await this.inner.releaseConnection(connection);
    } finally {
      const release = this.release;
      this.release = undefined;
      release?.();
    }
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}
