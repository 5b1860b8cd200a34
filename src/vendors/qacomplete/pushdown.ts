import type { UserFilter } from "../../model/filters.js";

/**
 * Rollcall's user filters as QAComplete `Filter=` expressions (…/reference/filters.html):
 * `[Field] [op] [value]` with PascalCase field names, strings in single quotes, `~` for
 * "contains", `in {…}` for numeric lists, joined with AND/OR and parentheses.
 * [I] String comparisons are case-insensitive (SQL Server's default collation), which is what
 * Rollcall's email and name filters mean.
 */

/** A string literal; a quote inside is doubled, SQL style [I]. */
export function quote(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** Only digits are QAComplete ids; anything else cannot name a user. */
export const isQacId = (id: string): boolean => /^\d{1,10}$/.test(id);

export function idsIn(ids: readonly string[]): string {
  return `Id in {${ids.join(",")}}`;
}

export interface UserPushdown {
  /** Undefined when nothing narrows the list. */
  readonly expression: string | undefined;
  /** True when the vendor's matches are exactly Rollcall's. */
  readonly exact: boolean;
}

/**
 * `nameContains` is a substring of "First Last". A needle without whitespace lies inside one of
 * the two names, so `FirstName ~ n OR LastName ~ n` is exact. A needle spanning the space can't
 * be said in the filter language; each of its words must still appear in one of the names, so
 * those conditions are pushed as a superset and Rollcall filters the rest.
 */
function nameCondition(needle: string): { condition: string | undefined; exact: boolean } {
  const words = needle.split(/\s+/).filter((w) => w.length > 0);
  const condition = words.map((w) => `(FirstName ~ ${quote(w)} OR LastName ~ ${quote(w)})`).join(" AND ");
  return { condition: condition || undefined, exact: !/\s/.test(needle) };
}

export function userFilterExpression(filter: UserFilter): UserPushdown {
  const conditions: string[] = [];
  let exact = true;
  if (filter.email !== undefined) conditions.push(`Email = ${quote(filter.email)}`);
  // The login is the email; the vendor compares it case-insensitively while Rollcall's login
  // match is exact, so the connector re-checks the (at most one) row.
  if (filter.login !== undefined) {
    conditions.push(`Email = ${quote(filter.login)}`);
    exact = false;
  }
  if (filter.nameContains !== undefined) {
    const name = nameCondition(filter.nameContains);
    if (name.condition) conditions.push(name.condition);
    exact &&= name.exact;
  }
  if (filter.active !== undefined) conditions.push(`IsActive = ${filter.active}`);
  // includeArchived needs nothing: QAComplete never archives (DELETE disables: is_active false).
  const expression =
    conditions.length === 0
      ? undefined
      : conditions.length === 1
        ? conditions[0]
        : conditions.map((c) => `(${c})`).join(" AND ");
  return { expression, exact };
}
