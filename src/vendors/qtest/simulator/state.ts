/**
 * The simulator's database, stored in qTest's own terms so routes stay thin. Every change goes
 * through the mutators below, which keep the indexes (user → projects, user → groups, the ordered
 * user lists) right; read routes and write routes share them.
 */

/** `status` as UserUpdateResource documents it: 1 Active, 3 Inactive. */
export type UserStatus = 1 | 3;

export interface StoredUser {
  id: number;
  /** The login: the email for qTest-native accounts. */
  username: string;
  email: string;
  first_name: string;
  last_name: string;
  status: UserStatus;
  ldap_username: string | null;
  timezone_offset: string;
  country_name: string | null;
  /** Hue of the user's uploaded avatar; null when the user never uploaded one. */
  avatar_hue: number | null;
}

export interface StoredProject {
  id: number;
  name: string;
  description: string;
  /** [I] 101 Active (the swagger's sample project), 102 Inactive. */
  status_id: 101 | 102;
  start_date: string;
  end_date: string | null;
  sample: boolean;
  automation: boolean;
  uuid: string;
}

export interface StoredProfile {
  id: number;
  name: string;
  /** "user" profiles are held per project; "admin" profiles instance-wide. */
  type: "user" | "admin";
  is_admin: boolean;
  is_readonly: boolean;
}

export interface StoredGroup {
  id: number;
  name: string;
  description: string;
  is_system: boolean;
  is_default: boolean;
  authority_names: string[];
}

/**
 * What this qTest instance shows and serves where instances differ, or where Rollcall once guessed
 * beyond the docs. The defaults are the docs' shape, so the connector is tested against what the
 * vendor documents and never relies on a guess by accident.
 */
export interface QTestInstance {
  /**
   * [I] Each `GET /projects/{id}/users` item carries `profile: {id, name}`. The v3 swagger's
   * getUsers answers plain UserResource items, without it: off by default.
   */
  memberProfiles: boolean;
  /** [I] User resources carry `admin_profile: {id, name}` (null when none). No doc shows it: off by default. */
  adminProfiles: boolean;
  /** `GET /api/v3/groups` is served. An instance may not offer it (404): `false` plays one. */
  groups: boolean;
}

/** The documented shape: no member profiles, no admin profiles, groups served. */
const DOCUMENTED_INSTANCE: Readonly<QTestInstance> = {
  memberProfiles: false,
  adminProfiles: false,
  groups: true,
};

export interface QTestState {
  /** What the instance shows (switchable in tests). */
  instance: QTestInstance;
  users: Map<number, StoredUser>;
  passwords: Map<number, string>;
  projects: Map<number, StoredProject>;
  profiles: Map<number, StoredProfile>;
  groups: Map<number, StoredGroup>;
  /** project id → (user id → user profile id); a member holds one profile per project. */
  members: Map<number, Map<number, number>>;
  /** user id → admin profile id (instance-wide), for users that hold one. */
  adminProfiles: Map<number, number>;
  /** group id → member user ids. */
  groupMembers: Map<number, Set<number>>;
  /** Indexes kept by the mutators. */
  projectsOfUser: Map<number, Set<number>>;
  groupsOfUser: Map<number, Set<number>>;
  /** Lower-cased login → user id: logins are unique whatever their case [I]. */
  userIdsByLogin: Map<string, number>;
  nextUserId: number;
  nextProjectId: number;
  /** Bumped by every mutator. */
  version: number;
  /** Bumped when the user list or a status changes: the ordered lists are kept per this version. */
  userListVersion: number;
}

export function emptyState(): QTestState {
  return {
    instance: { ...DOCUMENTED_INSTANCE },
    users: new Map(),
    passwords: new Map(),
    projects: new Map(),
    profiles: new Map(),
    groups: new Map(),
    members: new Map(),
    adminProfiles: new Map(),
    groupMembers: new Map(),
    projectsOfUser: new Map(),
    groupsOfUser: new Map(),
    userIdsByLogin: new Map(),
    nextUserId: 1,
    nextProjectId: 1,
    version: 0,
    userListVersion: 0,
  };
}

function addTo<K, V>(index: Map<K, Set<V>>, key: K, value: V): void {
  const set = index.get(key);
  if (set) set.add(value);
  else index.set(key, new Set([value]));
}

export function addUser(state: QTestState, user: StoredUser, password: string): StoredUser {
  state.users.set(user.id, user);
  state.passwords.set(user.id, password);
  state.userIdsByLogin.set(user.username.toLowerCase(), user.id);
  state.nextUserId = Math.max(state.nextUserId, user.id + 1);
  state.version += 1;
  changeUserList(state, (lists) => {
    const last = lists.all.at(-1);
    if (last !== undefined && last.id > user.id) return false;
    lists.all.push(user);
    if (user.status === 1) lists.active.push(user);
    return true;
  });
  return user;
}

