/**
 * The audit trail's rows, written through whichever handle is given: the audit store's own (one
 * statement each), or a transaction that makes a change to Rollcall's records in the same commit
 * as its event (roster-sql.ts).
 */
import type { Kysely } from "kysely";
import { idToString, toFlag, toJson, toSqlDate } from "./sql-values.js";
import type { AuditIntent, AuditResult } from "./store.js";
import type { StoreTables } from "./store-tables.js";

/** Appends an intent; answers its event id. */
export async function insertIntent(db: Kysely<StoreTables>, intent: AuditIntent): Promise<string> {
  const row = await db
    .insertInto("audit_intents")
    .values({
      at: toSqlDate(intent.at),
      caller: intent.caller,
      operation: intent.operation,
      plan_id: intent.planId,
      step_id: intent.stepId,
      source_id: intent.sourceId,
      target: intent.target,
      person_key: intent.personKey,
      action: intent.action,
      before_state: toJson(intent.before),
      after_state: toJson(intent.after),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return idToString(row.id);
}

/** Appends a result to the event with this (stored, numeric) id. */
export async function insertResult(
  db: Kysely<StoreTables>,
  eventId: number,
  result: AuditResult,
): Promise<void> {
  await db
    .insertInto("audit_results")
    .values({
      event_id: eventId,
      at: toSqlDate(result.at),
      outcome: result.outcome,
      code: result.code,
      message: result.message,
      vendor_status: result.vendorStatus,
      settled: toFlag(result.settled),
    })
    .execute();
}
