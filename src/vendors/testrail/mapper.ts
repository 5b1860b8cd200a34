import {
  type GroupRecord,
  PermissionLevel,
  type PermissionRecord,
  type ProjectRecord,
  permissionRemoteId,
  type UserRecord,
} from "../../model/records.js";
import { nonEmpty } from "../mapping.js";
import type { RoleLevels } from "./levels.js";
import type { RawGroup, RawProject, RawUser } from "./raw-types.js";

/** `role_id` arrives as `"1"` in the seed page's sample and as `1` in newer docs. */
export function roleIdOf(value: number | string | null | undefined): number | null {
  if (value === null || value === undefined || value === "") return null;
  const id = Number(value);
  return Number.isInteger(id) ? id : null;
}

export function toUser(raw: RawUser, sourceId: string): UserRecord {
  const email = nonEmpty(raw.email);
  return {
    kind: "User",
    sourceId,
    remoteId: String(raw.id),
    // TestRail logs in by email; there is no separate login name (REFERENCE §5.1).
    login: email,
    email,
    displayName: nonEmpty(raw.name) ?? email ?? `User ${raw.id}`,
    // One `name` field only: TestRail does not split names.
    firstName: null,
    lastName: null,
    active: raw.is_active,
    admin: raw.is_admin ?? null,
    // The user API has no timestamps.
    lastLoginAt: null,
    createdAt: null,
    updatedAt: null,
    raw,
  };
}

export function toProject(raw: RawProject, sourceId: string): ProjectRecord {
  return {
    kind: "Project",
    sourceId,
    remoteId: String(raw.id),
    name: raw.name,
    description: nonEmpty(raw.announcement),
    active: !raw.is_completed,
    createdAt: null,
    url: raw.url ?? null,
    raw,
  };
}

export function toGroup(raw: RawGroup, sourceId: string): GroupRecord {
  return {
    kind: "Group",
    sourceId,
    remoteId: String(raw.id),
    name: raw.name,
    description: null,
    grants: [],
    archived: false,
    raw,
  };
}

/**
 * The instance-wide role as a permission with no project. An account with `is_admin` (7.3+) is
 * ADMIN whatever its role. Every TestRail account has a global role (users doc page: `role_id`,
 * "the user's globally assigned role"), but payloads before 6.4 do not name it: then the role is
 * null and the level UNKNOWN (ADMIN when `is_admin` says so), never a guessed name.
 */
export function toGlobalPermission(raw: RawUser, sourceId: string, levels: RoleLevels): PermissionRecord {
  const role = nonEmpty(raw.role);
  const userId = String(raw.id);
  const level = raw.is_admin
    ? PermissionLevel.ADMIN
    : role
      ? levels(roleIdOf(raw.role_id), role)
      : PermissionLevel.UNKNOWN;
  return {
    kind: "Permission",
    sourceId,
    remoteId: permissionRemoteId(userId, null, role),
    userId,
    projectId: null,
    role,
    level,
    raw: { role_id: raw.role_id ?? null, role: raw.role ?? null, is_admin: raw.is_admin ?? null },
  };
}

/**
 * A user as `get_users/{project_id}` lists them: with access to that project (users doc page),
 * `role`/`role_id` being the role that applies there. A listing without role fields (before 6.4)
 * still says the user has access: role null, level UNKNOWN.
 */
export function toProjectPermission(
  member: RawUser,
  projectId: string,
  project: ProjectRecord | null,
  sourceId: string,
  levels: RoleLevels,
): PermissionRecord {
  const role = nonEmpty(member.role);
  const userId = String(member.id);
  return {
    kind: "Permission",
    sourceId,
    remoteId: permissionRemoteId(userId, projectId, role),
    userId,
    projectId,
    project,
    role,
    level: role ? levels(roleIdOf(member.role_id), role) : PermissionLevel.UNKNOWN,
    raw: { project_id: Number(projectId), role_id: member.role_id ?? null, role: member.role ?? null },
  };
}

/** A role the user holds in a project, known by id and name (a grant's answer). */
export function toRoleInProject(
  userId: string,
  projectId: string,
  project: ProjectRecord | null,
  role: { readonly id: number | null; readonly name: string },
  sourceId: string,
  levels: RoleLevels,
): PermissionRecord {
  return {
    kind: "Permission",
    sourceId,
    remoteId: permissionRemoteId(userId, projectId, role.name),
    userId,
    projectId,
    project,
    role: role.name,
    level: levels(role.id, role.name),
    raw: { project_id: Number(projectId), role_id: role.id, role: role.name },
  };
}
