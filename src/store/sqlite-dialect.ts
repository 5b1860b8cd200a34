/**
 * libsql's Kysely dialect, one statement or transaction at a time. libsql runs SQLite calls
 * synchronously: a write that waited on a lock held by this process's own open transaction would
 * block the event loop that must commit it (and an in-memory database has one connection, which an
 * open transaction holds). So every query and transaction takes its turn here, as Kysely's own
 * SQLite driver does; other processes on the same file wait on SQLite's busy timeout.
 *
 * Each turn starts in a turn of the event loop of its own: a turn handed on by resolving a promise
 * would run every queued statement and transaction back to back (five sources' pages of a snapshot
 * held the loop for seconds), with no timer, socket or request served in between.
 */
import type { Client } from "@libsql/client";
import {
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type TransactionSettings,
} from "kysely";
import { LibsqlDriver } from "./libsql-driver.js";
import { nextTurn } from "./next-turn.js";

export class SerializedLibsqlDialect implements Dialect {
  constructor(private readonly client: Client) {}

  createDriver(): Driver {
    return new SerializedDriver(new LibsqlDriver(this.client));
  }

  createAdapter(): DialectAdapter {
    return new TransactionalDdlAdapter();
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }

  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }
}

/**
 * SQLite's DDL is transactional, though Kysely's adapter says not: said so, the migrator runs each
 * start-up's migrations in one write transaction (BEGIN IMMEDIATE). A failed migration leaves no
 * half-made table, and two processes starting on one file migrate one after the other.
 */
class TransactionalDdlAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
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
    await nextTurn();
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
