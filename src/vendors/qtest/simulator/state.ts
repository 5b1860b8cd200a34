/**
 * The simulator's database, stored in qTest's own terms so routes stay thin. Every change goes
 * through the mutators below, which keep the indexes (user → projects, user → groups, the ordered
 * user lists) right; read routes and, later, write routes share them.
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
  country_name: string;
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

export interface QTestState {
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
  nextUserId: number;
  nextProjectId: number;
  /** Bumped by every mutator; derived views are cached per version. */
  version: number;
}

export function emptyState(): QTestState {
  return {
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
    nextUserId: 1,
    nextProjectId: 1,
    version: 0,
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
  state.nextUserId = Math.max(state.nextUserId, user.id + 1);
  state.version += 1;
  return user;
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

export function profileByName(state: QTestState, name: string, type: StoredProfile["type"]): StoredProfile {
  for (const profile of state.profiles.values())
    if (profile.name === name && profile.type === type) return profile;
  throw new Error(`no ${type} profile "${name}"`);
}

const orderedCache = new WeakMap<QTestState, { version: number; all: StoredUser[]; active: StoredUser[] }>();

/** Users in id order (qTest pages are stable [I]), all or active only; rebuilt only after a change. */
export function orderedUsers(state: QTestState, includeInactive: boolean): readonly StoredUser[] {
  let cached = orderedCache.get(state);
  if (!cached || cached.version !== state.version) {
    const all = [...state.users.values()].sort((a, b) => a.id - b.id);
    cached = { version: state.version, all, active: all.filter((u) => u.status === 1) };
    orderedCache.set(state, cached);
  }
  return includeInactive ? cached.all : cached.active;
}
