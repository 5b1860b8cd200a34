/**
 * A person: the accounts of one human across every source, joined by normalized email, where an
 * explicit link (store/LinkStore) wins over the email.
 */
import type { SourceError } from "../model/errors.js";
import type { PermissionRecord, UserRecord } from "../model/records.js";

/** Trimmed and lower-cased: the key people are joined by. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export interface PersonRecord {
  /**
   * A normalized email, or `account:<User global id>` for an account with no email and no link
   * (a person of its own until linked).
   */
  readonly key: string;
  readonly accounts: readonly UserRecord[];
  /**
   * Sources that could not be read while looking the person up: the person may hold accounts there
   * that `accounts` lacks. Absent or empty when every source answered.
   */
  readonly sourceErrors?: readonly SourceError[];
}

/** One permission of one of the person's accounts (what `Person.access` lists). */
export interface PersonAccess {
  readonly account: UserRecord;
  readonly permission: PermissionRecord;
}
