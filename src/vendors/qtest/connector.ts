import { isNotFound, NotFoundError } from "../../model/errors.js";
import type { UserFilter } from "../../model/filters.js";
import { eachKey, inKeyOrder, onlyUses, windowOf } from "../batch.js";
import type { VendorConnector } from "../connector.js";
import { type AuthStrategy, loginAuth, tokenAuth } from "../http/auth.js";
import { readPagedWindow } from "../paging.js";
import { quietly } from "../prefetch.js";
import { apiBaseUrl, describeSource, httpFor } from "../source-basics.js";
import type { ConnectorDeps } from "../vendor-module.js";
import { QTestClient } from "./client.js";
import { type QTestConfig, siteName, VENDOR } from "./config.js";
import { createGroupReader } from "./groups.js";
import { toProject, toUser } from "./mapper.js";
import { createPermissionReader } from "./permissions.js";
import type { RawError } from "./raw-types.js";
import { QTEST_READ_ROUTES } from "./read-routes.js";
import { SharedReads } from "./reads.js";
import { createQTestWrites } from "./writes/index.js";

/** `pageSize` of `GET /users/search`: "up to 999", default 100 (seed page). */
export const MAX_PAGE_SIZE = 999;
/** Above this many ids, one `pagination=false` read of every user beats one GET per id. */
export const BULK_USER_LOOKUP = 100;

const NUMERIC_ID = /^\d+$/;

export function describeQTestError(body: unknown): string | undefined {
  const error = body as RawError | undefined;
  if (typeof error?.message === "string") return error.message;
  return typeof error?.error_description === "string" ? error.error_description : undefined;
}

/** The username search qTest can run for this filter, and whether it answers the filter exactly. */
function userSearchFor(filter: UserFilter): {
  username?: string;
  includeInactiveUsers: boolean;
  exact: boolean;
} {
  // Login is the email for qTest-native accounts, matched case-sensitively (seed page,
  // find_by_user_name_or_email), so an email is sent lower-cased and Rollcall keeps the exact
  // matches (README, "Pushdowns").
  const username = filter.login ?? filter.email?.toLowerCase();
  return {
    username,
    includeInactiveUsers: filter.active !== true,
    // qTest archives nothing, so `includeArchived` is answered by any search.
    exact:
      username === undefined && filter.active !== false && onlyUses(filter, ["active", "includeArchived"]),
  };
}

/**
 * An API token "will never expire unless the Client calls Revoke Token API" (common_apis), so it is
 * never renewed; a login token is sent as `<token_type> <access_token>` and renewed once per
 * stale token by the shared `loginAuth`.
 */
function qtestAuth(config: QTestConfig, client: () => QTestClient): AuthStrategy {
  const auth = config.auth;
  if ("token" in auth) return tokenAuth(auth.token, "authorization", "bearer");
  return loginAuth(
    async () => {
      const token = await client().login(siteName(config), auth.username, auth.password);
      return `${token.token_type || "bearer"} ${token.access_token}`;
    },
    (value) => ({ authorization: value }),
  );
}

/**
 * The site root every qTest path hangs from (`/api/v3/...`, `/oauth/token`), from the baseUrl a
 * person configured: the site as they know it (`https://<site>.qtestnet.com`, an on-premise
 * instance's URL), or that URL with the API path copied from the docs (`…/api/v3`), with or
 * without a trailing slash. Ends with "/".
 */
export function siteRootOf(baseUrl: string): string {
  return apiBaseUrl(baseUrl, "", ["/api/v3"]);
}

