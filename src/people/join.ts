/**
 * The join: accounts grouped into persons. An explicit link wins; else the normalized email; an
 * account with neither is a person of its own (`account:<User global id>`) until someone links it.
 */
import type { UserRecord } from "../model/records.js";
import { toGlobalId } from "../schema/common/global-id.js";
import type { AccountLink } from "../store/store.js";
import { normalizeEmail, type PersonRecord } from "./person.js";

/** A person as the schema serves it: the record, its kind (for `Node`), and which accounts came by link. */
export interface JoinedPerson extends PersonRecord {
  readonly kind: "Person";
  /** Global ids of the accounts that belong to this person by an explicit link. */
  readonly linked: ReadonlySet<string>;
}

/** The person key of an account that has neither an email nor a link. */
export const ACCOUNT_KEY_PREFIX = "account:";

export const accountId = (account: { sourceId: string; remoteId: string }): string =>
  toGlobalId(account.sourceId, "User", account.remoteId);

/** Links by the account's global id. */
export type LinkIndex = ReadonlyMap<string, AccountLink>;

export function indexLinks(links: readonly AccountLink[]): LinkIndex {
  return new Map(links.map((link) => [accountId(link.account), link]));
}

/** The normalized email of an account, or null when it has none worth joining by. */
export function emailKeyOf(account: UserRecord): string | null {
  const email = account.email === null ? "" : normalizeEmail(account.email);
  return email === "" ? null : email;
}

/** The key of the person an account belongs to: its link's, else its email, else its own. */
export function personKeyOf(account: UserRecord, links: LinkIndex): string {
  const id = accountId(account);
  return links.get(id)?.personKey ?? emailKeyOf(account) ?? `${ACCOUNT_KEY_PREFIX}${id}`;
}

/**
 * The order of a person's accounts, however they were read: by their source's place in the config
 * (`sourceOrder`), then by vendor id (digits compared as numbers).
 */
export function accountOrder(sourceOrder: readonly string[]): (a: UserRecord, b: UserRecord) => number {
  const place = new Map(sourceOrder.map((id, i) => [id, i]));
  return (a, b) =>
    (place.get(a.sourceId) ?? place.size) - (place.get(b.sourceId) ?? place.size) ||
    ID_COLLATOR.compare(a.remoteId, b.remoteId);
}

const ID_COLLATOR = new Intl.Collator("en", { numeric: true });

/**
 * Persons from accounts, ordered by key, each person's accounts in `accountOrder`. Only accounts
 * given are placed: a link to an account that was not read places nothing.
 */
export function joinAccounts(
  accounts: readonly UserRecord[],
  links: LinkIndex,
  sourceOrder: readonly string[],
): JoinedPerson[] {
  const order = accountOrder(sourceOrder);
  const byKey = new Map<string, { accounts: UserRecord[]; linked: Set<string> }>();
  for (const account of accounts) {
    const key = personKeyOf(account, links);
    let person = byKey.get(key);
    if (!person) {
      person = { accounts: [], linked: new Set() };
      byKey.set(key, person);
    }
    person.accounts.push(account);
    const id = accountId(account);
    if (links.has(id)) person.linked.add(id);
  }
  return [...byKey]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, person]) => ({
      kind: "Person",
      key,
      accounts: person.accounts.sort(order),
      linked: person.linked,
    }));
}
