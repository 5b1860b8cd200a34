/**
 * Squash TM, by hand: one users page (`fields=` makes it complete) and the project list, then who
 * holds what — per project's clearances or per user's permissions, whichever is fewer calls (as the
 * gateway does). The instance-wide group (Admin, TestAutomationServer) is the first permission when
 * it grants something.
 */
import { toGlobalId } from "../../schema/common/global-id.js";
import { projectLevel, SQUASH_GLOBAL_GROUPS } from "./levels.js";

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

interface Project {
  id: number;
  name: string;
}
interface Grant {
  group: string;
  project: Project;
}

const FIELDS =
  "id,login,first_name,last_name,email,active,group,can_delete_from_front,last_connected_on,created_by,created_on,last_modified_by,last_modified_on";
const text = (s: string | null | undefined) => s?.trim() || null;

export async function users(config: Config, first: number) {
  const api = `${config.baseUrl}/api/rest/latest`;
  const headers = {
    // Every request example on the doc page sends it; the simulator refuses a request without it.
    accept: "application/json",
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

  const [page, projectPage] = await Promise.all([
    get<{ _embedded?: { users: User[] } }>(
      `users?page=0&size=${first}&sort=id&fields=${encodeURIComponent(FIELDS)}`,
    ),
    // One page holds every project of the simulated instances (2,000 is Squash's page cap).
    get<{ _embedded?: { projects: Project[] } }>("projects?page=0&size=2000&sort=id"),
  ]);
  const list = page._embedded?.users ?? [];
  const projects = projectPage._embedded?.projects ?? [];
  // Who holds what where, by user id: per project's clearances when that is fewer calls than per user.
  const held = new Map<number, Grant[]>();
  const hold = (userId: number, grant: Grant) => {
    const grants = held.get(userId);
    if (grants) grants.push(grant);
    else held.set(userId, [grant]);
  };
  if (list.length > projects.length) {
    const clearances = await Promise.all(
      projects.map((p) =>
        get<{ content?: Record<string, { users?: Array<{ _type: string; id: number }> }> }>(
          `projects/${p.id}/clearances`,
        ),
      ),
    );
    projects.forEach((project, i) => {
      for (const [group, profile] of Object.entries(clearances[i]?.content ?? {}))
        for (const holder of profile.users ?? [])
          if (holder._type === "user") hold(holder.id, { group, project });
    });
  } else {
    const grants = await Promise.all(
      list.map((u) => get<{ content?: Record<string, Project[]> }>(`users/${u.id}/permissions`)),
    );
    list.forEach((u, i) => {
      for (const [group, onProjects] of Object.entries(grants[i]?.content ?? {}))
        for (const project of onProjects) hold(u.id, { group, project });
    });
  }
  return list.map((u) => {
    const global = Object.entries(SQUASH_GLOBAL_GROUPS).find(
      ([name]) => name.toLowerCase() === u.group.toLowerCase(),
    );
    // Project-id order, as the gateway answers (its order doesn't depend on how it read them).
    const onProjects = [...(held.get(u.id) ?? [])]
      .sort((a, b) => a.project.id - b.project.id)
      .map(({ group, project }) => ({
        role: group,
        level: projectLevel(group),
        project: { name: project.name },
      }));
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
