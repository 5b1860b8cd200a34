import { PermissionLevel } from "../../model/records.js";

/**
 * Squash TM permission groups (seed page "Add permissions to user") on Rollcall's scale.
 * Squash names what a role may do in its admin console; the closest level is chosen.
 */
export const SQUASH_PERMISSION_GROUPS: Readonly<Record<string, PermissionLevel>> = {
  project_viewer: PermissionLevel.VIEW,
  test_runner: PermissionLevel.EXECUTE,
  advanced_tester: PermissionLevel.EXECUTE,
  test_designer: PermissionLevel.EDIT,
  test_editor: PermissionLevel.EDIT,
  validator: PermissionLevel.EDIT,
  project_manager: PermissionLevel.MANAGE,
};

/** The instance-wide group of an ordinary account (seed page "Get user": "admin or user"): it grants
 *  nothing by itself and makes no permission. */
export const PLAIN_USER_GROUP = "User";

/** The instance-wide groups that grant something everywhere. Any other group but `User` is CUSTOM. */
export const SQUASH_GLOBAL_GROUPS: Readonly<Record<string, PermissionLevel>> = {
  Admin: PermissionLevel.ADMIN,
  TestAutomationServer: PermissionLevel.EXECUTE,
};

export function projectLevel(group: string): PermissionLevel {
  return SQUASH_PERMISSION_GROUPS[group] ?? PermissionLevel.CUSTOM;
}
