import type { StoredDept, StoredProject, StoredUser } from "./state.js";

/** How QAComplete renders its entities: snake_case, ids of project lists as strings. */

/** A single user, field for field as the seed page's POST response shows it. */
export function userJson(user: StoredUser) {
  return {
    id: user.id,
    first_name: user.first_name,
    last_name: user.last_name,
    email: user.email,
    is_logged_on: user.is_logged_on,
    is_security_admin: user.is_security_admin,
    is_active: user.is_active,
    nbr_times_logon: user.nbr_times_logon,
    date_of_anniv: user.date_of_anniv,
    is_selected: user.is_selected,
    update_user_id: user.update_user_id,
    date_created: user.date_created,
    date_updated: user.date_updated,
    discount: user.discount,
    import_id: user.import_id,
    primary_dept_id: user.primary_dept_id,
    logon_attempts: user.logon_attempts,
    is_a_d_account: user.is_a_d_account,
  };
}

/** A user list item: the documented leading columns (REFERENCE §3.3), then the single-user
 *  fields [I], then the caller's rights on the item. */
export function userListItemJson(user: StoredUser, acl: number) {
  const { id, first_name, last_name, email, ...rest } = userJson(user);
  return {
    id,
    first_name,
    middle_name: user.middle_name,
    last_name,
    work_phone: user.work_phone,
    title: user.title,
    company_name: user.company_name,
    grouping: user.grouping,
    sub_grouping: user.sub_grouping,
    email,
    ...rest,
    __permissions: { acl },
  };
}

export function deptJson(dept: StoredDept) {
  return { ...dept };
}

/** A `GET /projects` item: `"id":"11873"`, `"dept_id":"8162"` are strings (REFERENCE §3.3). */
export function projectJson(project: StoredProject, deptName: string, acl: number) {
  return {
    id: String(project.id),
    dept_id: String(project.dept_id),
    proj_name: project.proj_name,
    dept_name: deptName,
    description: project.description,
    is_active: project.is_active,
    actual_cost: project.actual_cost,
    actual_hrs: project.actual_hrs,
    date_begin_actual: project.date_begin_actual,
    date_begin_scheduled: project.date_begin_scheduled,
    date_created: project.date_created,
    date_updated: project.date_updated,
    __permissions: { acl },
  };
}

/** `GET /depts/{DeptId}/securitygroups` item (securitygroups/get.html sample). */
export function securityGroupJson(name: string) {
  return { name };
}

/** [I] One of a user's (project, group) pairs; see raw-types.ts RawUserSecurityGroup. */
export function userSecurityGroupJson(project: StoredProject, groupName: string) {
  return { proj_id: project.id, proj_name: project.proj_name, group_name: groupName };
}
