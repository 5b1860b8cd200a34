import { PERMISSION_GROUPS, type SquashState } from "./state.js";

/**
 * Who holds which permission group on a project, users and teams, in the two shapes Squash has
 * served it in:
 * - `GET /projects/{id}/clearances` (REFERENCE §2.2 [C2]): per profile key, the profile and its
 *   holders. [I] The seven permission groups are the system profiles; their ids and display names
 *   are not documented, so the simulator numbers and names them itself.
 * - `GET /projects/{id}/permissions`, the older "Get project permissions" (REFERENCE §2.2: a
 *   title in the REST API 1.0.2 table of contents, no example). [I] Its shape is taken from the
 *   seed page's `GET /users/{id}/permissions`, seen from the other side: per permission group, the
 *   holders (`{content: {<group>: [user | team]}}`).
 */

interface Holder {
  readonly _type: "user" | "team";
  readonly id: number;
  readonly login?: string;
  readonly name?: string;
  readonly _links: { self: { href: string } };
}

/** Per permission group, the project's holders: users first, then teams, each by id (a stable read). */
function holdersByGroup(projectId: number, state: SquashState, origin: string): Map<string, Holder[]> {
  const holders = new Map<string, Holder[]>();
  const add = (group: string, holder: Holder) => {
    const list = holders.get(group);
    if (list) list.push(holder);
    else holders.set(group, [holder]);
  };
  for (const [userId, grants] of state.permissions) {
    const group = grants.get(projectId);
    const user = state.users.get(userId);
    if (!group || !user) continue;
    add(group, {
      _type: "user",
      id: user.id,
      login: user.login,
      _links: { self: { href: `${origin}/users/${user.id}` } },
    });
  }
  for (const [teamId, grants] of state.teamPermissions) {
    const group = grants.get(projectId);
    const team = state.teams.get(teamId);
    if (!group || !team) continue;
    add(group, {
      _type: "team",
      id: team.id,
      name: team.name,
      _links: { self: { href: `${origin}/teams/${team.id}` } },
    });
  }
  for (const list of holders.values())
    list.sort((a, b) => (a._type === b._type ? a.id - b.id : a._type === "user" ? -1 : 1));
  return holders;
}

const profileName = (key: string) =>
  key
    .split("_")
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(" ");

function profileJson(key: string, holders: Holder[]) {
  const system = (PERMISSION_GROUPS as readonly string[]).indexOf(key);
  return {
    _type: "profile" as const,
    id: system + 1,
    name: profileName(key),
    type: system >= 0 ? ("system" as const) : ("custom" as const),
    users: holders,
  };
}

export function projectClearancesJson(projectId: number, state: SquashState, origin: string) {
  const content = Object.fromEntries(
    [...holdersByGroup(projectId, state, origin)].map(
      ([key, list]) => [key, profileJson(key, list)] as const,
    ),
  );
  return { content, _links: { self: { href: `${origin}/projects/${projectId}/clearances` } } };
}

export function projectPermissionsJson(projectId: number, state: SquashState, origin: string) {
  const content = Object.fromEntries(holdersByGroup(projectId, state, origin));
  return { content, _links: { self: { href: `${origin}/projects/${projectId}/permissions` } } };
}
