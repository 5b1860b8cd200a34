import {
  type PermissionRecord,
  type ProjectRecord,
  permissionRemoteId,
  type TeamRecord,
  type UserRecord,
} from "../../model/records.js";
import { fullName, isoDate, nonEmpty, plainText } from "../mapping.js";
import { projectLevel, SQUASH_GLOBAL_GROUPS } from "./levels.js";
import type { RawProject, RawTeam, RawUser, RawUserPermissions } from "./raw-types.js";

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

/** One Permission per (permission group, project) in `GET /users/{id}/permissions`. */
export function toUserPermissions(
  raw: RawUserPermissions,
  userId: string,
  sourceId: string,
): PermissionRecord[] {
  const out: PermissionRecord[] = [];
  for (const [group, projects] of Object.entries(raw.content ?? {})) {
    for (const project of projects) {
      const projectId = String(project.id);
      out.push({
        kind: "Permission",
        sourceId,
        remoteId: permissionRemoteId(userId, projectId, group),
        userId,
        projectId,
        project: toProject(project, sourceId),
        role: group,
        level: projectLevel(group),
        raw: { group, project },
      });
    }
  }
  return out;
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
