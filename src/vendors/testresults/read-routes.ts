import type { ReadRoute } from "../http/read-cache.js";

/**
 * TestResults.io's GET routes the shared read cache may keep (`redis.readCache`), by kind, as the
 * client writes them (client.ts). Its directory is the union of its groups' user lists
 * (directory.ts); it has no projects or roles to list.
 */
export const TESTRESULTS_READ_ROUTES: readonly ReadRoute[] = [
  { kind: "users", template: "management/customers/current/groups/{id}/users" },
];
