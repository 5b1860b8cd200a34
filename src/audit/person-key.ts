import { normalizeEmail } from "../people/person.js";
import { toGlobalId } from "../schema/common/global-id.js";
import type { AccountLink } from "../store/store.js";

/**
 * The person a change is filed under, as people are joined (src/people): the key the operation
 * gave (a plan step names its person), else the account's explicit link, else its email, else
 * the account alone (`account:<User global id>`, a person of its own until linked).
 */
export function personKeyFor(
  sourceId: string,
  account: { readonly remoteId: string; readonly email: string | null } | null,
  email: string | null,
  links: ReadonlyMap<string, AccountLink>,
): string | null {
  const id = account ? toGlobalId(sourceId, "User", account.remoteId) : null;
  const linked = id ? links.get(id)?.personKey : undefined;
  if (linked) return linked;
  const address = (account?.email ?? email)?.trim();
  if (address) return normalizeEmail(address);
  return id ? `account:${id}` : null;
}

/** Links by the linked account's global id. */
export function linksByAccount(links: readonly AccountLink[]): Map<string, AccountLink> {
  return new Map(links.map((l) => [toGlobalId(l.account.sourceId, "User", l.account.remoteId), l]));
}
