/**
 * QAComplete, by hand: the users page, the department and the project list at once, then each
 * user's security groups (one per project they are in). The department is not in the JSON; it is
 * read because the gateway reads it for every users page (each user record names its department),
 * so both make the same calls. `is_security_admin` is the first permission, then one per group.
 */
import { toGlobalId } from "../../schema/common/global-id.js";
import { SECURITY_ADMIN_LEVEL, SECURITY_ADMIN_ROLE, securityGroupLevel } from "./levels.js";

interface Config {
  id: string;
  baseUrl: string;
  departmentId: number | string;
  auth: { username: string; password: string };
}
interface List<T> {
  metadata: { result_set: { total: number } };
  results?: T[];
}
interface User {
  id: number;
  first_name?: string | null;
  last_name?: string | null;
  email?: string | null;
  is_active: boolean;
  is_security_admin?: boolean;
}

const PAGE = 1000;
const text = (s: string | null | undefined) => s?.trim() || null;

export async function users(config: Config, first: number) {
  const api = `${config.baseUrl}/rest-api/service/api/v1`;
  const dept = `depts/${config.departmentId}`;
  const headers = {
    authorization: `Basic ${Buffer.from(`${config.auth.username}:${config.auth.password}`).toString("base64")}`,
    accept: "application/json",
  };
  const get = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${api}/${path}`, { headers });
    if (!response.ok) throw new Error(`QAComplete GET ${path}: ${response.status}`);
    return (await response.json()) as T;
  };
  /** Every item of a list: the first page says the total, the rest go out together. */
  const all = async <T>(path: string): Promise<T[]> => {
    const head = await get<List<T>>(`${path}?offset=0&limit=${PAGE}`);
    const offsets: number[] = [];
    for (let o = PAGE; o < head.metadata.result_set.total; o += PAGE) offsets.push(o);
    const rest = await Promise.all(offsets.map((o) => get<List<T>>(`${path}?offset=${o}&limit=${PAGE}`)));
    return [head, ...rest].flatMap((page) => page.results ?? []);
  };

  const [page, , projects] = await Promise.all([
    get<List<User>>(`${dept}/users?offset=0&limit=${first}`).then(async (list) => {
      const items = list.results ?? [];
      return Promise.all(
        items.map(async (user) => ({
          user,
          groups: await all<{ proj_id: number | string; group_name: string }>(
            `${dept}/users/${user.id}/securitygroups`,
          ),
        })),
      );
    }),
    get<unknown>(dept),
    all<{ id: number | string; dept_id: number | string; proj_name: string }>("projects"),
  ]);
  // Projects of this department by id: a group on a project elsewhere has no project here.
  const names = new Map(
    projects
      .filter((p) => String(p.dept_id) === String(config.departmentId))
      .map((p) => [String(p.id), p.proj_name]),
  );

  return page.map(({ user, groups }) => {
    const email = text(user.email);
    const admin =
      user.is_security_admin === true
        ? [{ role: SECURITY_ADMIN_ROLE, level: SECURITY_ADMIN_LEVEL, project: null }]
        : [];
    const onProjects = groups.map((g) => {
      const name = names.get(String(g.proj_id));
      return {
        role: g.group_name,
        level: securityGroupLevel(g.group_name),
        project: name === undefined ? null : { name },
      };
    });
    return {
      id: toGlobalId(config.id, "User", String(user.id)),
      displayName:
        [text(user.first_name), text(user.last_name)].filter(Boolean).join(" ") || email || String(user.id),
      email,
      active: user.is_active,
      permissions: [...admin, ...onProjects],
    };
  });
}
