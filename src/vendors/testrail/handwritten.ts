/**
 * TestRail, by hand: three independent branches at once — the users page; `get_roles` (for
 * custom roles' levels); `get_projects`, then every project's `get_users/{project_id}`, which
 * names the role that applies there. A user's global role comes first, then one permission per
 * project listing them, in project order.
 */
import { PermissionLevel } from "../../model/records.js";
import { toGlobalId } from "../../schema/common/global-id.js";
import { roleLevels } from "./levels.js";

interface Config {
  id: string;
  baseUrl: string;
  auth: { username: string; password: string };
}
interface User {
  id: number;
  name?: string | null;
  email?: string | null;
  is_active: boolean;
  is_admin?: boolean;
  role_id?: number | string | null;
  role?: string | null;
}
/** 6.7+ pages everything (250 at most, `_links.next` until null); older servers send a bare array. */
type List<K extends string, T> = T[] | ({ _links?: { next: string | null } } & { [key in K]?: T[] });

const PAGE = 250;
const text = (s: string | null | undefined) => s?.trim() || null;
/** `role_id` arrives as `"1"` or `1`. */
const roleId = (v: number | string | null | undefined) =>
  v === null || v === undefined || v === "" || !Number.isInteger(Number(v)) ? null : Number(v);

export async function users(config: Config, first: number) {
  const headers = {
    authorization: `Basic ${Buffer.from(`${config.auth.username}:${config.auth.password}`).toString("base64")}`,
    // TestRail refuses any request without it, GET included.
    "content-type": "application/json",
  };
  const get = async <T>(method: string): Promise<T> => {
    const response = await fetch(`${config.baseUrl}/index.php?/api/v2/${method}`, { headers });
    if (!response.ok) throw new Error(`TestRail GET ${method}: ${response.status}`);
    return (await response.json()) as T;
  };
  /** Every item of a bulk GET, page after page. */
  const all = async <K extends string, T>(method: string, key: K): Promise<T[]> => {
    const out: T[] = [];
    for (let offset = 0; ; ) {
      const answer = await get<List<K, T>>(`${method}&limit=${PAGE}&offset=${offset}`);
      if (Array.isArray(answer)) return answer;
      const items = answer[key] ?? [];
      out.push(...items);
      const next = answer._links?.next;
      if (items.length === 0 || (next === undefined ? items.length < PAGE : next === null)) return out;
      offset += items.length;
    }
  };

  const [page, roles, access] = await Promise.all([
    get<List<"users", User>>(`get_users&limit=${first}&offset=0`),
    all<"roles", { id: number; name: string; is_project_admin?: boolean }>("get_roles", "roles"),
    all<"projects", { id: number; name: string }>("get_projects", "projects").then((projects) =>
      Promise.all(
        projects.map(async (p) => ({
          name: p.name,
          members: await all<"users", User>(`get_users/${p.id}`, "users"),
        })),
      ),
    ),
  ]);
  const list = Array.isArray(page) ? page.slice(0, first) : (page.users ?? []);
  const level = roleLevels(roles);
  return list.map((u) => {
    // Every account has a global role; a payload without it (pre-6.4) leaves it unknown.
    const role = text(u.role);
    const levelOf = (id: number | string | null | undefined, name: string | null) =>
      name ? level(roleId(id), name) : PermissionLevel.UNKNOWN;
    const global = [
      { role, level: u.is_admin ? PermissionLevel.ADMIN : levelOf(u.role_id, role), project: null },
    ];
    // A project's listing gives the role that applies to each member there.
    const onProjects = access.flatMap((p) =>
      p.members.flatMap((m) => {
        if (m.id !== u.id) return [];
        const role = text(m.role);
        return [{ role, level: levelOf(m.role_id, role), project: { name: p.name } }];
      }),
    );
    return {
      id: toGlobalId(config.id, "User", String(u.id)),
      displayName: text(u.name) ?? text(u.email) ?? `User ${u.id}`,
      email: text(u.email),
      active: u.is_active,
      permissions: [...global, ...onProjects],
    };
  });
}