export function createQTestConnector(config: QTestConfig, deps: ConnectorDeps = {}): VendorConnector {
  const sourceId = config.id;
  const siteRoot = siteRootOf(config.baseUrl);
  // Project pages are `<site>/p/<id>/portal/project` (v3 swagger): the root, without its slash.
  const siteUrl = siteRoot.slice(0, -1);
  const http = httpFor(config, VENDOR, deps, {
    readRoutes: QTEST_READ_ROUTES,
    describe: describeQTestError,
    apiBase: siteRoot,
    auth: qtestAuth(config, () => client),
  });
  const client = new QTestClient(http);
  const reads = new SharedReads(client, sourceId);
  const pageSize = Math.min(config.pageSize ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE);
  const notFound = (what: string) => (id: string) => new NotFoundError(sourceId, VENDOR, what, id);
  const source = describeSource(config, VENDOR);

  return {
    source,
    // Memberships come from projects/{id}/users, which needs the project list (not the users):
    // start it alongside the users page. The profile list only levels custom profiles that member
    // lists name, so it is started too only where this source's member lists have named profiles
    // (one call that may go unused buys a round trip); elsewhere it would never serve.
    prefetch(wants, scope) {
      if (wants.has("permissions") || wants.has("projects")) {
        quietly(reads.projects(scope));
        if (reads.memberProfilesShown) quietly(reads.profiles(scope));
      }
      if (wants.has("groups")) quietly(reads.groups(scope));
    },

    users: {
      async getMany(ids, scope) {
        if (ids.length > BULK_USER_LOOKUP) {
          const all = await reads.allUsers(scope);
          const byId = new Map(all.items.map((u) => [String(u.id), toUser(u, sourceId)]));
          return inKeyOrder(ids, byId, notFound("User"));
        }
        return eachKey(ids, async (id) => {
          // qTest ids are numbers; anything else cannot exist, so it costs no call.
          if (!NUMERIC_ID.test(id)) throw notFound("User")(id);
          return toUser(await client.getUser(id), sourceId);
        });
      },

      async list({ filter, offset, limit }, scope) {
        const search = userSearchFor(filter);
        const window = await readPagedWindow({
          offset,
          limit,
          maxPageSize: pageSize,
          fetchPage: async (page, size) => {
            const answer = await client.searchUsers({ ...search, page: page + 1, pageSize: size });
            return { items: answer.items, total: answer.total };
          },
        });
        const items = window.items.map((u) => toUser(u, sourceId));
        scope.prime(items);
        return { items, total: window.total, hasMore: window.hasMore, exact: search.exact };
      },
    },

    projects: {
      async getMany(ids, scope) {
        const projects = (await reads.projects(scope)).map((p) => toProject(p, sourceId, siteUrl));
        return inKeyOrder(ids, new Map(projects.map((p) => [p.remoteId, p])), notFound("Project"));
      },
      async list({ filter, offset, limit }, scope) {
        const projects = (await reads.projects(scope)).map((p) => toProject(p, sourceId, siteUrl));
        scope.prime(projects);
        return windowOf(projects, offset, limit, onlyUses(filter, ["includeArchived"]));
      },
    },

    groups: createGroupReader(reads, sourceId, VENDOR),
    permissions: createPermissionReader(reads, sourceId, VENDOR, siteUrl),
    writes: createQTestWrites({ client, reads, sourceId, vendor: VENDOR, siteUrl }),

    async avatar(userId) {
      if (!NUMERIC_ID.test(userId)) return null;
      try {
        const answer = await client.getAvatar(userId);
        if (answer.body.length === 0) return null;
        return {
          contentType: answer.headers["content-type"] ?? "application/octet-stream",
          data: answer.body,
        };
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },

    async probe() {
      // "Manage Client Users" is the admin right user administration needs (REFERENCE §1.2:
      // batch-assign-users); LoggedUser's access_admin_page would say only that some admin page opens.
      const { manage_client_user: manage } = await client.currentAdminProfile();
      return typeof manage === "boolean"
        ? { admin: manage, adminBasis: "GET /api/v3/admin-profiles/current: manage_client_user" }
        : { admin: null, adminBasis: "GET /api/v3/admin-profiles/current: no manage_client_user" };
    },

    async close() {
      http.close();
    },
  };
}
