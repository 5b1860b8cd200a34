import type { UserRecord } from "../model/records.js";
import { accountId, type LinkIndex, personKeyOf } from "../people/join.js";
import { normalizeEmail } from "../people/person.js";

/**
 * The person a change is filed under, as people are joined (people/join.ts `personKeyOf`: the
 * account's explicit link, else its email, else the account alone), for the account as the
 * operation read it; an account it did not read is filed by its link only, an account being created
 * by its email. Null when none of that is known: the trail reads nothing itself. A plan step's own
 * person (the audit context's) goes before all of this.
 */
export function personKeyFor(
  sourceId: string,
  account: { readonly remoteId: string; readonly user: UserRecord | null } | null,
  email: string | null,
  links: LinkIndex,
): string | null {
  if (account?.user) return personKeyOf(account.user, links);
  if (account) return links.get(accountId({ sourceId, remoteId: account.remoteId }))?.personKey ?? null;
  const address = email?.trim();
  return address ? normalizeEmail(address) : null;
}
