import type { Kysely } from "kysely";
import { SqlAuditStore } from "./audit-store.js";
import { SqlHistoryStore } from "./history-store.js";
import { SqlLinkStore } from "./link-store.js";
import { SqlPlanStore } from "./plan-store.js";
import { SqlReviewQueries } from "./review-queries.js";
import type { Store } from "./store.js";
import type { StoreTables } from "./store-tables.js";
import type { StoreEngine } from "./store-url.js";

/** The store over either engine: the queries are Kysely's, the same for both. */
export class SqlStore implements Store {
  readonly links: SqlLinkStore;
  readonly plans: SqlPlanStore;
  readonly audit: SqlAuditStore;
  readonly history: SqlHistoryStore;
  readonly review: SqlReviewQueries;

  constructor(
    readonly engine: StoreEngine,
    private readonly db: Kysely<StoreTables>,
    private readonly release: () => Promise<void>,
  ) {
    this.links = new SqlLinkStore(db);
    this.plans = new SqlPlanStore(db);
    this.audit = new SqlAuditStore(db);
    this.history = new SqlHistoryStore(db, engine);
    this.review = new SqlReviewQueries(db);
  }

  async close(): Promise<void> {
    await this.db.destroy();
    await this.release();
  }
}
