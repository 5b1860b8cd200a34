import type { StoredGroup, StoredProject, StoredRole, StoredUser, TestRailState } from "./state.js";
import type { TestRailViews } from "./views.js";

/** How TestRail renders its objects (users doc page; REFERENCE §5.2), snake_case, ints for ids. */

/**
 * Which fields a user object carries, by the server's version: `role`/`role_id` need 6.4+, and
 * `is_admin`, `email_notifications`, `group_ids`, `mfa_required` 7.3+ (users doc page; REFERENCE
 * §5.2). "6.3" is a server older than both: the doc page's sample without its role fields.
 */
export type UserFields = "7.3" | "6.4" | "6.3";

/** `role` overrides the global role, for `get_users/{project_id}` (project-level role fields). */
export function userJson(
  user: StoredUser,
  views: TestRailViews,
  role?: StoredRole,
  fields: UserFields = "7.3",
) {
  const applied = role ?? views.role(user.role_id);
  const base = { id: user.id, name: user.name, email: user.email, is_active: user.is_active };
  if (fields === "6.3") return base;
  const roleFields = { role_id: applied?.id ?? null, role: applied?.name ?? null };
  if (fields === "6.4") return { ...base, ...roleFields };
  return {
    ...base,
    email_notifications: user.email_notifications,
    is_admin: user.is_admin,
    ...roleFields,
    group_ids: views.groupIdsOf(user.id),
    mfa_required: user.mfa_required,
  };
}

export function roleJson(role: StoredRole) {
  return {
    id: role.id,
    name: role.name,
    is_default: role.is_default,
    is_project_admin: role.is_project_admin,
  };
}

export function groupJson(group: StoredGroup) {
  return { id: group.id, name: group.name, user_ids: [...group.user_ids].sort((a, b) => a - b) };
}

/** `origin` is the instance root URL; TestRail's `url` points at the project's overview page. */
export function projectJson(
  project: StoredProject,
  state: TestRailState,
  views: TestRailViews,
  origin: string,
) {
  const role = (id: number | null) => views.role(id);
  return {
    id: project.id,
    name: project.name,
    announcement: project.announcement,
    show_announcement: project.show_announcement,
    is_completed: project.is_completed,
    completed_on: project.completed_on,
    suite_mode: project.suite_mode,
    default_role_id: project.default_role_id,
    default_role: role(project.default_role_id)?.name ?? null,
    url: `${origin}/index.php?/projects/overview/${project.id}`,
    users: [...project.users].map(([userId, roleId]) => {
      const user = state.users.get(userId);
      return {
        id: userId,
        global_role_id: user?.role_id ?? null,
        global_role: role(user?.role_id ?? null)?.name ?? null,
        project_role_id: roleId,
        project_role: role(roleId)?.name ?? null,
      };
    }),
    groups: [...project.groups].map(([groupId, roleId]) => ({
      id: groupId,
      role_id: roleId,
      role: role(roleId)?.name ?? null,
    })),
  };
}
