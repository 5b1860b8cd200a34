import {
  type GroupRecord,
  type PermissionLevel,
  type PermissionRecord,
  type ProjectRecord,
  permissionRemoteId,
  type UserRecord,
} from "../../model/records.js";
import { fullName, nonEmpty } from "../mapping.js";
import { ADMIN_PROFILE_LEVEL } from "./levels.js";
import type { RawGroup, RawProfile, RawProject, RawProjectUser, RawUser } from "./raw-types.js";

/** `status` of UserUpdateResource: "1 for Active or 3 for Inactive". */
export const ACTIVE_STATUS = 1;
/** [I] The swagger's ProjectResource example (the sample project) has `status_id: 101`. */
export const ACTIVE_PROJECT_STATUS = 101;
/** The profile qTest assigns when an assignment names none (seed page, assign_to_project). */
export const DEFAULT_PROFILE = "Developer";
/** The profile a project's `admin_ids` implies when a member comes without one. */
export const PROJECT_ADMIN_PROFILE = "Project Admin";

/** A user payload without `password`: UserResource has the field (v3 swagger), and `raw` is shown
 *  to clients, so a vendor that echoes it never gets it past the mapper. */
function withoutSecrets(raw: RawUser): RawUser {
  if (!("password" in raw)) return raw;
  const { password: _secret, ...rest } = raw as RawUser & { password?: unknown };
  return rest;
}

export function toUser(payload: RawUser, sourceId: string): UserRecord {
  const raw = withoutSecrets(payload);
  return {
    kind: "User",
    sourceId,
    remoteId: String(raw.id),
    login: raw.username,
    email: nonEmpty(raw.email),
    displayName: fullName(raw.first_name, raw.last_name, raw.username),
    firstName: nonEmpty(raw.first_name),
    lastName: nonEmpty(raw.last_name),
    active: raw.status === ACTIVE_STATUS,
    // Unknown (null) when the payload does not say; present-but-null means "holds no admin profile".
    admin: raw.admin_profile === undefined ? null : raw.admin_profile !== null,
    // qTest's user resources carry no dates.
    lastLoginAt: null,
    createdAt: null,
    updatedAt: null,
    raw,
  };
}

/** `siteUrl` is the source's baseUrl: a project's page is `<site>/p/<id>/portal/project` (v3 swagger). */
export function toProject(raw: RawProject, sourceId: string, siteUrl: string): ProjectRecord {
  return {
    kind: "Project",
    sourceId,
    remoteId: String(raw.id),
    name: raw.name,
    description: nonEmpty(raw.description),
    active: raw.status_id === undefined || raw.status_id === ACTIVE_PROJECT_STATUS,
    // start_date is when the project is planned to start, not when it was created.
    createdAt: null,
    url: `${siteUrl}/p/${raw.id}/portal/project`,
    raw,
  };
}

export function toGroup(raw: RawGroup, sourceId: string): GroupRecord {
  return {
    kind: "Group",
    sourceId,
    remoteId: String(raw.id),
    name: raw.name,
    description: nonEmpty(raw.description),
    grants: raw.authority_names ?? raw.authorities?.map((a) => a.name) ?? [],
    archived: false,
    raw,
  };
}

/** Member ids of a group: its `users` (UserInfoVM), else the `user_ids` it was created with. */
export function groupMemberIds(raw: RawGroup): string[] {
  return (raw.users?.map((u) => u.id) ?? raw.user_ids ?? []).map(String);
}

/**
 * The profile a project member holds: the member's `profile` [I], else "Project Admin" when the
 * project lists the member in `admin_ids`, else the default profile qTest assigns.
 */
export function memberProfile(
  member: RawProjectUser,
  project?: RawProject,
): Pick<RawProfile, "name"> & Partial<RawProfile> {
  if (member.profile) return member.profile;
  if (project?.admin_ids?.includes(member.id)) return { name: PROJECT_ADMIN_PROFILE };
  return { name: DEFAULT_PROFILE };
}

export function toProjectPermission(
  member: RawProjectUser,
  profile: Pick<RawProfile, "name">,
  level: PermissionLevel,
  projectId: string,
  sourceId: string,
  project?: ProjectRecord,
): PermissionRecord {
  return toAssignment(String(member.id), profile, level, projectId, sourceId, project);
}

/** A user's assignment to a project with a profile, as a permission (what a member read or an
 *  assignment's answer says). */
export function toAssignment(
  userId: string,
  profile: Pick<RawProfile, "name">,
  level: PermissionLevel,
  projectId: string,
  sourceId: string,
  project?: ProjectRecord,
): PermissionRecord {
  return {
    kind: "Permission",
    sourceId,
    remoteId: permissionRemoteId(userId, projectId, profile.name),
    userId,
    projectId,
    ...(project ? { project } : {}),
    role: profile.name,
    level,
    raw: { project_id: Number(projectId), user_id: Number(userId), profile },
  };
}

/** The user's admin profile as an instance-wide permission; null when the user holds none. */
export function toAdminPermission(user: UserRecord): PermissionRecord | null {
  const profile = (user.raw as RawUser).admin_profile;
  if (!profile) return null;
  return {
    kind: "Permission",
    sourceId: user.sourceId,
    remoteId: permissionRemoteId(user.remoteId, null, profile.name),
    userId: user.remoteId,
    projectId: null,
    role: profile.name,
    level: ADMIN_PROFILE_LEVEL,
    raw: { user_id: Number(user.remoteId), admin_profile: profile },
  };
}
