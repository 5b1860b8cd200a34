/**
 * qTest Manager, by hand: the users page and the project list at once, then every project's
 * members (with the profile held there where the instance names it; the documented member list
 * does not, and such a membership is level UNKNOWN with a null role). Levels come from profile
 * names; only when a named profile is not a known one is the profile list read, for its flags. The
 * user's admin profile (where shown) is the first permission, then one per project membership, in
 * project order.
 */

import { PermissionLevel } from "../../model/records.js";
import { toGlobalId } from "../../schema/common/global-id.js";
import { ADMIN_PROFILE_LEVEL, namedProfileLevel, userProfileLevel } from "./levels.js";

interface Config {
  id: string;
  baseUrl: string;
  auth: { token: string };
}
/** A profile as `user-profiles` lists it; members and users carry `{id, name}` only. */
interface Profile {
  id: number;
  name: string;
  is_admin?: boolean;
  is_readonly?: boolean;
}
type ProfileRef = Pick<Profile, "name"> & Partial<Profile>;
interface User {
  id: number;
  username: string;
  email?: string | null;
  first_name?: string | null;
  last_name?: string | null;
  status: number;
  admin_profile?: ProfileRef | null;
}
interface Project {
  id: number;
  name: string;
}

const text = (s: string | null | undefined) => s?.trim() || null;

export async function users(config: Config, first: number) {
  if (!("token" in config.auth)) throw new Error("the hand-written qTest reader takes an API token only");
  const headers = { authorization: `bearer ${config.auth.token}` };
  const get = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${config.baseUrl}/api/v3/${path}`, { headers });
    if (!response.ok) throw new Error(`qTest GET ${path}: ${response.status}`);
    return (await response.json()) as T;
  };

  const [page, memberships] = await Promise.all([
    get<{ items: User[] }>(`users/search?includeInactiveUsers=true&page=1&pageSize=${first}`),
    get<Project[]>("projects?assigned=false").then((projects) =>
      Promise.all(
        projects.map(async (project) => {
          const members = await get<Array<User & { profile?: ProfileRef | null }>>(
            `projects/${project.id}/users?inactive=true`,
          );
          return members.map((m) => ({ userId: m.id, project: project.name, profile: m.profile ?? null }));
        }),
      ).then((lists) => lists.flat()),
    ),
  ]);
  const known = memberships.every((m) => !m.profile || namedProfileLevel(m.profile.name) !== undefined);
  const profiles = known
    ? []
    : ((await get<{ user_profiles?: Profile[] }>("user-profiles")).user_profiles ?? []);
  const describe = (p: ProfileRef) =>
    profiles.find((d) => d.id === p.id) ?? profiles.find((d) => d.name === p.name);

  return page.items.map((u) => ({
    id: toGlobalId(config.id, "User", String(u.id)),
    displayName: [text(u.first_name), text(u.last_name)].filter(Boolean).join(" ") || u.username,
    email: text(u.email),
    active: u.status === 1,
    permissions: [
      ...(u.admin_profile ? [{ role: u.admin_profile.name, level: ADMIN_PROFILE_LEVEL, project: null }] : []),
      ...memberships
        .filter((m) => m.userId === u.id)
        .map((m) => ({
          role: m.profile?.name ?? null,
          level: m.profile ? userProfileLevel(m.profile, describe(m.profile)) : PermissionLevel.UNKNOWN,
          project: { name: m.project },
        })),
    ],
  }));
}