export function userByLogin(state: QTestState, login: string): StoredUser | undefined {
  const id = state.userIdsByLogin.get(login.toLowerCase());
  return id === undefined ? undefined : state.users.get(id);
}

/** Names, contact email and password; the login never changes (UserUpdateResource has none). */
export function updateUser(
  state: QTestState,
  userId: number,
  changes: Partial<Pick<StoredUser, "email" | "first_name" | "last_name">> & { password?: string },
): void {
  const user = state.users.get(userId);
  if (!user) throw new Error(`no user ${userId}`);
  if (changes.email !== undefined) user.email = changes.email;
  if (changes.first_name !== undefined) user.first_name = changes.first_name;
  if (changes.last_name !== undefined) user.last_name = changes.last_name;
  if (changes.password !== undefined) state.passwords.set(userId, changes.password);
  state.version += 1;
}

export function setStatus(state: QTestState, userId: number, status: UserStatus): void {
  const user = state.users.get(userId);
  if (!user || user.status === status) return;
  user.status = status;
  state.version += 1;
  changeUserList(state, (lists) => {
    const at = sortedIndex(lists.active, userId);
    if (status === 1) lists.active.splice(at, 0, user);
    else if (lists.active[at]?.id === userId) lists.active.splice(at, 1);
    return true;
  });
}

export function addProject(state: QTestState, project: StoredProject): StoredProject {
  state.projects.set(project.id, project);
  state.members.set(project.id, new Map());
  state.nextProjectId = Math.max(state.nextProjectId, project.id + 1);
  state.version += 1;
  return project;
}

/** Assigns (or re-assigns) a user to a project with a user profile. */
export function assignToProject(
  state: QTestState,
  userId: number,
  projectId: number,
  profileId: number,
): void {
  const members = state.members.get(projectId);
  if (!members) throw new Error(`no project ${projectId}`);
  members.set(userId, profileId);
  addTo(state.projectsOfUser, userId, projectId);
  state.version += 1;
}

export function removeFromProject(state: QTestState, userId: number, projectId: number): void {
  state.members.get(projectId)?.delete(userId);
  state.projectsOfUser.get(userId)?.delete(projectId);
  state.version += 1;
}

export function setAdminProfile(state: QTestState, userId: number, profileId: number | null): void {
  if (profileId === null) state.adminProfiles.delete(userId);
  else state.adminProfiles.set(userId, profileId);
  state.version += 1;
}

export function addToGroup(state: QTestState, groupId: number, userId: number): void {
  addTo(state.groupMembers, groupId, userId);
  addTo(state.groupsOfUser, userId, groupId);
  state.version += 1;
}

/** `user_group_ids` of UserUpdateResource: "old usergroup ids will be replaced" (v3 swagger). */
export function setGroupsOf(state: QTestState, userId: number, groupIds: readonly number[]): void {
  for (const groupId of state.groupsOfUser.get(userId) ?? []) state.groupMembers.get(groupId)?.delete(userId);
  state.groupsOfUser.delete(userId);
  for (const groupId of groupIds) addToGroup(state, groupId, userId);
  state.version += 1;
}

export function profileByName(state: QTestState, name: string, type: StoredProfile["type"]): StoredProfile {
  for (const profile of state.profiles.values())
    if (profile.name === name && profile.type === type) return profile;
  throw new Error(`no ${type} profile "${name}"`);
}

interface OrderedUsers {
  version: number;
  all: StoredUser[];
  active: StoredUser[];
}

const orderedCache = new WeakMap<QTestState, OrderedUsers>();

/** Position of `id` in an id-ordered list (where it is or would go). */
function sortedIndex(list: readonly StoredUser[], id: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((list[mid] as StoredUser).id < id) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * A change to the user list: applied in place to the cached ordered lists when `patch` can (an
 * invite appends, a status change moves one user), so a write costs no re-sort of 5,000 users.
 */
function changeUserList(state: QTestState, patch: (lists: OrderedUsers) => boolean): void {
  const cached = orderedCache.get(state);
  const current = cached !== undefined && cached.version === state.userListVersion;
  state.userListVersion += 1;
  if (current && patch(cached)) cached.version = state.userListVersion;
}

/** Users in id order (qTest pages are stable [I]), all or active only; rebuilt only when a change
 *  could not be patched in. */
export function orderedUsers(state: QTestState, includeInactive: boolean): readonly StoredUser[] {
  let cached = orderedCache.get(state);
  if (!cached || cached.version !== state.userListVersion) {
    const all = [...state.users.values()].sort((a, b) => a.id - b.id);
    cached = { version: state.userListVersion, all, active: all.filter((u) => u.status === 1) };
    orderedCache.set(state, cached);
  }
  return includeInactive ? cached.all : cached.active;
}
