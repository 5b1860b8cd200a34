import {
  type DepartmentRef,
  PermissionLevel,
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
 * Where a record came from: the configured department's user list (the user is filed there), or
 * a project's member list (the user may be filed anywhere).
 */
export type ListedUnder = "department" | "project";

/**
 * The user's primary department. Its name is known when it is the configured department (the
 * one `GET /depts/{DeptId}` answered); a user filed elsewhere keeps the id alone. Without
 * `primary_dept_id`, a user the department's own list returned is filed there; a project
 * member's department is then unknown (null), not assumed.
 */
export function toDepartment(
  primaryDeptId: number | undefined,
  dept: RawDept | null,
  from: ListedUnder = "department",
): DepartmentRef | null {
  const remoteId = primaryDeptId
    ? String(primaryDeptId)
    : dept && from === "department"
      ? String(dept.id)
      : null;
  if (remoteId === null) return null;
  return { remoteId, name: dept && String(dept.id) === remoteId ? nonEmpty(dept.dept_name) : null };
}

/** `dept` is the configured department; `from` says which list the record came from. */
export function toUser(
  raw: RawUser,
  sourceId: string,
  dept: RawDept | null,
  from: ListedUnder = "department",
): UserRecord {
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
    department: toDepartment(raw.primary_dept_id, dept, from),
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
    // [I] is_active is not among the documented project columns: absent, it is unknown.
    active: typeof raw.is_active === "boolean" ? raw.is_active : null,
    createdAt: qacDate(raw.date_created),
    raw,
  };
}

/**
 * One Permission per (project, security group) the user holds; `projects` supplies the records
 * so `Permission.project` costs no further load. A membership whose group the answer doesn't
 * name [I: the page shows no response] is access of an unknown role: UNKNOWN, role null.
 */
export function toProjectPermissions(
  groups: readonly RawUserSecurityGroup[],
  userId: string,
  sourceId: string,
  projects: ReadonlyMap<string, ProjectRecord>,
): PermissionRecord[] {
  return groups.map((group) => {
    const projectId = String(group.proj_id);
    const role = typeof group.group_name === "string" ? nonEmpty(group.group_name) : null;
    return {
      kind: "Permission",
      sourceId,
      remoteId: permissionRemoteId(userId, projectId, role),
      userId,
      projectId,
      project: projects.get(projectId) ?? null,
      role,
      level: role === null ? PermissionLevel.UNKNOWN : securityGroupLevel(role),
      raw: group,
    };
  });
}

/** A project's member whose security group this department can't read (see the connector). */
export function toUnknownRolePermission(
  userId: string,
  projectId: string,
  sourceId: string,
): PermissionRecord {
  return {
    kind: "Permission",
    sourceId,
    remoteId: permissionRemoteId(userId, projectId, null),
    userId,
    projectId,
    project: null,
    role: null,
    level: PermissionLevel.UNKNOWN,
    raw: { proj_id: projectId, group_name: null },
  };
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
