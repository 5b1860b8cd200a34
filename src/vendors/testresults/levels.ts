import { PermissionLevel } from "../../model/records.js";

/**
 * A group's usage permissions (the "User Management" doc page's `UsagePermission` values) on
 * Rollcall's scale: the strongest permission the group holds decides. The permissions apply to
 * the whole customer, so the level is instance-wide. [I] The doc names the permissions without
 * defining them; the grouping follows their names.
 */
export const LEVEL_BY_PERMISSION: ReadonlyArray<readonly [PermissionLevel, readonly string[]]> = [
  [PermissionLevel.ADMIN, ["CustomerManagement", "UserManagement"]],
  [PermissionLevel.EDIT, ["Write", "Automation"]],
  // Accepting or rejecting a run is recording its verdict, which is what EXECUTE covers.
  [PermissionLevel.EXECUTE, ["Execute", "Accept", "Reject"]],
  [PermissionLevel.VIEW, ["Read"]],
];

/** Without `Login` the account cannot sign in, whatever else its group grants. */
export const LOGIN_PERMISSION = "Login";

const normalized = (grants: readonly string[]) => new Set(grants.map((g) => g.toLowerCase()));

export function groupLevel(grants: readonly string[]): PermissionLevel {
  const held = normalized(grants);
  for (const [level, names] of LEVEL_BY_PERMISSION)
    if (names.some((name) => held.has(name.toLowerCase()))) return level;
  // Only Login, UserSettings, Invoicing and the like: nothing on the test assets.
  return PermissionLevel.NONE;
}

export function canLogIn(grants: readonly string[]): boolean {
  return normalized(grants).has(LOGIN_PERMISSION.toLowerCase());
}
