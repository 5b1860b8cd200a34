import { type RawBuilder, type SqlBool, sql } from "kysely";
import { toSqlDate } from "./sql-values.js";

/**
 * The condition on a leased row (plans, snapshots: `runner`, `lease_until`) that `runner` may take
 * or renew its lease: no one holds it, `runner` does, or the holder's lease ran out.
 */
export function leaseFreeFor(runner: string, now: Date): RawBuilder<SqlBool> {
  return sql<SqlBool>`(runner is null or runner = ${runner} or lease_until is null or lease_until < ${toSqlDate(now)})`;
}
