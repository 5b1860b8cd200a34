import type { Kysely } from "kysely";
import { fromSqlDate, inChunks, toSqlDate } from "./sql-values.js";
import type { AccountLink, AccountRef, LinkStore } from "./store.js";
import type { StoreTables } from "./store-tables.js";

/** Accounts per statement: far below either engine's limit on bound parameters. */
const CHUNK = 200;

export class SqlLinkStore implements LinkStore {
  constructor(private readonly db: Kysely<StoreTables>) {}

  async all(): Promise<AccountLink[]> {
    const rows = await this.db
      .selectFrom("account_links")
      .selectAll()
      .orderBy("source_id")
      .orderBy("remote_id")
      .execute();
    return rows.map((row) => ({
      account: { sourceId: row.source_id, remoteId: row.remote_id },
      personKey: row.person_key,
      createdAt: fromSqlDate(row.created_at),
      createdBy: row.created_by,
    }));
  }

  async link(accounts: readonly AccountRef[], personKey: string, by: string): Promise<void> {
    // PostgreSQL refuses an upsert that touches one row twice: an account listed twice is linked once.
    const unique = distinct(accounts);
    if (unique.length === 0) return;
    const createdAt = toSqlDate(new Date());
    await this.db.transaction().execute(async (trx) => {
      for (const chunk of inChunks(unique, CHUNK))
        await trx
          .insertInto("account_links")
          .values(
            chunk.map((a) => ({
              source_id: a.sourceId,
              remote_id: a.remoteId,
              person_key: personKey,
              created_at: createdAt,
              created_by: by,
            })),
          )
          .onConflict((oc) =>
            oc.columns(["source_id", "remote_id"]).doUpdateSet({
              person_key: personKey,
              created_at: createdAt,
              created_by: by,
            }),
          )
          .execute();
    });
  }

  async unlink(accounts: readonly AccountRef[]): Promise<number> {
    const unique = distinct(accounts);
    if (unique.length === 0) return 0;
    return this.db.transaction().execute(async (trx) => {
      let removed = 0;
      for (const chunk of inChunks(unique, CHUNK)) {
        const result = await trx
          .deleteFrom("account_links")
          .where((eb) =>
            eb.or(
              chunk.map((a) => eb.and([eb("source_id", "=", a.sourceId), eb("remote_id", "=", a.remoteId)])),
            ),
          )
          .executeTakeFirst();
        removed += Number(result.numDeletedRows);
      }
      return removed;
    });
  }
}

function distinct(accounts: readonly AccountRef[]): AccountRef[] {
  const seen = new Map<string, AccountRef>();
  for (const a of accounts) seen.set(JSON.stringify([a.sourceId, a.remoteId]), a);
  return [...seen.values()];
}
