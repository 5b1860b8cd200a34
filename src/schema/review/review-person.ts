import { normalizeEmail } from "../../people/person.js";
import { personKeyFromId } from "../common/global-id.js";
import { expectEmail } from "../mutations/global-ids.js";

/** A person filter as review queries take it: an email (any case) or a Person's id. */
export function personKeyOfFilter(value: string | null | undefined, field: string): string | undefined {
  if (value == null) return undefined;
  return personKeyFromId(value.trim()) ?? normalizeEmail(expectEmail(value, field));
}
