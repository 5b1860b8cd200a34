import { PermissionLevel } from "../../../src/model/records.js";

const LEVELS: Readonly<Record<string, PermissionLevel>> = {
  owner: PermissionLevel.ADMIN,
  editor: PermissionLevel.EDIT,
  viewer: PermissionLevel.VIEW,
};

/** A role's level; a role the vendor added since is CUSTOM, never a guess. */
export const roleLevel = (role: string): PermissionLevel => LEVELS[role] ?? PermissionLevel.CUSTOM;
