/**
 * Each finding kind as one condition on a snapshot's accounts (alias `a`), so the engine finds and
 * counts them by index and hands back a page. An account whose relations were not read can't
 * match a rule about them: an unknown is never a finding.
 */
import { type RawBuilder, sql } from "kysely";
import { type FindingQuery, FindingKind as K } from "../../history/findings/finding.js";
import { PermissionLevel } from "../../model/records.js";
import { toSqlDate } from "../sql-values.js";

const PRIVILEGED = [PermissionLevel.MANAGE, PermissionLevel.ADMIN];

const holdsGrant = sql`exists (select 1 from snapshot_grants g where g.snapshot_id = a.snapshot_id and g.source_id = a.source_id and g.remote_id = a.remote_id)`;
const holdsMembership = sql`exists (select 1 from snapshot_memberships m where m.snapshot_id = a.snapshot_id and m.source_id = a.source_id and m.remote_id = a.remote_id)`;

function condition(query: FindingQuery): RawBuilder<unknown> | null {
  switch (query.kind) {
    case K.DORMANT_ACCOUNT: {
      // Never judged where the vendor does not report logins: "no login" there means "not said".
      if (query.loginSourceIds.length === 0) return null;
      const since = toSqlDate(query.dormantSince);
      return sql`a.active = 1 and a.source_id in (${sql.join(query.loginSourceIds)})
        and (a.last_login_at < ${since}
          or (a.last_login_at is null and (a.created_at is null or a.created_at < ${since})))`;
    }
    case K.UNOWNED_ACCOUNT:
      return sql`a.person_basis = 'NONE'`;
    case K.NOT_IN_ROSTER:
      return sql`a.active = 1 and not exists (select 1 from roster_entries r where r.person_key = a.person_key)`;
    case K.PARTIAL_OFFBOARDING:
      return sql`a.active = 1 and a.person_basis <> 'NONE' and exists (select 1 from snapshot_accounts o
        where o.snapshot_id = a.snapshot_id and o.person_key = a.person_key and o.active = 0
          and not (o.source_id = a.source_id and o.remote_id = a.remote_id))`;
    case K.PRIVILEGED_ACCOUNT:
      return sql`(a.admin = 1 or exists (select 1 from snapshot_grants g where g.snapshot_id = a.snapshot_id
        and g.source_id = a.source_id and g.remote_id = a.remote_id and g.level in (${sql.join(PRIVILEGED)})))`;
    case K.INACTIVE_WITH_ACCESS:
      return sql`a.active = 0 and (${holdsGrant} or ${holdsMembership})`;
  }
}

/** The matching accounts' rows (select list given), or null when nothing can match. */
export function findingsSelect(
  query: FindingQuery,
  select: RawBuilder<unknown>,
  after?: FindingCursor | null,
): RawBuilder<unknown> | null {
  const rule = condition(query);
  if (rule === null || query.sourceIds.length === 0) return null;
  const person = query.personKey === undefined ? sql`` : sql` and a.person_key = ${query.personKey}`;
  // Keyset: the rows after the last one read, in the order pages are cut (person, source, account).
  const from = after
    ? sql` and (a.person_key, a.source_id, a.remote_id) > (${after.personKey}, ${after.sourceId}, ${after.remoteId})`
    : sql``;
  return sql`select ${select} from snapshot_accounts a
    where a.snapshot_id = ${query.snapshotId} and a.source_id in (${sql.join(query.sourceIds)})
      and ${rule}${person}${from}`;
}

/** The last finding read, for the next page by keyset (the exports' stream). */
export interface FindingCursor {
  readonly personKey: string;
  readonly sourceId: string;
  readonly remoteId: string;
}
