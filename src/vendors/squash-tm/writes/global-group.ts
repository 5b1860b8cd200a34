import { InputError } from "../../../model/errors.js";
import type { RawRequestGroup } from "../raw-types.js";

/** Requests take admin|user|testAutomationServer while responses say Admin|User|TestAutomationServer
 *  (seed page "Create user"; REFERENCE §2.3): either spelling, in any case, picks the group. */
const GROUPS: Readonly<Record<string, RawRequestGroup>> = {
  admin: "admin",
  user: "user",
  testautomationserver: "testAutomationServer",
};

/** The group a new account gets without a `globalRole`: a plain user, who holds no instance-wide rights. */
export const DEFAULT_GROUP: RawRequestGroup = "user";

export function requestGroup(globalRole: string, field: string): RawRequestGroup {
  const group = GROUPS[globalRole.trim().toLowerCase()];
  if (!group)
    throw new InputError(
      `"${globalRole}" is not a Squash TM user group (one of: ${Object.values(GROUPS).join(", ")})`,
      field,
    );
  return group;
}
