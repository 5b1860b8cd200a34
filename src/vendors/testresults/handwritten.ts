/**
 * TestResults.io, by hand: the customer (its user groups), then every group's user list at once —
 * users are reachable only through their group, so the first page needs them all. Users are
 * ordered by id (the API promises no order), archived ones left out; each holds one instance-wide
 * permission, their group's. Logs in once (POST /api/token/login) and again if the token is refused.
 */
import { toGlobalId } from "../../schema/common/global-id.js";
import { canLogIn, groupLevel } from "./levels.js";

interface Config {
  id: string;
  baseUrl: string;
  auth: { token: string } | { email: string; password: string };
}
interface Group {
  Id: string;
  Name: string;
  UsagePermission?: string | null;
}
interface User {
  Id: string;
  DisplayName?: string | null;
  Email?: string | null;
  Archived?: boolean;
  UsagePermission?: string | null;
  UserGroup?: { UsagePermission?: string | null } | null;
}

const text = (s: string | null | undefined) => s?.trim() || null;
/** "Login, Read, Write" → ["Login", "Read", "Write"]. */
const grants = (s: string | null | undefined) =>
  (s ?? "")
    .split(",")
    .map((g) => g.trim())
    .filter(Boolean);
const tokens = new Map<string, Promise<string>>();

export async function users(config: Config, first: number) {
  const api = `${config.baseUrl}/api`;
  const { auth } = config;
  const login = (): Promise<string> => {
    if ("token" in auth) return Promise.resolve(auth.token);
    let token = tokens.get(api);
    if (!token) {
      token = fetch(`${api}/token/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ Email: auth.email, Password: auth.password }),
      }).then(async (r) => ((await r.json()) as { token: string }).token);
      token.catch(() => tokens.delete(api));
      tokens.set(api, token);
    }
    return token;
  };
  const get = async <T>(path: string): Promise<T> => {
    const used = login();
    let response = await fetch(`${api}/${path}`, { headers: { authentication: await used } });
    if (response.status === 401 && !("token" in auth)) {
      // The token expired: the first request to notice logs in again, the others reuse that login.
      if (tokens.get(api) === used) tokens.delete(api);
      response = await fetch(`${api}/${path}`, { headers: { authentication: await login() } });
    }
    if (!response.ok) throw new Error(`TestResults.io GET ${path}: ${response.status}`);
    return (await response.json()) as T;
  };

  const customer = await get<{ UserGroups?: Group[] }>("management/customers/current");
  const groups = customer.UserGroups ?? [];
  const lists = await Promise.all(
    groups.map(async (group) => ({
      group,
      users: await get<User[]>(`management/customers/current/groups/${encodeURIComponent(group.Id)}/users`),
    })),
  );
  // A user is in one group; should one appear twice, the first group listing them wins.
  const byId = new Map<string, { user: User; group: Group }>();
  lists.forEach(({ group, users }) => {
    for (const user of users)
      if (!byId.has(user.Id.toLowerCase())) byId.set(user.Id.toLowerCase(), { user, group });
  });
  const directory = [...byId.entries()]
    .filter(([, e]) => e.user.Archived !== true)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, first);

  return directory.map(([, { user, group }]) => ({
    id: toGlobalId(config.id, "User", user.Id),
    displayName: text(user.DisplayName) ?? text(user.Email) ?? user.Id,
    email: text(user.Email),
    active: canLogIn(grants(user.UsagePermission ?? user.UserGroup?.UsagePermission)),
    permissions: [{ role: group.Name, level: groupLevel(grants(group.UsagePermission)), project: null }],
  }));
}
