import { asInputError, byPattern } from "../../write-rules/index.js";

/** How QAComplete's refusals name a property: its 400 ModelState, which describeQacError writes as
 *  `Property: message` (`Email: The Email field is required.`, `Groups[0].GroupName: …`). */
const namedAt = byPattern((wire) => `(?:^|[\\s.])${wire}:`);

/** RequestUserPost / RequestUserPatch properties -> the unified input fields they come from. */
export const USER_FIELDS: Readonly<Record<string, string>> = {
  FirstName: "input.firstName",
  LastName: "input.lastName",
  Email: "input.email",
  IsSecurityAdmin: "input.globalRole",
};

/** RequestUserSecurityGroupPut properties -> the unified input fields. */
export const GROUP_FIELDS: Readonly<Record<string, string>> = {
  GroupName: "input.role",
  ProjId: "input.project",
};

/** QAComplete's refusal of a property as the caller's input error on the unified field; anything
 *  else is returned as it was (write-rules). */
export const qacRefusal = (error: unknown, fields: Readonly<Record<string, string>>): unknown =>
  asInputError(error, fields, namedAt);
