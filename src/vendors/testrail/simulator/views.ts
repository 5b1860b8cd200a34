import { ROLE, type StoredProject, type StoredRole, type StoredUser, type TestRailState } from "./state.js";

/** A user as a project sees them: the role that applies there. */
export interface ProjectMember {
  readonly user: StoredUser;
  readonly role: StoredRole;
}

/**
 * Indexes derived from the state, built on first use and kept until a write bumps
 * `state.revision`, so a request costs its page, not a scan of every user.
 */
export class TestRailViews {
  private revision = -1;
  private sorted: StoredUser[] = [];
  private byEmail = new Map<string, StoredUser>();
  private groupsOfUser = new Map<number, number[]>();
  private members = new Map<number, { list: ProjectMember[]; ids: Set<number> }>();

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
   * override, then the project's default role, then the user's global role; "No Access" leaves
   * the user out.
   */
  projectMembers(project: StoredProject): readonly ProjectMember[] {
    return this.membersOf(project).list;
  }

  /** Whether the user may see the project (what a non-admin's `get_projects` shows). */
  canAccess(project: StoredProject, user: StoredUser): boolean {
    return user.is_admin || this.membersOf(project).ids.has(user.id);
  }

  private membersOf(project: StoredProject): { list: ProjectMember[]; ids: Set<number> } {
    this.refresh();
    let members = this.members.get(project.id);
    if (!members) {
      const list: ProjectMember[] = [];
      for (const user of this.sorted) {
        if (!user.is_active) continue;
        const role = this.role(this.projectRoleId(project, user));
        if (role && role.id !== ROLE.noAccess) list.push({ user, role });
      }
      members = { list, ids: new Set(list.map((m) => m.user.id)) };
      this.members.set(project.id, members);
    }
    return members;
  }

  private projectRoleId(project: StoredProject, user: StoredUser): number {
    const own = project.users.get(user.id);
    if (own !== undefined) return own;
    for (const groupId of this.groupIdsOf(user.id)) {
      const viaGroup = project.groups.get(groupId);
      if (viaGroup !== undefined) return viaGroup;
    }
    return project.default_role_id ?? user.role_id;
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
