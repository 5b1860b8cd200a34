import { PERMISSION_GROUPS, type SquashState } from "./state.js";

/**
 * `GET /projects/{id}/clearances` (REFERENCE §2.2 [C2]): per profile key, the profile and who holds
 * it on the project, users and teams. [I] The seven permission groups are the system profiles;
 * their ids and display names are not documented, so the simulator numbers and names them itself.
 */

interface Holder {
  readonly _type: "user" | "team";
  readonly id: number;
  readonly login?: string;
  readonly name?: string;
  readonly _links: { self: { href: string } };
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
    // Users first, then teams, each by id: a stable order for a stable read.
    users: holders.sort((a, b) => (a._type === b._type ? a.id - b.id : a._type === "user" ? -1 : 1)),
  };
}

export function projectClearancesJson(projectId: number, state: SquashState, origin: string) {
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
  const content = Object.fromEntries(
    [...holders].map(([key, list]) => [key, profileJson(key, list)] as const),
  );
  return { content, _links: { self: { href: `${origin}/projects/${projectId}/clearances` } } };
}
