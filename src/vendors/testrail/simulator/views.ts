import { ROLE, type StoredProject, type StoredRole, type StoredUser, type TestRailState } from "./state.js";

/** A user as a project sees them: the role that applies there. */
export interface ProjectMember {
  readonly user: StoredUser;
  readonly role: StoredRole;
}

interface Members {
  /** By user id, like `get_users/{project_id}` answers. */
  readonly list: ProjectMember[];
  readonly ids: Set<number>;
}

/** `role_id: 0` on an override is TestRail's "Global Role" option (REFERENCE §5.2 [S]). */
export const GLOBAL_ROLE = 0;

/** Index of `id` in a list sorted by id, or where it would go (as `~index`, negative). */
function locate<T>(list: readonly T[], id: number, idOf: (item: T) => number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const at = idOf(list[mid] as T);
    if (at === id) return mid;
    if (at < id) lo = mid + 1;
    else hi = mid;
  }
  return ~lo;
}

/**
 * Indexes derived from the state, built on first use. The write routes keep them in step one
 * change at a time (the `…Changed` hooks), so a write costs what it touches and a read its page,
 * not a scan of every user, even at 5,000 users. `touch(state)` (a change made to the state
 * directly) retires them all for a rebuild.
 */
export class TestRailViews {
  private revision = -1;
  private sorted: StoredUser[] = [];
  private byEmail = new Map<string, StoredUser>();
  private groupsOfUser = new Map<number, number[]>();
  private members = new Map<number, Members>();

  constructor(private readonly state: TestRailState) {}

  /** Every user, by id. */
  users(): readonly StoredUser[] {
    this.refresh();
    return this.sorted;
  }

  /** TestRail treats emails case-insensitively [I]. */
  userByEmail(email: string): StoredUser | undefined {
    this.refresh();
    return this.byEmail.get(email.toLowerCase());
  }

  groupIdsOf(userId: number): readonly number[] {
    this.refresh();
    return this.groupsOfUser.get(userId) ?? [];
  }

  role(roleId: number | null): StoredRole | undefined {
    return roleId === null ? undefined : this.state.roles.get(roleId);
  }

  /**
   * `get_users/{project_id}`: active users with access, each with the role that applies in the
   * project (users doc page). Precedence [I]: the user's override, then their lowest-id group's
   * override, then the project's default role, then the user's global role ("Global Role" on an
   * override or as the default means the user's own role); "No Access" leaves the user out.
   */
  projectMembers(project: StoredProject): readonly ProjectMember[] {
    return this.membersOf(project).list;
  }

  /** Whether the user may see the project (what a non-admin's `get_projects` shows). */
  canAccess(project: StoredProject, user: StoredUser): boolean {
    return user.is_admin || this.membersOf(project).ids.has(user.id);
  }

  /** add_user stored a new user. */
  userAdded(user: StoredUser): void {
    this.refresh();
    const at = locate(this.sorted, user.id, (u) => u.id);
    if (at < 0) this.sorted.splice(~at, 0, user);
    this.byEmail.set(user.email.toLowerCase(), user);
    this.membershipChanged([user.id]);
  }

  /** update_user changed a user's email (the user object itself is changed in place). */
  emailChanged(user: StoredUser, previous: string): void {
    this.refresh();
    if (this.byEmail.get(previous.toLowerCase()) === user) this.byEmail.delete(previous.toLowerCase());
    this.byEmail.set(user.email.toLowerCase(), user);
  }

  /** A user's status or global role changed: their role in every project may have. */
  userChanged(userId: number): void {
    this.refresh();
    for (const projectId of this.members.keys()) this.reassess(projectId, userId);
  }

  /** These users joined or left groups (or a group of theirs went away). Costs the groups × users named. */
  membershipChanged(userIds: Iterable<number>): void {
    this.refresh();
    const groupIds = [...this.state.groups.keys()].sort((a, b) => a - b);
    for (const userId of userIds) {
      const mine = groupIds.filter((g) => this.state.groups.get(g)?.user_ids.has(userId));
      if (mine.length > 0) this.groupsOfUser.set(userId, mine);
      else this.groupsOfUser.delete(userId);
      this.userChanged(userId);
    }
  }

  /** update_project changed the per-user overrides of these users, or (no ids) anything else. */
  projectChanged(projectId: number, userIds?: Iterable<number>): void {
    this.refresh();
    if (!userIds) {
      this.members.delete(projectId);
      return;
    }
    for (const userId of userIds) this.reassess(projectId, userId);
  }

  /** Puts one user's entry in one cached project listing right: O(log M) to find, one splice. */
  private reassess(projectId: number, userId: number): void {
    const members = this.members.get(projectId);
    const project = this.state.projects.get(projectId);
    if (!members) return;
    if (!project) {
      this.members.delete(projectId);
      return;
    }
    const user = this.state.users.get(userId);
    const role = user ? this.roleIn(project, user) : undefined;
    const at = locate(members.list, userId, (m) => m.user.id);
    if (user && role) {
      if (at >= 0) members.list[at] = { user, role };
      else members.list.splice(~at, 0, { user, role });
      members.ids.add(userId);
    } else if (at >= 0) {
      members.list.splice(at, 1);
      members.ids.delete(userId);
    }
  }

  private membersOf(project: StoredProject): Members {
    this.refresh();
    let members = this.members.get(project.id);
    if (!members) {
      const list: ProjectMember[] = [];
      for (const user of this.sorted) {
        const role = this.roleIn(project, user);
        if (role) list.push({ user, role });
      }
      members = { list, ids: new Set(list.map((m) => m.user.id)) };
      this.members.set(project.id, members);
    }
    return members;
  }

  /** The role that gives the user access to the project, or undefined for none. */
  private roleIn(project: StoredProject, user: StoredUser): StoredRole | undefined {
    if (!user.is_active) return undefined;
    const role = this.role(this.projectRoleId(project, user));
    return role && role.id !== ROLE.noAccess ? role : undefined;
  }

  private projectRoleId(project: StoredProject, user: StoredUser): number {
    const applied = (roleId: number | null | undefined) =>
      roleId === undefined || roleId === null || roleId === GLOBAL_ROLE ? user.role_id : roleId;
    const own = project.users.get(user.id);
    if (own !== undefined) return applied(own);
    for (const groupId of this.groupIdsOf(user.id)) {
      const viaGroup = project.groups.get(groupId);
      if (viaGroup !== undefined) return applied(viaGroup);
    }
    return applied(project.default_role_id);
  }

  private refresh(): void {
    if (this.revision === this.state.revision) return;
    this.revision = this.state.revision;
    this.sorted = [...this.state.users.values()].sort((a, b) => a.id - b.id);
    this.byEmail = new Map(this.sorted.map((u) => [u.email.toLowerCase(), u]));
    this.groupsOfUser = new Map();
    const groupIds = [...this.state.groups.keys()].sort((a, b) => a - b);
    for (const groupId of groupIds) {
      for (const userId of this.state.groups.get(groupId)?.user_ids ?? []) {
        const list = this.groupsOfUser.get(userId);
        if (list) list.push(groupId);
        else this.groupsOfUser.set(userId, [groupId]);
      }
    }
    this.members = new Map();
  }
}
