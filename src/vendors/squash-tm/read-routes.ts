import type { ReadRoute } from "../http/read-cache.js";

/**
 * Squash TM's GET routes the shared read cache may keep (`redis.readCache`), by kind, as the
 * client writes them (client.ts). Its permission groups are fixed (writes/access.ts): no route
 * lists roles.
 */
export const SQUASH_READ_ROUTES: readonly ReadRoute[] = [
  // Pages of the user directory (`users/{id}` and `users/login/{id}` name one user: not a list).
  { kind: "users", template: "users" },
  { kind: "projects", template: "projects" },
];
