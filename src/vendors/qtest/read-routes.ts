import type { ReadRoute } from "../http/read-cache.js";

/** qTest's GET routes the shared read cache may keep (`redis.readCache`), by kind, as the client writes them (client.ts). */
export const QTEST_READ_ROUTES: readonly ReadRoute[] = [
  // The user directory: every user in one answer, a page of it, or those whose login matches.
  { kind: "users", template: "api/v3/users/search" },
  { kind: "projects", template: "api/v3/projects" },
  // User and admin profiles: the role names a project assignment takes.
  { kind: "roles", template: "api/v3/user-profiles" },
];
