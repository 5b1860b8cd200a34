import { PermissionLevel } from "../../model/records.js";
import { canonicalPermission } from "./usage-permissions.js";

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

/**
 * The level of a group's usage permissions; `null` when the vendor didn't say what they are.
 * Only what can be placed is placed: a permission outside the doc's fourteen could grant more
 * than the known ones beside it (unless those already make ADMIN, the top), and unknown
 * permissions are CUSTOM (read `role`), never the level of the ones Rollcall happens to know.
 */
export function groupLevel(grants: readonly string[] | null): PermissionLevel {
  if (grants === null) return PermissionLevel.CUSTOM;
  const held = normalized(grants);
  const known = LEVEL_BY_PERMISSION.find(([, names]) => names.some((name) => held.has(name.toLowerCase())));
  if (known?.[0] === PermissionLevel.ADMIN) return PermissionLevel.ADMIN;
  if (grants.some((g) => canonicalPermission(g) === null)) return PermissionLevel.CUSTOM;
  // Only Login, UserSettings, Invoicing and the like: nothing on the test assets.
  return known?.[0] ?? PermissionLevel.NONE;
}

export function canLogIn(grants: readonly string[]): boolean {
  return normalized(grants).has(LOGIN_PERMISSION.toLowerCase());
}
