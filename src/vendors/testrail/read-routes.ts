import type { ReadRoute } from "../http/read-cache.js";

/**
 * TestRail's GET routes the shared read cache may keep (`redis.readCache`), by kind: the method's
 * route as the client writes it (client.ts). Its parameters (`&limit=250&offset=0`, `&email=…`) are
 * in the path, never in the route, so a page of a list is still `get_users`; `get_user_by_email`
 * and a project's users (`get_users/{id}`) are other routes, not cached.
 */
export const TESTRAIL_READ_ROUTES: readonly ReadRoute[] = [
  { kind: "users", template: "get_users" },
  { kind: "projects", template: "get_projects" },
  { kind: "roles", template: "get_roles" },
];
