import {
  type PermissionRecord,
  type ProjectRecord,
  permissionRemoteId,
  type TeamRecord,
  type UserRecord,
} from "../../model/records.js";
import { fullName, isoDate, nonEmpty, plainText } from "../mapping.js";
import { projectLevel, SQUASH_GLOBAL_GROUPS } from "./levels.js";
import type {
  RawClearances,
  RawClearanceUser,
  RawProject,
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
    admin: raw.group.toLowerCase() === "admin",
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

export function toProject(raw: RawProject, sourceId: string): ProjectRecord {
  return {
    kind: "Project",
    sourceId,
    remoteId: String(raw.id),
    name: raw.name,
    description: nonEmpty(raw.label) ?? plainText(raw.description),
    active: raw.active ?? true,
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

/** One Permission per (permission group, project) in `GET /users/{id}/permissions`. */
export function toUserPermissions(
  raw: RawUserPermissions,
  userId: string,
  sourceId: string,
): PermissionRecord[] {
  return Object.entries(raw.content ?? {}).flatMap(([group, projects]) =>
    projects.map((project) => toProjectPermission(userId, group, toProject(project, sourceId))),
  );
}

/**
 * The users holding a profile on a project, keyed by the profile key (the permission group).
 * Team holders are left out: `GET /users/{id}/permissions` lists a user's own grants only, and
 * both sides must agree.
 */
export function userClearances(raw: RawClearances): Array<{ group: string; holder: RawClearanceUser }> {
  return Object.entries(raw.content ?? {}).flatMap(([group, profile]) =>
    (profile.users ?? []).flatMap((holder) => (holder._type === "user" ? [{ group, holder }] : [])),
  );
}

/** `Project.permissions` from the project's clearances. */
export function toClearancePermissions(
  raw: RawClearances,
  projectId: string,
  sourceId: string,
): PermissionRecord[] {
  return userClearances(raw).map(({ group, holder }) => {
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

/** The instance-wide group as a global permission, when it grants something (see levels.ts). */
export function toGlobalPermission(user: UserRecord): PermissionRecord | null {
  const group = (user.raw as RawUser).group;
  const entry = Object.entries(SQUASH_GLOBAL_GROUPS).find(
    ([name]) => name.toLowerCase() === group.toLowerCase(),
  );
  if (!entry) return null;
  return {
    kind: "Permission",
    sourceId: user.sourceId,
    remoteId: permissionRemoteId(user.remoteId, null, entry[0]),
    userId: user.remoteId,
    projectId: null,
    role: entry[0],
    level: entry[1],
    raw: { group },
  };
}
