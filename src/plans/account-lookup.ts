/**
 * The accounts with an email in one source, read straight from its connector: what an applied step
 * needs when its account did not exist at planning (onboarding). Unlike a query's lookup, a failure
 * is thrown to the step, not reported beside partial data.
 */
import { MAX_EMAIL_MATCHES, SCAN_WINDOW } from "../loaders/accounts-by-email.js";
import type { SourceSession } from "../loaders/source-session.js";
import { matchesUserFilter, type UserFilter } from "../model/filters.js";
import type { UserRecord } from "../model/records.js";
import { ACTIVE, accountValue } from "./step-values.js";

export async function accountsWithEmail(session: SourceSession, email: string): Promise<UserRecord[]> {
  const filter: UserFilter = { email, includeArchived: true };
  const found: UserRecord[] = [];
  let offset = 0;
  for (;;) {
    const page = await session.connector.users.list({ filter, offset, limit: SCAN_WINDOW }, session);
    session.prime(page.items);
    found.push(...(page.exact ? page.items : page.items.filter((u) => matchesUserFilter(u, filter))));
    offset += page.items.length;
    if (!page.hasMore || page.items.length === 0 || found.length >= MAX_EMAIL_MATCHES) return found;
  }
}

/** The account a person's step acts on in a source: an active one first, else one not deleted. */
export function accountToActOn(accounts: readonly UserRecord[]): UserRecord | null {
  return (
    accounts.find((u) => accountValue(u) === ACTIVE) ?? accounts.find((u) => accountValue(u) !== null) ?? null
  );
}
