/** What can be said of a person from its accounts alone (no upstream call). */
import type { UserRecord } from "../model/records.js";
import { ACCOUNT_KEY_PREFIX, emailKeyOf } from "./join.js";
import type { PersonRecord } from "./person.js";

/** Whether a person's accounts are active, across the sources where they have one. */
export enum PersonState {
  /** Every account is active. */
  ACTIVE_EVERYWHERE = "ACTIVE_EVERYWHERE",
  /** Some accounts are active, some are not. */
  PARTLY_ACTIVE = "PARTLY_ACTIVE",
  /** No account is active (or none is known). */
  INACTIVE_EVERYWHERE = "INACTIVE_EVERYWHERE",
}

export function stateOf(person: PersonRecord): PersonState {
  const active = person.accounts.filter((a) => a.active).length;
  if (active > 0 && active === person.accounts.length) return PersonState.ACTIVE_EVERYWHERE;
  return active > 0 ? PersonState.PARTLY_ACTIVE : PersonState.INACTIVE_EVERYWHERE;
}

/** The email a person is joined by: its key, unless it is an account's own key. */
export const emailOf = (person: Pick<PersonRecord, "key">): string | null =>
  person.key.startsWith(ACCOUNT_KEY_PREFIX) ? null : person.key;

/** The accounts' distinct normalized emails, in account order. */
export const emailsOf = (person: PersonRecord): string[] => [
  ...new Set(person.accounts.map(emailKeyOf).filter((e): e is string => e !== null)),
];

/** What a person's name is chosen from: its key and its accounts' names and logins (live, or as a
 *  snapshot kept them: the console's matrix names people by the same rule). */
export interface NamedAccounts {
  readonly key: string;
  readonly accounts: ReadonlyArray<Pick<UserRecord, "displayName" | "login">>;
}

/**
 * The name most of its accounts give (trimmed; ties go to the earliest account, in `accountOrder`);
 * with no named account, its email, else its first account's login, else its key.
 */
export function displayNameOf(person: NamedAccounts): string {
  const counts = new Map<string, number>();
  for (const account of person.accounts) {
    const name = account.displayName.trim();
    if (name !== "") counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  let best: string | null = null;
  for (const [name, count] of counts) if (best === null || count > (counts.get(best) ?? 0)) best = name;
  return best ?? emailOf(person) ?? firstLogin(person.accounts) ?? person.key;
}

const firstLogin = (accounts: NamedAccounts["accounts"]) =>
  accounts.map((a) => a.login?.trim()).find((login): login is string => !!login);

/** Source ids where the person has an active account, in source config order. */
export const activeSourceIds = (person: PersonRecord): string[] => [
  ...new Set(person.accounts.filter((a) => a.active).map((a) => a.sourceId)),
];
