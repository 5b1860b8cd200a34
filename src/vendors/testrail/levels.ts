import { PermissionLevel } from "../../model/records.js";
import type { RawRole } from "./raw-types.js";

/**
 * TestRail's default roles on Rollcall's scale, by name (roles doc, REFERENCE §5.2). TestRail
 * ships these names; an instance that renames one gets its custom-role level instead.
 */
export const TESTRAIL_DEFAULT_ROLES: Readonly<Record<string, PermissionLevel>> = {
  Guest: PermissionLevel.VIEW,
  Tester: PermissionLevel.EXECUTE,
  Designer: PermissionLevel.EDIT,
  Lead: PermissionLevel.MANAGE,
  "No Access": PermissionLevel.NONE,
};

const BY_LOWER_NAME = new Map(
  Object.entries(TESTRAIL_DEFAULT_ROLES).map(([name, level]) => [name.toLowerCase(), level]),
);

/** A role's level given `get_roles`: default roles by name; a custom role is MANAGE when it
 *  may administer projects (`is_project_admin`, Enterprise), else CUSTOM. */
export type RoleLevels = (roleId: number | null, roleName: string) => PermissionLevel;

export function roleLevels(roles: readonly RawRole[]): RoleLevels {
  const byId = new Map(roles.map((r) => [r.id, r]));
  return (roleId, roleName) => {
    const builtIn = BY_LOWER_NAME.get(roleName.trim().toLowerCase());
    if (builtIn) return builtIn;
    const role = (roleId !== null ? byId.get(roleId) : undefined) ?? roles.find((r) => r.name === roleName);
    return role?.is_project_admin ? PermissionLevel.MANAGE : PermissionLevel.CUSTOM;
  };
}
