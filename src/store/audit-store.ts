import type { ExpressionBuilder, Kysely } from "kysely";
import { InputError } from "../model/errors.js";
import { insertIntent, insertResult } from "./audit-rows.js";
import { fromFlag, fromJson, fromSqlDate, idToString, parseId, toInt, toSqlDate } from "./sql-values.js";
import {
  type AuditEvent,
  type AuditFilter,
  type AuditIntent,
  AuditOutcome,
  type AuditResult,
  type AuditStore,
} from "./store.js";
import type { StoreTables } from "./store-tables.js";

type ListOptions = Parameters<AuditStore["list"]>[1];

/**
 * The trail as two append-only tables: an intent row before the vendor call, a result row per
 * outcome after it (the latest one wins). Nothing here updates a row; only `prune` deletes.
 */
export class SqlAuditStore implements AuditStore {
  constructor(private readonly db: Kysely<StoreTables>) {}

  recordIntent(intent: AuditIntent): Promise<string> {
    return insertIntent(this.db, intent);
  }

  async recordResult(eventId: string, result: AuditResult): Promise<void> {
    const id = parseId(eventId);
    const intent =
      id === null
        ? undefined
        : await this.db.selectFrom("audit_intents").select("id").where("id", "=", id).executeTakeFirst();
    if (!intent || id === null) throw new Error(`No audit event "${eventId}" to record a result for`);
    await insertResult(this.db, id, result);
  }

  async list(filter: AuditFilter, options: ListOptions): Promise<AuditEvent[]> {
    if (options.first <= 0) return [];
    let after: number | undefined;
    if (options.after !== undefined) {
      const id = parseId(options.after);
      if (id === null) throw new InputError(`"${options.after}" is not an audit event cursor`, "after");
      after = id;
    }
    return this.query(filter, after, options.first);
  }

  pending(): Promise<AuditEvent[]> {
    return this.query({ outcome: AuditOutcome.PENDING }, undefined, undefined);
  }

  async prune(before: Date): Promise<number> {
    const cutoff = toSqlDate(before);
    return this.db.transaction().execute(async (trx) => {
      const old = trx.selectFrom("audit_intents").select("id").where("at", "<", cutoff);
      await trx.deleteFrom("audit_results").where("event_id", "in", old).execute();
      const deleted = await trx.deleteFrom("audit_intents").where("at", "<", cutoff).executeTakeFirst();
      return Number(deleted.numDeletedRows);
    });
  }

  private async query(filter: AuditFilter, after: number | undefined, first: number | undefined) {
    let query = this.db
      .selectFrom("audit_intents as i")
      // An event's outcome is its latest result: the one with the highest id.
      .leftJoin("audit_results as r", (join) =>
        join.on((eb) =>
          eb(
            "r.id",
            "=",
            eb
              .selectFrom("audit_results as latest")
              .select((l) => l.fn.max("latest.id").as("id"))
              .whereRef("latest.event_id", "=", "i.id"),
          ),
        ),
      )
      .selectAll("i")
      .select([
        "r.id as result_id",
        "r.at as result_at",
        "r.outcome",
        "r.code",
        "r.message",
        "r.vendor_status",
        "r.settled",
      ])
      .where((eb) => eb.and(conditions(eb, filter)));
    if (after !== undefined) query = query.where("i.id", ">", after);
    query = query.orderBy("i.id");
    if (first !== undefined) query = query.limit(first);
    const rows = await query.execute();
    return rows.map(
      (row): AuditEvent => ({
        id: idToString(row.id),
        at: fromSqlDate(row.at),
        caller: row.caller,
        operation: row.operation,
        planId: row.plan_id,
        stepId: row.step_id,
        sourceId: row.source_id,
        target: row.target,
        personKey: row.person_key,
        action: row.action,
        before: fromJson(row.before_state),
        after: fromJson(row.after_state),
        result:
          row.result_id === null || row.result_at === null || row.outcome === null || row.settled === null
            ? null
            : {
                at: fromSqlDate(row.result_at),
                outcome: row.outcome as AuditResult["outcome"],
                code: row.code,
                message: row.message,
                vendorStatus: row.vendor_status === null ? null : toInt(row.vendor_status),
                settled: fromFlag(row.settled),
              },
      }),
    );
  }
}

type Scope = ExpressionBuilder<
  StoreTables & { i: StoreTables["audit_intents"]; r: StoreTables["audit_results"] },
  "i" | "r"
>;

function conditions(eb: Scope, filter: AuditFilter) {
  const where = [];
  if (filter.personKey !== undefined) where.push(eb("i.person_key", "=", filter.personKey));
  if (filter.sourceId !== undefined) where.push(eb("i.source_id", "=", filter.sourceId));
  if (filter.caller !== undefined) where.push(eb("i.caller", "=", filter.caller));
  if (filter.action !== undefined) where.push(eb("i.action", "=", filter.action));
  if (filter.planId !== undefined) where.push(eb("i.plan_id", "=", filter.planId));
  if (filter.since !== undefined) where.push(eb("i.at", ">=", toSqlDate(filter.since)));
  if (filter.until !== undefined) where.push(eb("i.at", "<", toSqlDate(filter.until)));
  if (filter.outcome === AuditOutcome.PENDING) where.push(eb("r.id", "is", null));
  else if (filter.outcome !== undefined) where.push(eb("r.outcome", "=", filter.outcome));
  return where;
}
