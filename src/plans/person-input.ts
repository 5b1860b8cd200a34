/** The person a plan is about, as the caller names them: an email, or a Person id. */
import { InputError } from "../model/errors.js";
import { ACCOUNT_KEY_PREFIX } from "../people/join.js";
import { normalizeEmail } from "../people/person.js";
import { personKeyFromId } from "../schema/common/global-id.js";
import { expectEmail } from "../schema/mutations/global-ids.js";

/** The person key (a normalized email, or `account:<User id>`), and the email when there is one. */
export function personOfInput(value: string, field: string): { key: string; email: string | null } {
  const fromId = personKeyFromId(value.trim());
  if (fromId !== null) return { key: fromId, email: fromId.startsWith(ACCOUNT_KEY_PREFIX) ? null : fromId };
  if (!value.includes("@")) throw new InputError(`"${value}" is neither an email nor a Person id`, field);
  const email = normalizeEmail(expectEmail(value, field));
  return { key: email, email };
}
