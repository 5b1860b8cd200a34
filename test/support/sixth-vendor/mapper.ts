import {
  PermissionLevel,
  type PermissionRecord,
  permissionRemoteId,
  type UserRecord,
} from "../../../src/model/records.js";
import { isoDate } from "../../../src/vendors/mapping.js";
import { roleLevel } from "./levels.js";
import type { RawUser } from "./raw-types.js";

export function toUser(raw: RawUser, sourceId: string): UserRecord {
  const [firstName = null, ...rest] = raw.name.split(" ");
  return {
    kind: "User",
    sourceId,
    remoteId: String(raw.id),
    login: raw.login,
    email: raw.email,
    displayName: raw.name || raw.login,
    firstName,
    lastName: rest.join(" ") || null,
    active: raw.active,
    admin: roleLevel(raw.role) === PermissionLevel.ADMIN,
    lastLoginAt: isoDate(raw.lastLogin),
    createdAt: null,
    updatedAt: null,
    raw,
  };
}

/** The user's instance-wide role, as the one permission it holds. */
export function toPermission(user: UserRecord): PermissionRecord {
  const { role } = user.raw as RawUser;
  return {
    kind: "Permission",
    sourceId: user.sourceId,
    remoteId: permissionRemoteId(user.remoteId, null, role),
    raw: { role },
    userId: user.remoteId,
    projectId: null,
    role,
    level: roleLevel(role),
  };
}
