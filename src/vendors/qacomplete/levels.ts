import { PermissionLevel } from "../../model/records.js";

/**
 * QAComplete security groups (held per project) on Rollcall's scale. A group is a set of
 * Read/Add/Update/Delete rights per entity (ACL 0 None … 7 Full, REFERENCE §3.1); the level is
 * what the group's usual rights amount to. Names are compared case-insensitively.
 */
export const QAC_SECURITY_GROUPS: Readonly<Record<string, PermissionLevel>> = {
  // Full rights (ACL 7) inside the project, including its people; instance-wide admin is the
  // user's `is_security_admin` flag instead (see SECURITY_ADMIN_ROLE).
  "Security Administrator": PermissionLevel.MANAGE,
  Administrator: PermissionLevel.MANAGE,
  // The securitygroups/get.html sample spells it this way.
  Administator: PermissionLevel.MANAGE,
  Developers: PermissionLevel.EDIT,
  User: PermissionLevel.EDIT,
  Testers: PermissionLevel.EXECUTE,
  "Read Only": PermissionLevel.VIEW,
};

const BY_LOWER_NAME = new Map(
  Object.entries(QAC_SECURITY_GROUPS).map(([name, level]) => [name.toLowerCase(), level]),
);

export function securityGroupLevel(groupName: string): PermissionLevel {
  return BY_LOWER_NAME.get(groupName.trim().toLowerCase()) ?? PermissionLevel.CUSTOM;
}

/** The role name of the instance-wide permission `is_security_admin: true` grants. */
export const SECURITY_ADMIN_ROLE = "Security Administrator";
export const SECURITY_ADMIN_LEVEL = PermissionLevel.ADMIN;
