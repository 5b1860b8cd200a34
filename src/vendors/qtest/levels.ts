import { PermissionLevel } from "../../model/records.js";
import type { RawProfile } from "./raw-types.js";

/**
 * qTest Manager user profiles (held per project) on Rollcall's scale, by name. "Developer" is the
 * profile qTest assigns when none is given (seed page, assign_to_project); "Project Manager" is the
 * swagger's Profile example. A profile can be renamed or added, so unknown names fall to the flags.
 */
export const QTEST_USER_PROFILES: Readonly<Record<string, PermissionLevel>> = {
  "project admin": PermissionLevel.MANAGE,
  "project manager": PermissionLevel.MANAGE,
  developer: PermissionLevel.EDIT,
  tester: PermissionLevel.EXECUTE,
  viewer: PermissionLevel.VIEW,
};

/** A user profile's level when its name alone decides; undefined when the flags must. */
export function namedProfileLevel(name: string): PermissionLevel | undefined {
  return QTEST_USER_PROFILES[name.trim().toLowerCase()];
}

/** A user profile's level: its name, else its `is_admin` / `is_readonly` flags, else CUSTOM. */
export function userProfileLevel(profile: Pick<RawProfile, "name">, described?: RawProfile): PermissionLevel {
  const named = namedProfileLevel(profile.name);
  if (named) return named;
  if (described?.is_admin) return PermissionLevel.MANAGE;
  if (described?.is_readonly) return PermissionLevel.VIEW;
  return PermissionLevel.CUSTOM;
}

/** An admin profile governs the admin panel of the whole instance, whatever its name. */
export const ADMIN_PROFILE_LEVEL = PermissionLevel.ADMIN;
