import type { SquashState, StoredProject, StoredTeam, StoredUser } from "./state.js";

/** How Squash renders its entities (seed page examples). `origin` is the API root URL. */

export function teamJson(team: StoredTeam, origin: string) {
  return { _type: "team" as const, ...team, _links: { self: { href: `${origin}/teams/${team.id}` } } };
}

export function teamSummaryJson(team: StoredTeam, origin: string) {
  return {
    _type: "team" as const,
    id: team.id,
    name: team.name,
    _links: { self: { href: `${origin}/teams/${team.id}` } },
  };
}

export function userJson(user: StoredUser, state: SquashState, origin: string) {
  const teams = [...state.teamMembers.entries()]
    .filter(([, members]) => members.has(user.id))
    .map(([teamId]) => state.teams.get(teamId))
    .filter((t): t is StoredTeam => t !== undefined)
    .map((t) => teamSummaryJson(t, origin));
  return {
    _type: "user" as const,
    id: user.id,
    first_name: user.first_name,
    last_name: user.last_name,
    login: user.login,
    email: user.email,
    active: user.active,
    group: user.group,
    can_delete_from_front: user.can_delete_from_front,
    teams,
    last_connected_on: user.last_connected_on,
    created_by: user.created_by,
    created_on: user.created_on,
    last_modified_by: user.last_modified_by,
    last_modified_on: user.last_modified_on,
    _links: { self: { href: `${origin}/users/${user.id}` } },
  };
}

/** The short form list endpoints send when `fields` is not given (seed page "Get all users"). */
export const USER_LIST_FIELDS = ["login", "active", "group"] as const;

/** `GET /teams` items without `fields`: `{_type, id, name, _links}` (REFERENCE §2.2 [C2]). */
export const TEAM_LIST_FIELDS = ["name"] as const;

/** `GET /projects` items without `fields` [I]: summaries like the team list's (REFERENCE §2.2 [C2]),
 *  so a client that needs a project's label, description or `active` must ask for them. */
export const PROJECT_LIST_FIELDS = ["name"] as const;

export function projectJson(project: StoredProject, origin: string) {
  return {
    _type: "project" as const,
    id: project.id,
    description: project.description,
    label: project.label,
    name: project.name,
    active: project.active,
    attachments: [],
    _links: { self: { href: `${origin}/projects/${project.id}` } },
  };
}

/** `{content: {group: [project...]}}` for one user. */
export function userPermissionsJson(userId: number, state: SquashState, origin: string) {
  const content: Record<string, ReturnType<typeof projectJson>[]> = {};
  for (const [projectId, group] of state.permissions.get(userId) ?? []) {
    const project = state.projects.get(projectId);
    if (!project) continue;
    content[group] = [...(content[group] ?? []), projectJson(project, origin)];
  }
  return { content, _links: { self: { href: `${origin}/users/${userId}/permissions` } } };
}
