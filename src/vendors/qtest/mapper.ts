import type { SourceError } from "../../model/errors.js";
import {
  type GroupRecord,
  PermissionLevel,
  type PermissionRecord,
  type ProjectRecord,
  permissionRemoteId,
  type UserRecord,
} from "../../model/records.js";
import { badResponse } from "../http/http-errors.js";
import { fullName, nonEmpty } from "../mapping.js";
import { VENDOR } from "./config.js";
import { ADMIN_PROFILE_LEVEL } from "./levels.js";
import type { RawGroup, RawProfile, RawProject, RawProjectUser, RawUser } from "./raw-types.js";

/** A profile as an assignment or a member names it: its name, its id when given. */
export type ProfileRef = Pick<RawProfile, "name"> & Partial<RawProfile>;

/** `status` of UserUpdateResource: "1 for Active or 3 for Inactive". */
export const ACTIVE_STATUS = 1;
/** [I] The swagger's ProjectResource example (the sample project) has `status_id: 101`. */
export const ACTIVE_PROJECT_STATUS = 101;
/** The profile qTest assigns when an assignment names none (seed page, assign_to_project): what a
 *  write without a role asks for, never what a read fills in. */
export const DEFAULT_PROFILE = "Developer";

/**
 * An answer without a field the docs show on it and Rollcall reports as a fact (a user's `status`,
 * a project's `status_id`, a group's `authorities` and members): the answer is not the documented
 * shape, so it is reported as such rather than filled with a default.
 */
function missingField(sourceId: string, what: string, field: string): SourceError {
  return badResponse(
    { sourceId, vendor: VENDOR },
    `sent ${what} without \`${field}\`, which Rollcall reports and will not guess`,
  );
}

/** Whether a payload carries the documented `status` (a user) Rollcall reads `active` from. */
const hasStatus = (raw: Pick<RawUser, "status">): boolean => typeof raw.status === "number";

/** A user payload without `password`: UserResource has the field (v3 swagger), and `raw` is shown
 *  to clients, so a vendor that echoes it never gets it past the mapper. */
function withoutSecrets(raw: RawUser): RawUser {
  if (!("password" in raw)) return raw;
  const { password: _secret, ...rest } = raw as RawUser & { password?: unknown };
  return rest;
}

function activeOf(raw: RawUser, sourceId: string): boolean {
  if (!hasStatus(raw)) throw missingField(sourceId, `user ${raw.id}`, "status");
  return raw.status === ACTIVE_STATUS;
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
    // "1 for Active or 3 for Inactive" (UserUpdateResource): only 1 is Active. No status: not guessed.
    active: activeOf(raw, sourceId),
    // Unknown (null) when the payload does not say; present-but-null means "holds no admin profile".
    admin: raw.admin_profile === undefined ? null : raw.admin_profile !== null,
    // qTest's user resources carry no dates.
    lastLoginAt: null,
    createdAt: null,
    updatedAt: null,
    raw,
  };
}

function projectActive(raw: RawProject, sourceId: string): boolean {
  if (typeof raw.status_id !== "number") throw missingField(sourceId, `project ${raw.id}`, "status_id");
  return raw.status_id === ACTIVE_PROJECT_STATUS;
}

/** `siteUrl` is the site root: a project's page is `<site>/p/<id>/portal/project` (v3 swagger). */
export function toProject(raw: RawProject, sourceId: string, siteUrl: string): ProjectRecord {
  return {
    kind: "Project",
    sourceId,
    remoteId: String(raw.id),
    name: raw.name,
    description: nonEmpty(raw.description),
    active: projectActive(raw, sourceId),
    // start_date is when the project is planned to start, not when it was created.
    createdAt: null,
    url: `${siteUrl}/p/${raw.id}/portal/project`,
    raw,
  };
}

/** `grants`: the authorities of the group, which UserGroupResource answers carry (v3 swagger). */
export function toGroup(raw: RawGroup, sourceId: string): GroupRecord {
  const grants = raw.authority_names ?? raw.authorities?.map((a) => a.name);
  if (grants === undefined) throw missingField(sourceId, `user group ${raw.id}`, "authorities");
  return {
    kind: "Group",
    sourceId,
    remoteId: String(raw.id),
    name: raw.name,
    description: nonEmpty(raw.description),
    grants,
    // qTest user groups have no archived state.
    archived: false,
    raw,
  };
}

/** Member ids of a group: its `users` (UserInfoVM), else the `user_ids` it was created with; a
 *  group that names neither does not say who is in it (an error, never "nobody"). */
export function groupMemberIds(raw: RawGroup, sourceId: string): string[] {
  const ids = raw.users?.map((u) => u.id) ?? raw.user_ids;
  if (ids === undefined) throw missingField(sourceId, `user group ${raw.id}`, "users");
  return ids.map(String);
}

/**
 * The profile a project member holds, when the member list names it; null when it does not. The v3
 * swagger's getUsers answers plain UserResource items, without a profile, and no other documented
 * read names another user's profile in a project: then the membership is known, its role is not.
 */
export function memberProfile(member: RawProjectUser): ProfileRef | null {
  return member.profile ?? null;
}

/** Whether the project names the member among its admins (`admin_ids`, else `admins` by username);
 *  undefined when the project is not at hand or names no admins. */
function listedAsAdmin(member: RawProjectUser, project: RawProject | undefined): boolean | undefined {
  if (project?.admin_ids) return project.admin_ids.includes(member.id);
  if (project?.admins) return project.admins.includes(member.username);
  return undefined;
}

/**
 * A member of a project as a permission. With a profile: role = its name, at `level`. Without:
 * level UNKNOWN and role null (the membership is real, its role unknown); `raw.project_admin` keeps
 * what the project's `admin_ids` [C, ProjectResource] says about the member, since being listed
 * there names no profile.
 */
export function toProjectPermission(
  member: RawProjectUser,
  profile: ProfileRef | null,
  level: PermissionLevel,
  projectId: string,
  sourceId: string,
  project?: ProjectRecord,
  rawProject?: RawProject,
): PermissionRecord {
  const permission = toAssignment(String(member.id), profile, level, projectId, sourceId, project);
  const admin = profile === null ? listedAsAdmin(member, rawProject) : undefined;
  if (admin === undefined) return permission;
  return { ...permission, raw: { ...(permission.raw as object), project_admin: admin } };
}

/** A user's assignment to a project, as a permission (what a member read or an assignment's answer
 *  says); `profile` null means the answer did not name one: level UNKNOWN, role null. */
export function toAssignment(
  userId: string,
  profile: ProfileRef | null,
  level: PermissionLevel,
  projectId: string,
  sourceId: string,
  project?: ProjectRecord,
): PermissionRecord {
  const role = profile?.name ?? null;
  return {
    kind: "Permission",
    sourceId,
    remoteId: permissionRemoteId(userId, projectId, role),
    userId,
    projectId,
    ...(project ? { project } : {}),
    role,
    level: profile === null ? PermissionLevel.UNKNOWN : level,
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
