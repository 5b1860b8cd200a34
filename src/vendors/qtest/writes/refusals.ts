import { asInputError, byPattern } from "../../write-rules/index.js";

/** [I] How qTest's refusals name a field: its bare snake_case name (`Missing required property:
 *  first_name`, REFERENCE §1.4 gives 400 and 412 without their words). */
const namedAt = byPattern((wire) => `\\b${wire}\\b`);

/** qTest's refusal of a field as the caller's input error on the unified field (write-rules). */
export const qtestRefusal = (error: unknown, fields: Readonly<Record<string, string>>): unknown =>
  asInputError(error, fields, namedAt);
