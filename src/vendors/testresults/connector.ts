import { NotFoundError } from "../../model/errors.js";
import { matchesNameFilter, matchesUserFilter } from "../../model/filters.js";
import { eachKey, windowOf } from "../batch.js";
import type { VendorConnector } from "../connector.js";
import { loginAuth, tokenAuth } from "../http/auth.js";
import { apiBaseUrl, describeSource, httpFor } from "../source-basics.js";
import type { ConnectorDeps } from "../vendor-module.js";
import { TestResultsClient } from "./client.js";
import { TESTRESULTS_API_PATH, type TestResultsConfig } from "./config.js";
import { directoryReads, key } from "./directory.js";
import { toGroupPermission } from "./mapper.js";
import type { RawError } from "./raw-types.js";
import { TESTRESULTS_READ_ROUTES } from "./read-routes.js";
import { canonicalPermission } from "./usage-permissions.js";
import { testResultsWrites } from "./writes/index.js";

export const VENDOR = "TestResults.io";

/** Every doc page names the header `Authentication` (not Authorization); the value shows no
 *  scheme, so the JWT goes in as it is [I] (REFERENCE §4.1). */
export const AUTH_HEADER = "authentication";

/** The `Message`, followed by ASP.NET's per-property `ModelState` messages when a body was refused. */
export function describeTestResultsError(body: unknown): string | undefined {
  const error = body as RawError | null | undefined;
  const message = error?.Message ?? error?.message;
  if (typeof message !== "string") return undefined;
  const details = Object.entries(error?.ModelState ?? {})
    .map(([property, messages]) => `${property}: ${[messages].flat().join(" ")}`)
    .join("; ");
  return details ? `${message} (${details})` : message;
}

export function createTestResultsConnector(
  config: TestResultsConfig,
  deps: ConnectorDeps = {},
): VendorConnector {
  const sourceId = config.id;
  const credentials = config.auth;
  const http = httpFor(config, VENDOR, deps, {
    readRoutes: TESTRESULTS_READ_ROUTES,
    describe: describeTestResultsError,
    apiBase: apiBaseUrl(config.baseUrl, TESTRESULTS_API_PATH),
    auth:
      "token" in credentials
        ? tokenAuth(credentials.token, AUTH_HEADER, null)
        : loginAuth(
            () => client.login(credentials.email, credentials.password),
            (token) => ({ [AUTH_HEADER]: token }),
          ),
  });
  const client = new TestResultsClient(http, { sourceId, vendor: VENDOR });
  const source = describeSource(config, VENDOR);

  // Read once per operation and shared by every resolver of it, and by the writers' checks.
  const reads = directoryReads(client, sourceId, VENDOR);
  const { groupsOf, membersOf, directoryOf } = reads;

  const missing = (what: string, id: string) => new NotFoundError(sourceId, VENDOR, what, id);

  return {
    source,

    users: {
      // No by-id read exists (only PUT/DELETE /api/users/{uId}): ids are looked up in the directory.
      async getMany(ids, scope) {
        const { byId } = await directoryOf(scope);
        return ids.map((id) => byId.get(key(id))?.user ?? missing("User", id));
      },
      // No search and no paging upstream: the whole directory is read anyway, so every filter
      // criterion is applied here and the window is exact.
      async list({ filter, offset, limit }, scope) {
        const { users } = await directoryOf(scope);
        const page = windowOf(
          users.filter((u) => matchesUserFilter(u, filter)),
          offset,
          limit,
          true,
        );
        scope.prime(page.items);
        return page;
      },
    },

    groups: {
      async getMany(ids, scope) {
        const { byId } = await groupsOf(scope);
        return ids.map((id) => byId.get(key(id)) ?? missing("Group", id));
      },
      async list({ filter, offset, limit }, scope) {
        const { customer } = await groupsOf(scope);
        const page = windowOf(
          customer.groups.filter((g) => matchesNameFilter(g, filter)),
          offset,
          limit,
          true,
        );
        scope.prime(page.items);
        return page;
      },
      async ofUsers(userIds, scope) {
        const { byId } = await directoryOf(scope);
        return userIds.map((id) => {
          const entry = byId.get(key(id));
          if (!entry) return missing("User", id);
          scope.prime([entry.group]);
          return [entry.group];
        });
      },
      // Archived accounts are soft-deleted: hidden here as in the user list (no filter to ask).
      members: (groupIds, scope) =>
        eachKey(groupIds, async (groupId) => {
          const users = (await membersOf(scope, groupId)).filter((u) => !u.archived);
          scope.prime(users);
          return users;
        }),
    },

    permissions: {
      // A group's usage permissions hold across the customer: one global permission per user.
      async ofUsers(userIds, scope) {
        const { byId } = await directoryOf(scope);
        return userIds.map((id) => {
          const entry = byId.get(key(id));
          return entry ? [toGroupPermission(entry.user.remoteId, entry.group)] : missing("User", id);
        });
      },
      // TestResults.io has no projects: an id asked for names none (never "nobody has access").
      ofProjects: async (projectIds) => projectIds.map((id) => missing("Project", id)),
    },

    writes: testResultsWrites({ sourceId, vendor: VENDOR, client, reads }),

    async probe() {
      // The caller's `UsagePermission` (REFERENCE §4.2: users/current has the seed users' shape);
      // user administration is the "UserManagement" permission (doc page "User Management").
      const me = await client.currentUser();
      if (typeof me.UsagePermission !== "string")
        return { admin: null, adminBasis: "GET /api/users/current: no UsagePermission" };
      const held = me.UsagePermission.split(",").map((p) => canonicalPermission(p));
      return {
        admin: held.includes("UserManagement"),
        adminBasis: "GET /api/users/current: UsagePermission",
      };
    },

    async close() {
      http.close();
    },
  };
}
