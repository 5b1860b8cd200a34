import {
  type DepartmentRef,
  type PermissionRecord,
  type ProjectRecord,
  permissionRemoteId,
  type UserRecord,
} from "../../model/records.js";
import { fullName, nonEmpty } from "../mapping.js";
import { qacDate } from "./dates.js";
import { SECURITY_ADMIN_LEVEL, SECURITY_ADMIN_ROLE, securityGroupLevel } from "./levels.js";
import type { RawDept, RawProject, RawUser, RawUserSecurityGroup } from "./raw-types.js";

/**
 * The user's primary department. Its name is known when it is the configured department (the
 * one `GET /depts/{DeptId}` answered); a user filed elsewhere keeps the id alone.
 */
export function toDepartment(primaryDeptId: number | undefined, dept: RawDept | null): DepartmentRef | null {
  const remoteId = primaryDeptId ? String(primaryDeptId) : dept ? String(dept.id) : null;
  if (remoteId === null) return null;
  return { remoteId, name: dept && String(dept.id) === remoteId ? nonEmpty(dept.dept_name) : null };
}

/** `dept` is the configured department, whose user list the record came from. */
export function toUser(raw: RawUser, sourceId: string, dept: RawDept | null): UserRecord {
  const email = nonEmpty(raw.email);
  return {
    kind: "User",
    sourceId,
    remoteId: String(raw.id),
    // QAComplete logs in by email (REFERENCE §3.1).
    login: email,
    email,
    displayName: fullName(raw.first_name, raw.last_name, email ?? String(raw.id)),
    firstName: nonEmpty(raw.first_name),
    lastName: nonEmpty(raw.last_name),
    active: raw.is_active,
    admin: raw.is_security_admin ?? null,
    lastLoginAt: null,
    createdAt: qacDate(raw.date_created),
    updatedAt: qacDate(raw.date_updated),
    department: toDepartment(raw.primary_dept_id, dept),
    raw,
  };
}

export function toProject(raw: RawProject, sourceId: string): ProjectRecord {
  return {
    kind: "Project",
    sourceId,
    // Project lists send ids as strings ("11873"); String() also covers a numeric id.
    remoteId: String(raw.id),
    name: raw.proj_name,
    description: nonEmpty(raw.description),
    active: raw.is_active ?? true,
    createdAt: qacDate(raw.date_created),
    raw,
  };
}

/** One Permission per (project, security group) the user holds; `projects` supplies the records
 *  so `Permission.project` costs no further load. */
export function toProjectPermissions(
  groups: readonly RawUserSecurityGroup[],
  userId: string,
  sourceId: string,
  projects: ReadonlyMap<string, ProjectRecord>,
): PermissionRecord[] {
  return groups.map((group) => {
    const projectId = String(group.proj_id);
    return {
      kind: "Permission",
      sourceId,
      remoteId: permissionRemoteId(userId, projectId, group.group_name),
      userId,
      projectId,
      project: projects.get(projectId) ?? null,
      role: group.group_name,
      level: securityGroupLevel(group.group_name),
      raw: group,
    };
  });
}

/** `is_security_admin: true` as the instance-wide permission it is; null for everyone else. */
export function toSecurityAdminPermission(user: UserRecord): PermissionRecord | null {
  if (user.admin !== true) return null;
  return {
    kind: "Permission",
    sourceId: user.sourceId,
    remoteId: permissionRemoteId(user.remoteId, null, SECURITY_ADMIN_ROLE),
    userId: user.remoteId,
    projectId: null,
    role: SECURITY_ADMIN_ROLE,
    level: SECURITY_ADMIN_LEVEL,
    raw: { is_security_admin: true },
  };
}
