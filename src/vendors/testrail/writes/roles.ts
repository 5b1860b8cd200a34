import { InputError } from "../../../model/errors.js";
import type { Memo } from "../client.js";
import type { RawRole } from "../raw-types.js";
import type { TestRailReads } from "../reads.js";

/** TestRail's name for "no access to this project" (the default roles; REFERENCE §5.2). */
export const NO_ACCESS = "No Access";

/** A role by its exact name, else by the one name that matches ignoring case. */
export function roleNamed(roles: readonly RawRole[], name: string): RawRole | undefined {
  const exact = roles.find((r) => r.name === name);
  if (exact) return exact;
  const folded = roles.filter((r) => r.name.toLowerCase() === name.trim().toLowerCase());
  return folded.length === 1 ? folded[0] : undefined;
}

/** The role a caller named, from `get_roles` (read once per operation), or an input error on `field`. */
export async function resolveRole(
  reads: TestRailReads,
  memo: Memo,
  name: string,
  field: string,
  sourceId: string,
): Promise<RawRole> {
  const roles = await reads.roles(memo);
  const role = roleNamed(roles, name);
  if (!role)
    throw new InputError(
      `"${name}" is not a role in source "${sourceId}" (one of: ${roles.map((r) => r.name).join(", ")})`,
      field,
    );
  return role;
}
