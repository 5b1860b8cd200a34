/**
 * Squash TM, by hand: one users page (`fields=` makes it complete), then each user's permissions,
 * all at once. Projects come embedded in the permissions; the instance-wide group (Admin,
 * TestAutomationServer) is the first permission when it grants something.
 */
import { toGlobalId } from "../../src/schema/common/global-id.js";
import { projectLevel, SQUASH_GLOBAL_GROUPS } from "../../src/vendors/squash-tm/levels.js";

interface Config {
  id: string;
  baseUrl: string;
  auth: { token: string } | { username: string; password: string };
}
interface User {
  id: number;
  login: string;
  first_name?: string | null;
  last_name?: string | null;
  email?: string | null;
  active: boolean;
  group: string;
}

const FIELDS =
  "id,login,first_name,last_name,email,active,group,can_delete_from_front,last_connected_on,created_by,created_on,last_modified_by,last_modified_on";
const text = (s: string | null | undefined) => s?.trim() || null;

export async function users(config: Config, first: number) {
  const api = `${config.baseUrl}/api/rest/latest`;
  const headers = {
    authorization:
      "token" in config.auth
        ? `Bearer ${config.auth.token}`
        : `Basic ${Buffer.from(`${config.auth.username}:${config.auth.password}`).toString("base64")}`,
  };
  const get = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${api}/${path}`, { headers });
    if (!response.ok) throw new Error(`Squash TM GET ${path}: ${response.status}`);
    return (await response.json()) as T;
  };

  const page = await get<{ _embedded?: { users: User[] } }>(
    `users?page=0&size=${first}&sort=id&fields=${encodeURIComponent(FIELDS)}`,
  );
  const list = page._embedded?.users ?? [];
  const grants = await Promise.all(
    list.map((u) => get<{ content?: Record<string, Array<{ name: string }>> }>(`users/${u.id}/permissions`)),
  );
  return list.map((u, i) => {
    const global = Object.entries(SQUASH_GLOBAL_GROUPS).find(
      ([name]) => name.toLowerCase() === u.group.toLowerCase(),
    );
    const onProjects = Object.entries(grants[i]!.content ?? {}).flatMap(([group, projects]) =>
      projects.map((p) => ({ role: group, level: projectLevel(group), project: { name: p.name } })),
    );
    return {
      id: toGlobalId(config.id, "User", String(u.id)),
      displayName: [text(u.first_name), text(u.last_name)].filter(Boolean).join(" ") || u.login,
      email: text(u.email),
      active: u.active,
      permissions: global
        ? [{ role: global[0], level: global[1], project: null }, ...onProjects]
        : onProjects,
    };
  });
}
