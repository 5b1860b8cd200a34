/**
 * The people matrix of one finished snapshot: everyone × every source, a page of people at a time by
 * keyset on the person key, each with their accounts and each account's highest level. The engine
 * walks one snapshot's accounts in person order by index (snapshot_accounts_matrix) and stops
 * once it has the page, so a page costs what its people hold, not the 25,000 accounts around them;
 * filters are per person (one of their accounts matches the search, one is in the sources, one
 * holds the level), written as HAVING over the person's rows so they combine the way `people`'s do.
 */
import { type Kysely, type RawBuilder, sql } from "kysely";
import { PersonBasis } from "../../history/snapshot.js";
import type { PermissionLevel } from "../../model/records.js";
import { LEVEL_ORDER, rankOf } from "../../people/levels.js";
import { fromFlag, toInt } from "../sql-values.js";
import type { StoreTables } from "../store-tables.js";

export interface PeopleMatrixQuery {
  readonly snapshotId: string;
  /** The sources whose accounts are read: those the snapshot read whole (the caller decides). */
  readonly sourceIds: readonly string[];
  /** Text (any case) one of the person's accounts has in its name or email, or their person's address. */
  readonly search?: string;
  /** The person has an account in one of these. */
  readonly inSources?: readonly string[];
  /** The person holds a grant at this level or above (LEVEL_ORDER) in a source read whole. */
  readonly atLeast?: PermissionLevel;
}

/** One account of a matrix row. */
export interface MatrixRowAccount {
  readonly sourceId: string;
  readonly remoteId: string;
  readonly email: string | null;
  readonly login: string | null;
  readonly displayName: string;
  readonly active: boolean;
  /** Whether its grants were read; when not, its level is unknown (never "no access"). */
  readonly grantsRead: boolean;
  /** Its highest grant's level; null when it holds none (or when they were not read). */
  readonly highestLevel: PermissionLevel | null;
}

/** One person of the matrix: their key and their accounts in the sources read, by source then id. */
export interface MatrixRow {
  readonly personKey: string;
  readonly personBasis: PersonBasis;
  readonly accounts: readonly MatrixRowAccount[];
}

/**
 * What a search looks in, kept with each account (006-people-matrix): its name, its email, and the
 * address its person is joined by (a link's may differ from the account's own email; an account
 * of its own has no address, and its key's words are not searched), lower-cased.
 */
export function searchTextOf(account: {
  readonly displayName: string;
  readonly email: string | null;
  readonly personKey: string;
  readonly personBasis: PersonBasis;
}): string {
  const key = account.personBasis === PersonBasis.NONE ? "" : account.personKey;
  return [account.displayName, account.email ?? "", key].join("\n").toLowerCase();
}

/** `text` as a LIKE pattern that matches it anywhere, its wildcards taken literally. */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const list = (values: readonly string[]) => sql`(${sql.join(values.map((v) => sql`${v}`))})`;

/** The HAVING conditions of the query's filters (each over the person's rows), or null for none. */
function personConditions(query: PeopleMatrixQuery): RawBuilder<unknown> | null {
  const conditions: RawBuilder<unknown>[] = [];
  if (query.search !== undefined && query.search !== "")
    conditions.push(
      sql`max(case when a.search_text like ${containing(query.search.toLowerCase())} escape '\\' then 1 else 0 end) = 1`,
    );
  if (query.inSources !== undefined)
    conditions.push(
      query.inSources.length === 0
        ? sql`1 = 0`
        : sql`max(case when a.source_id in ${list(query.inSources)} then 1 else 0 end) = 1`,
    );
  if (query.atLeast !== undefined) {
    const levels = LEVEL_ORDER.filter((l) => rankOf(l) >= rankOf(query.atLeast as PermissionLevel));
    // Each account's highest level is kept with it (006-people-matrix): no grant is read here.
    conditions.push(sql`max(case when a.highest_level in ${list(levels)} then 1 else 0 end) = 1`);
  }
  return conditions.length === 0 ? null : sql.join(conditions, sql` and `);
}

/** The person keys matching the query, in key order after `after`: a select to page or count. */
function personKeys(query: PeopleMatrixQuery, after: string | null): RawBuilder<{ person_key: string }> {
  const having = personConditions(query);
  return sql<{ person_key: string }>`select a.person_key from snapshot_accounts a
    where a.snapshot_id = ${query.snapshotId} and a.source_id in ${list(query.sourceIds)}${
      after === null ? sql`` : sql` and a.person_key > ${after}`
    }
    group by a.person_key${having === null ? sql`` : sql` having ${having}`}`;
}

interface AccountRow {
  person_key: string;
  person_basis: string;
  source_id: string;
  remote_id: string;
  email: string | null;
  login: string | null;
  display_name: string;
  active: number | string;
  grants_read: number | string;
  highest_level: string | null;
}

/**
 * A page of people (at most `limit`) after the person key `after`, with their accounts: one
 * statement, the page's keys found first (an index range), then their accounts by key. (With the
 * levels joined from the grants instead, SQLite's planner walked every grant of the snapshot.)
 */
export async function peopleMatrixPage(
  db: Kysely<StoreTables>,
  query: PeopleMatrixQuery,
  page: { readonly after: string | null; readonly limit: number },
): Promise<MatrixRow[]> {
  if (query.sourceIds.length === 0 || page.limit <= 0) return [];
  const { rows } = await sql<AccountRow>`with page as (${personKeys(query, page.after)}
      order by a.person_key limit ${page.limit})
    select a.person_key, a.person_basis, a.source_id, a.remote_id, a.email, a.login, a.display_name,
      a.active, a.grants_read, a.highest_level
    from snapshot_accounts a
    where a.snapshot_id = ${query.snapshotId} and a.source_id in ${list(query.sourceIds)}
      and a.person_key in (select person_key from page)
    order by a.person_key, a.source_id, a.remote_id`.execute(db);
  const people: MatrixRow[] = [];
  let person: { personKey: string; personBasis: PersonBasis; accounts: MatrixRowAccount[] } | undefined;
  for (const a of rows) {
    if (person?.personKey !== a.person_key) {
      person = { personKey: a.person_key, personBasis: a.person_basis as PersonBasis, accounts: [] };
      people.push(person);
    }
    // A link wins over an email: a person any of whose accounts came by link is joined by it.
    if (a.person_basis === "LINK") person.personBasis = PersonBasis.LINK;
    const grantsRead = fromFlag(a.grants_read);
    person.accounts.push({
      sourceId: a.source_id,
      remoteId: a.remote_id,
      email: a.email,
      login: a.login,
      displayName: a.display_name,
      active: fromFlag(a.active),
      grantsRead,
      highestLevel: grantsRead ? (a.highest_level as PermissionLevel | null) : null,
    });
  }
  return people;
}

/** How many people the query matches (all of them, not a page). */
export async function countPeopleMatrix(db: Kysely<StoreTables>, query: PeopleMatrixQuery): Promise<number> {
  if (query.sourceIds.length === 0) return 0;
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from (${personKeys(
    query,
    null,
  )}) matching`.execute(db);
  return toInt(rows[0]?.n ?? 0);
}
