import { InputError } from "../../../model/errors.js";
import type { NewUser } from "../../connector-writes.js";
import { SECURITY_ADMIN_ROLE } from "../levels.js";
import type { RequestUserPost } from "../raw-types.js";

/**
 * [I] The name `globalRole` gives a user WITHOUT the security-administrator flag. QAComplete's one
 * instance-wide role is that flag (REFERENCE §3.1); reads show it as the global permission
 * "Security Administrator", and a plain account has no name of its own in the docs.
 */
export const PLAIN_USER_ROLE = "User";

/** `globalRole` as RequestUserPost/Patch's IsSecurityAdmin; undefined leaves it to the vendor. */
export function securityAdminFlag(globalRole: string | undefined, sourceId: string): boolean | undefined {
  if (globalRole === undefined) return undefined;
  if (globalRole === SECURITY_ADMIN_ROLE) return true;
  if (globalRole === PLAIN_USER_ROLE) return false;
  throw new InputError(
    `"${globalRole}" is not an instance-wide role in source "${sourceId}" (one of: ${SECURITY_ADMIN_ROLE}, ${PLAIN_USER_ROLE}); project roles are security groups, see assignUserToProject`,
    "input.globalRole",
  );
}

/** Logins are emails in QAComplete (REFERENCE §3.1): a login is only accepted as that email. */
export function checkLogin(login: string | undefined, email: string, sourceId: string): void {
  if (login === undefined || login.toLowerCase() === email.toLowerCase()) return;
  throw new InputError(
    `Source "${sourceId}" (QAComplete) logs users in by their email: leave \`input.login\` out or make it the email`,
    "input.login",
  );
}

function required(value: string | undefined, field: string): string {
  const text = value?.trim() ?? "";
  if (text === "") throw new InputError(`\`${field}\` is required`, field);
  return text;
}

/**
 * The POST body for an invite, or the InputError naming what QAComplete can't take. Checked
 * before any call: LastName, FirstName and Email are required (seed page).
 */
export function requestUserPost(user: NewUser, sourceId: string): RequestUserPost {
  const email = required(user.email, "input.email");
  const body: RequestUserPost = {
    LastName: required(user.lastName, "input.lastName"),
    FirstName: required(user.firstName, "input.firstName"),
    Email: email,
  };
  // "You cannot set a password for the newly created user with this method" (seed page), and
  // the vendor would silently drop an unknown `Password` property. The invite mutation never
  // hands one over (this writer doesn't claim `setsPassword`: it warns instead); one handed over
  // anyway is refused, never dropped unseen. The person sets one with Forgot Password.
  if (user.password !== undefined)
    throw new InputError(
      `Source "${sourceId}" (QAComplete) cannot set a password: the new user sets one with "Forgot Password" on the QAComplete logon screen. Leave \`input.password\` out for this source`,
      "input.password",
    );
  if (user.groupIds !== undefined && user.groupIds.length > 0)
    throw new InputError(
      `Source "${sourceId}" (QAComplete) has no user groups; project access is a security group per project (assignUserToProject)`,
      "input.groups",
    );
  checkLogin(user.login, email, sourceId);
  const admin = securityAdminFlag(user.globalRole, sourceId);
  return admin === undefined ? body : { ...body, IsSecurityAdmin: admin };
}
