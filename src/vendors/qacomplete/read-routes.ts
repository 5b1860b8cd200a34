import type { ReadRoute } from "../http/read-cache.js";

/**
 * QAComplete's GET routes the shared read cache may keep (`redis.readCache`), by kind, as the
 * client writes them (client.ts); `{id}` is the configured department.
 */
export const QAC_READ_ROUTES: readonly ReadRoute[] = [
  // The department's users (a page, filtered or not); a project's users are its members: not cached.
  { kind: "users", template: "depts/{id}/users" },
  { kind: "projects", template: "projects" },
  // The department's security groups: the role names a project assignment takes.
  { kind: "roles", template: "depts/{id}/securitygroups" },
];
