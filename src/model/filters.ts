import type { UserRecord } from "./records.js";

/** What a user list can be narrowed by. Connectors push down what their vendor can search. */
export interface UserFilter {
  /** Exact match, case-insensitive. */
  readonly email?: string;
  /** Exact match on the vendor login (where a vendor's login is the email, the email). */
  readonly login?: string;
  /** Case-insensitive substring of the display name. */
  readonly nameContains?: string;
  /** Only active (true) or only inactive (false) accounts; both when unset. */
  readonly active?: boolean;
  /** Include soft-deleted (archived) accounts, where the vendor archives. */
  readonly includeArchived?: boolean;
}

/** Filter for teams, projects and groups. */
export interface NameFilter {
  readonly nameContains?: string;
  /** Include archived objects (where the vendor archives). */
  readonly includeArchived?: boolean;
}

const lower = (s: string | null | undefined) => (s ?? "").toLocaleLowerCase("en");

/** The one definition of a filter match, used for whatever a vendor could not push down. */
export function matchesUserFilter(user: UserRecord, filter: UserFilter): boolean {
  if (filter.email !== undefined && lower(user.email) !== lower(filter.email)) return false;
  if (filter.login !== undefined && user.login !== filter.login) return false;
  if (filter.nameContains !== undefined && !lower(user.displayName).includes(lower(filter.nameContains)))
    return false;
  if (filter.active !== undefined && user.active !== filter.active) return false;
  if (!filter.includeArchived && user.archived === true) return false;
  return true;
}

export function matchesNameFilter(item: { name: string; archived?: boolean }, filter: NameFilter): boolean {
  if (filter.nameContains !== undefined && !lower(item.name).includes(lower(filter.nameContains)))
    return false;
  if (!filter.includeArchived && item.archived === true) return false;
  return true;
}
