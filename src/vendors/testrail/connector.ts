import { ErrorCode, SourceError } from "../../model/errors.js";
import { matchesUserFilter, type NameFilter, type UserFilter } from "../../model/filters.js";
import type { UserRecord } from "../../model/records.js";
import { eachKey, inKeyOrder, onlyUses, windowOf } from "../batch.js";
import type { ListPage, VendorConnector } from "../connector.js";
import { basicAuth } from "../http/auth.js";
import { quietly } from "../prefetch.js";
import { apiBaseUrl, describeSource, httpFor } from "../source-basics.js";
import type { ConnectorDeps } from "../vendor-module.js";
import { API_PATH, API_PATH_PARTS } from "./api-path.js";
import { MAX_PAGE, TestRailClient } from "./client.js";
import type { TestRailConfig } from "./config.js";
import { testRailGroups } from "./groups.js";
import { toProject, toUser } from "./mapper.js";
import { testRailPermissions } from "./permissions.js";
import type { RawError } from "./raw-types.js";
import { TESTRAIL_READ_ROUTES } from "./read-routes.js";
import { TestRailReads } from "./reads.js";
import { testRailWrites } from "./writes/index.js";

export const VENDOR = "TestRail";

export function describeTestRailError(body: unknown): string | undefined {
  const error = body as RawError | undefined;
  return typeof error?.error === "string" ? error.error : undefined;
}

export function createTestRailConnector(config: TestRailConfig, deps: ConnectorDeps = {}): VendorConnector {
  const sourceId = config.id;
  const http = httpFor(config, VENDOR, deps, {
    readRoutes: TESTRAIL_READ_ROUTES,
    describe: describeTestRailError,
    // The instance root (https://example.testrail.io, https://intranet/testrail), or that root with
    // index.php?/api/v2 already on it, with or without a trailing slash.
    apiBase: apiBaseUrl(config.baseUrl, API_PATH, API_PATH_PARTS),
    auth: basicAuth(config.auth.username, config.auth.password),
  });
  const client = new TestRailClient(http, { sourceId, vendor: VENDOR });
  const pageSize = Math.min(config.pageSize ?? MAX_PAGE, MAX_PAGE);
  const badResponse = () =>
    new SourceError(`Source "${sourceId}" (${VENDOR}) sent a list Rollcall could not read`, {
      code: ErrorCode.SOURCE_BAD_RESPONSE,
      sourceId,
      vendor: VENDOR,
      retryable: true,
    });
  const reads = new TestRailReads(client, pageSize, badResponse);
  const source = describeSource(config, VENDOR);
  // TestRail has no archive: "include archived" asks for nothing more.
  const exactFor = (filter: UserFilter | NameFilter) => onlyUses(filter, ["includeArchived"]);

  return {
    source,
    // Project roles come from get_users/{project}, which needs get_projects (not the users):
    // start it, the role list and the group list alongside the users page.
    prefetch(wants, scope) {
      if (wants.has("permissions") || wants.has("projects")) {
        quietly(reads.projects(scope));
        quietly(reads.levels(scope));
      }
      if (wants.has("groups")) quietly(reads.groups(scope));
    },

    users: {
      async getMany(ids, scope) {
        // A big batch reads the whole list (⌈users/250⌉ calls, shared with the rest of the
        // request); a small one costs one `get_user` per id, in parallel.
        if (reads.listIsCheaper(ids.length)) {
          const all = new Map((await reads.users(scope)).map((u) => [String(u.id), u]));
          return inKeyOrder(ids, all, (id) => client.notFound("User", id)).map((u) =>
            u instanceof Error ? u : toUser(u, sourceId),
          );
        }
        return eachKey(ids, async (id) => toUser(await client.getUser(id, scope), sourceId));
      },

      async list({ filter, offset, limit }, scope): Promise<ListPage<UserRecord>> {
        // The login is the email, so either goes to `get_user_by_email` (users doc page); the one
        // answer is then checked against the whole filter, which makes the page exact.
        const email = filter.email ?? filter.login;
        if (email !== undefined) {
          // "400/404 | Invalid or unknown email address" (users doc page): null only for that.
          const raw = await client.findUserByEmail(email, scope);
          const found = raw ? [toUser(raw, sourceId)] : [];
          const matches = found.filter((u) => matchesUserFilter(u, filter));
          scope.prime(matches);
          return windowOf(matches, offset, limit, true);
        }
        // No name or status search in `get_users`: Rollcall filters those over the pages.
        const window = await reads.userWindow(offset, limit, scope);
        const items = window.items.map((u) => toUser(u, sourceId));
        scope.prime(items);
        return { items, total: window.total, hasMore: window.hasMore, exact: exactFor(filter) };
      },
    },

    projects: {
      async getMany(ids, scope) {
        // One id: `get_project` (same cost, and it carries the user/group overrides in `raw`).
        // More: the project list, one call for up to 250 projects, shared with permissions.
        if (ids.length === 1)
          return eachKey(ids, async (id) => toProject(await client.getProject(id, scope), sourceId));
        const all = await reads.projects(scope);
        const found = new Map(all.map((p) => [String(p.id), toProject(p, sourceId)]));
        return inKeyOrder(ids, found, (id) => client.notFound("Project", id));
      },
      async list({ filter, offset, limit }, scope) {
        const all = (await reads.projects(scope)).map((p) => toProject(p, sourceId));
        scope.prime(all);
        return windowOf(all, offset, limit, exactFor(filter));
      },
    },

    groups: testRailGroups(client, reads, { sourceId, vendor: VENDOR }),

    permissions: testRailPermissions(reads, sourceId),

    writes: testRailWrites({ client, reads, sourceId, vendor: VENDOR }),

    async probe() {
      // Any user may read their own account (users doc page); `is_admin` is on it since 7.3 (REFERENCE §5.2).
      const me = await client.getCurrentUser();
      return typeof me.is_admin === "boolean"
        ? { admin: me.is_admin, adminBasis: "get_current_user: is_admin" }
        : { admin: null, adminBasis: "get_current_user has no is_admin (TestRail before 7.3)" };
    },

    async close() {
      http.close();
    },
  };
}
