/** Review values in words, and where a person's key leads. */
import { LEVEL_LABEL } from "../levels";
import { href } from "../route";
import type { ChangeKind, Grant } from "./review-queries";

/** `ACCOUNT_DEACTIVATED` → "Account deactivated". */
export function kindWords(kind: ChangeKind | string): string {
  const words = kind.toLowerCase().replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function grantWords(grant: Grant | null): string {
  if (!grant) return "—";
  return grant.role ? `${LEVEL_LABEL[grant.level]} (${grant.role})` : LEVEL_LABEL[grant.level];
}

/**
 * The person page of a review's person key (a normalized email, or `account:<User id>`): a
 * Person's id is `Person:` and the key percent-encoded (Person.id's description).
 */
export function personHref(key: string): string {
  return href("people", `Person:${encodeURIComponent(key)}`);
}

/** The key's readable part: the email, or the account's id. */
export function personWords(key: string): string {
  return key.startsWith("account:") ? "no person (account alone)" : key;
}
