import { asInputError, byPattern } from "../../write-rules/index.js";

/** How TestRail's refusals name a body field: 400 `{"error": "Field :email is not a valid email
 *  address."}` (REFERENCE §5.3 shows the `Field :<name>` form). */
const namedAt = byPattern((wire) => `Field :${wire}\\b`);

/**
 * A catch handler: TestRail's refusal of a field Rollcall filled from the caller's input becomes
 * the caller's input error on the unified field (`email` -> `input.email`, write-rules); any other
 * failure is rethrown as it is.
 */
export function refusedAs(fields: Readonly<Record<string, string>>) {
  return (error: unknown): never => {
    throw asInputError(error, fields, namedAt);
  };
}
