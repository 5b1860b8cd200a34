/**
 * The simulator's database, stored in QAComplete's own (snake_case) terms so routes stay thin.
 * Every change goes through the helpers below, which keep the indexes in step, for the seed and
 * the write routes (write-routes.ts) alike.
 */

export interface StoredUser {
  id: number;
  first_name: string;
  middle_name: string | null;
  last_name: string;
  work_phone: string | null;
  title: string | null;
  company_name: string | null;
  grouping: string | null;
  sub_grouping: string | null;
  email: string;
  is_logged_on: boolean;
  is_security_admin: boolean;
  /** DELETE /depts/{DeptId}/users/{UserId} disables: this turns false, the row stays. */
  is_active: boolean;
  nbr_times_logon: number;
  date_of_anniv: string;
  is_selected: boolean;
  update_user_id: number;
  date_created: string;
  date_updated: string;
  discount: number;
  import_id: number;
  primary_dept_id: number;
  logon_attempts: number;
  is_a_d_account: boolean;
}

export interface StoredDept {
  id: number;
  company_id: number;
  dept_name: string;
  update_user_id: number;
  date_created: string;
  date_updated: string;
  page_size: number;
}

export interface StoredProject {
  id: number;
  dept_id: number;
  proj_name: string;
  description: string;
  is_active: boolean;
  actual_cost: number;
  actual_hrs: number;
  date_begin_actual: string;
  date_begin_scheduled: string;
  date_created: string;
  date_updated: string;
}

export interface QacState {
  depts: Map<number, StoredDept>;
  users: Map<number, StoredUser>;
  /** Lower-cased email (the login) -> user id. */
  byEmail: Map<string, number>;
  /** Department -> ids of its users, ascending (the order `/depts/{id}/users` pages in). */
  deptUsers: Map<number, number[]>;
  /** User -> every department the user belongs to (the primary one included). */
  userDepts: Map<number, Set<number>>;
  projects: Map<number, StoredProject>;
  /** Department -> its security group names, in the order the department lists them. */
  securityGroups: Map<number, string[]>;
  /** User -> (project -> security group name): one group per project and user. */
  memberships: Map<number, Map<number, string>>;
  /** Project -> ids of users holding a group in it (kept in step with `memberships`). */
  projectMembers: Map<number, Set<number>>;
  /** QAComplete can't set passwords over the API; only seeded accounts have one. */
  passwords: Map<number, string>;
  nextUserId: number;
}

export function emptyState(): QacState {
  return {
    depts: new Map(),
    users: new Map(),
    byEmail: new Map(),
    deptUsers: new Map(),
    userDepts: new Map(),
    projects: new Map(),
    securityGroups: new Map(),
    memberships: new Map(),
    projectMembers: new Map(),
    passwords: new Map(),
    nextUserId: 1,
  };
}

/** Insert keeping ascending order: O(log n) search, one splice. */
function insertSorted(ids: number[], id: number): void {
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((ids[mid] as number) < id) lo = mid + 1;
    else hi = mid;
  }
  if (ids[lo] !== id) ids.splice(lo, 0, id);
}

/** Adds or replaces a user, filed under its primary department plus `otherDepts`. */
export function putUser(state: QacState, user: StoredUser, otherDepts: readonly number[] = []): void {
  const previous = state.users.get(user.id);
  if (previous) state.byEmail.delete(previous.email.toLowerCase());
  state.users.set(user.id, user);
  state.byEmail.set(user.email.toLowerCase(), user.id);
  const depts = state.userDepts.get(user.id) ?? new Set<number>();
  for (const deptId of [user.primary_dept_id, ...otherDepts]) {
    depts.add(deptId);
    const listed = state.deptUsers.get(deptId) ?? [];
    insertSorted(listed, user.id);
    state.deptUsers.set(deptId, listed);
  }
  state.userDepts.set(user.id, depts);
  state.nextUserId = Math.max(state.nextUserId, user.id + 1);
}

/** Replaces the user's security groups (what PUT …/securitygroups does). */
export function setMemberships(state: QacState, userId: number, groups: ReadonlyMap<number, string>): void {
  for (const projectId of state.memberships.get(userId)?.keys() ?? []) {
    state.projectMembers.get(projectId)?.delete(userId);
  }
  state.memberships.set(userId, new Map(groups));
  for (const projectId of groups.keys()) {
    const members = state.projectMembers.get(projectId) ?? new Set<number>();
    members.add(userId);
    state.projectMembers.set(projectId, members);
  }
}

/** Sets the user's group in one project, or with null takes the user off it. */
export function setGroup(state: QacState, userId: number, projectId: number, group: string | null): void {
  const groups = state.memberships.get(userId) ?? new Map<number, string>();
  state.memberships.set(userId, groups);
  const members = state.projectMembers.get(projectId) ?? new Set<number>();
  state.projectMembers.set(projectId, members);
  if (group === null) {
    groups.delete(projectId);
    members.delete(userId);
  } else {
    groups.set(projectId, group);
    members.add(userId);
  }
}

export function userByEmail(state: QacState, email: string): StoredUser | undefined {
  const id = state.byEmail.get(email.toLowerCase());
  return id === undefined ? undefined : state.users.get(id);
}

export function belongsTo(state: QacState, userId: number, deptId: number): boolean {
  return state.userDepts.get(userId)?.has(deptId) ?? false;
}
