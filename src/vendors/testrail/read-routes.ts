import type { ReadRoute } from "../http/read-cache.js";

/**
 * TestRail's GET routes the shared read cache may keep (`redis.readCache`), by kind. The method
 * is the path, its parameters follow it after `&` (client.ts `methodPath`): `get_users` and
 * `get_users&offset=250` are lists, `get_user_by_email&…` and `get_users/{project_id}` are not.
 */
export const TESTRAIL_READ_ROUTES: readonly ReadRoute[] = [
  { kind: "users", path: /^get_users(&|$)/ },
  { kind: "projects", path: /^get_projects(&|$)/ },
  { kind: "roles", path: /^get_roles(&|$)/ },
];
