import {
  PermissionLevel,
  type PermissionRecord,
  type ProjectRecord,
  permissionRemoteId,
  type TeamRecord,
  type UserRecord,
} from "../../model/records.js";
import { fullName, isoDate, nonEmpty, plainText } from "../mapping.js";
import { PLAIN_USER_GROUP, projectLevel, SQUASH_GLOBAL_GROUPS } from "./levels.js";
import { badResponse, project as checkedProject } from "./payloads.js";
import type {
  RawClearances,
  RawHolder,
  RawHolderUser,
  RawProject,
  RawProjectPermissions,
  RawTeam,
  RawUser,
  RawUserPermissions,
} from "./raw-types.js";

export function toUser(raw: RawUser, sourceId: string): UserRecord {
  return {
    kind: "User",
    sourceId,
    remoteId: String(raw.id),
    login: raw.login,
    email: nonEmpty(raw.email),
    displayName: fullName(raw.first_name, raw.last_name, raw.login),
    firstName: nonEmpty(raw.first_name),
    lastName: nonEmpty(raw.last_name),
    active: raw.active,
    // The doc capitalises response values ("User") while requests use lower case (REFERENCE §2.3).
    // A user without its group (which every documented user payload has) is not said to be admin or not.
    admin: typeof raw.group === "string" ? raw.group.toLowerCase() === "admin" : null,
    lastLoginAt: isoDate(raw.last_connected_on),
    createdAt: isoDate(raw.created_on),
    updatedAt: isoDate(raw.last_modified_on),
    raw,
  };
}

export function toTeam(raw: RawTeam, sourceId: string): TeamRecord {
  return {
    kind: "Team",
    sourceId,
    remoteId: String(raw.id),
    name: raw.name,
    description: plainText(raw.description),
    createdAt: isoDate(raw.created_on),
    updatedAt: isoDate(raw.last_modified_on),
    raw,
  };
}

/** A project; one without its `id`, `name` or `active` is a bad answer (payloads.project), never
 *  an active project by default. */
export function toProject(raw: RawProject, sourceId: string): ProjectRecord {
  checkedProject(raw, sourceId);
  return {
    kind: "Project",
    sourceId,
    remoteId: String(raw.id),
    name: raw.name,
    description: nonEmpty(raw.label) ?? plainText(raw.description),
    active: raw.active as boolean,
    createdAt: null,
    raw,
  };
}

/** A user's permission group on a project. Both ways of reading it (the user's permissions, the
 *  project's clearances) build it here, so either gives the same record. */
export function toProjectPermission(userId: string, group: string, project: ProjectRecord): PermissionRecord {
  return {
    kind: "Permission",
    sourceId: project.sourceId,
    remoteId: permissionRemoteId(userId, project.remoteId, group),
    userId,
    projectId: project.remoteId,
    project,
    role: group,
    level: projectLevel(group),
    raw: { group, project: project.raw },
  };
}

/** One Permission per (permission group, project) in `GET /users/{id}/permissions` (checked by
 *  payloads.userPermissions: no `content` is a failed read, never "no permissions"). */
export function toUserPermissions(
  raw: RawUserPermissions,
  userId: string,
  sourceId: string,
): PermissionRecord[] {
  return Object.entries(raw.content).flatMap(([group, projects]) =>
    projects.map((project) => toProjectPermission(userId, group, toProject(project, sourceId))),
  );
}

/** A user holding a permission group on one project, whichever project read said so. */
export interface ProjectHolder {
  readonly group: string;
  readonly holder: RawHolderUser;
}

/**
 * The users holding a group on a project. Team holders are left out: `GET /users/{id}/permissions`
 * lists a user's own grants only, and every way of reading must agree.
 */
const usersOnly = (group: string, holders: readonly RawHolder[]): ProjectHolder[] =>
  holders.flatMap((holder) => (holder._type === "user" ? [{ group, holder }] : []));

/** From `GET /projects/{id}/clearances` [C2]: the profile key is the permission group. */
export function clearanceHolders(raw: RawClearances): ProjectHolder[] {
  return Object.entries(raw.content).flatMap(([group, profile]) => usersOnly(group, profile.users));
}

/** From the older `GET /projects/{id}/permissions` [I]: holders listed under their group. */
export function projectPermissionHolders(raw: RawProjectPermissions): ProjectHolder[] {
  return Object.entries(raw.content).flatMap(([group, holders]) => usersOnly(group, holders));
}

/** `Project.permissions` from a project's holders. */
export function toHolderPermissions(
  holders: readonly ProjectHolder[],
  projectId: string,
  sourceId: string,
): PermissionRecord[] {
  return holders.map(({ group, holder }) => {
    const userId = String(holder.id);
    return {
      kind: "Permission",
      sourceId,
      remoteId: permissionRemoteId(userId, projectId, group),
      userId,
      projectId,
      role: group,
      level: projectLevel(group),
      raw: { group, holder },
    };
  });
}

/**
 * The instance-wide group as a global permission, when it grants something (see levels.ts): plain
 * `User` grants nothing by itself; a group Rollcall does not know is reported as it is (CUSTOM),
 * never dropped. A user read without its group is a bad answer: it may be an administrator.
 */
export function toGlobalPermission(user: UserRecord): PermissionRecord | null {
  const group = (user.raw as RawUser).group;
  if (typeof group !== "string")
    throw badResponse(user.sourceId, `user ${user.remoteId} without its \`group\``);
  if (group.toLowerCase() === PLAIN_USER_GROUP.toLowerCase()) return null;
  const known = Object.entries(SQUASH_GLOBAL_GROUPS).find(
    ([name]) => name.toLowerCase() === group.toLowerCase(),
  );
  const [role, level] = known ?? [group, PermissionLevel.CUSTOM];
  return {
    kind: "Permission",
    sourceId: user.sourceId,
    remoteId: permissionRemoteId(user.remoteId, null, role),
    userId: user.remoteId,
    projectId: null,
    role,
    level,
    raw: { group },
  };
}
