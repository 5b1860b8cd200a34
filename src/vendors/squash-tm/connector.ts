import { eachKey, onlyUses, windowOf } from "../batch.js";
import { type ListPage, type VendorConnector, WHOLE_LIST_LIMIT } from "../connector.js";
import { basicAuth, tokenAuth } from "../http/auth.js";
import { readPagedWindow } from "../paging.js";
import { quietly } from "../prefetch.js";
import { apiBaseUrl, describeSource, httpFor } from "../source-basics.js";
import type { ConnectorDeps } from "../vendor-module.js";
import { SquashClient } from "./client.js";
import type { SquashConfig } from "./config.js";
import { squashId } from "./ids.js";
import { LoginLookup } from "./logins.js";
import { toProject, toTeam, toUser } from "./mapper.js";
import { embedded } from "./payloads.js";
import { createPermissionReader } from "./permissions.js";
import type { HalPage, RawError } from "./raw-types.js";
import { SquashReads } from "./reads.js";
import { teamsOfUsers } from "./teams-of-users.js";
import { VENDOR } from "./vendor.js";
import { squashWrites } from "./writes/index.js";

/** Where the REST API lives under an instance root (REFERENCE §2.1 [C]: `http(s)://host[/squash]/api/rest/latest/`). */
const API_PATH = "/api/rest/latest";

/** Spring Data's default `max-page-size` is 2000; larger `size` values are clamped silently. */
export const MAX_PAGE_SIZE = 2000;

export function describeSquashError(body: unknown): string | undefined {
  const error = body as RawError | undefined;
  return typeof error?.message === "string" ? error.message : undefined;
}

export function createSquashConnector(config: SquashConfig, deps: ConnectorDeps = {}): VendorConnector {
  const sourceId = config.id;
  const http = httpFor(config, VENDOR, deps, {
    describe: describeSquashError,
    // The instance root as people know it (`https://host/squash`), or with the API path copied
    // from the docs (`…/api/rest/latest`), with or without a trailing slash.
    apiBase: apiBaseUrl(config.baseUrl, API_PATH, ["/api/rest"]),
    auth:
      "token" in config.auth
        ? tokenAuth(config.auth.token)
        : basicAuth(config.auth.username, config.auth.password),
  });
  const client = new SquashClient(http);
  const pageSize = Math.min(config.pageSize ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE);
  const reads = new SquashReads(client, sourceId, pageSize);
  const source = describeSource(config, VENDOR);
  const permissions = createPermissionReader(client, reads, sourceId);
  const logins = new LoginLookup(client, sourceId, pageSize);

  async function pagedList<K extends string, R, T>(
    offset: number,
    limit: number,
    key: K,
    fetch: (page: number, size: number) => Promise<HalPage<K, R>>,
    map: (raw: R) => T,
    exact: boolean,
  ): Promise<ListPage<T>> {
    const window = await readPagedWindow({
      offset,
      limit,
      maxPageSize: pageSize,
      fetchPage: async (page, size) => {
        const answer = await fetch(page, size);
        return { items: embedded(answer, key, sourceId), total: answer.page.totalElements };
      },
    });
    return { items: window.items.map(map), total: window.total, hasMore: window.hasMore, exact };
  }

  return {
    source,
    // Neither list depends on the users: start them alongside the users page. Teams complete the
    // users' team ids; the project list decides how permissions are read (and feeds the project
    // reads), unless this instance is known to serve no project read.
    prefetch(wants, scope) {
      if (wants.has("teams")) quietly(reads.teams(scope));
      if ((wants.has("permissions") || wants.has("projects")) && permissions.mayNeedProjectList())
        quietly(reads.projects(scope));
    },

    writes: squashWrites({
      client,
      sourceId,
      vendor: VENDOR,
      pageSize,
      heldOn: permissions.heldOn,
      logins,
    }),

    users: {
      // No bulk read by ids: one GET /users/{id} per id, in parallel under the source's limit.
      getMany: (ids) =>
        eachKey(ids, async (id) => toUser(await client.getUser(squashId(id, "User", sourceId)), sourceId)),
      async list({ filter, offset, limit }) {
        if (filter.login !== undefined) {
          const holder = await logins.find(filter.login);
          const found = holder ? [toUser(holder, sourceId)] : [];
          return windowOf(found, offset, limit, onlyUses(filter, ["login"]));
        }
        // Squash has no server-side email, name or status search: Rollcall filters the pages.
        return pagedList(
          offset,
          limit,
          "users",
          (p, s) => client.listUsers(p, s),
          (u) => toUser(u, sourceId),
          onlyUses(filter, []),
        );
      },
    },

    teams: {
      getMany: (ids) =>
        eachKey(ids, async (id) => toTeam(await client.getTeam(squashId(id, "Team", sourceId)), sourceId)),
      // The whole list is the request's shared read of it (the users' teams need it too): one read.
      list: async ({ filter, offset, limit }, scope) =>
        limit >= WHOLE_LIST_LIMIT
          ? windowOf([...(await reads.teams(scope)).values()], offset, limit, onlyUses(filter, []))
          : pagedList(
              offset,
              limit,
              "teams",
              (p, s) => client.listTeams(p, s),
              (t) => toTeam(t, sourceId),
              onlyUses(filter, []),
            ),
      ofUsers: teamsOfUsers(client, reads, sourceId, pageSize),
      members: (teamIds, scope) =>
        eachKey(teamIds, async (teamId) => {
          const page = await client.getTeamMembers(squashId(teamId, "Team", sourceId), pageSize);
          const users = embedded(page, "members", sourceId).map((u) => toUser(u, sourceId));
          scope.prime(users);
          return users;
        }),
    },

    projects: {
      getMany: (ids) =>
        eachKey(ids, async (id) =>
          toProject(await client.getProject(squashId(id, "Project", sourceId)), sourceId),
        ),
      // The whole list is the request's shared read of it (permissions need it too): one read.
      list: async ({ filter, offset, limit }, scope) =>
        limit >= WHOLE_LIST_LIMIT
          ? windowOf(await reads.projects(scope), offset, limit, onlyUses(filter, []))
          : pagedList(
              offset,
              limit,
              "projects",
              (p, s) => client.listProjects(p, s),
              (p) => toProject(p, sourceId),
              onlyUses(filter, []),
            ),
    },

    permissions: permissions.reader,

    async probe() {
      // With a login, the account's own `group` says (seed page "Get user by login"); a personal
      // API token names no account, and no Squash call says whose it is.
      if ("username" in config.auth) {
        // Through LoginLookup: an instance without the admin plugin's by-login route still answers.
        const me = await logins.find(config.auth.username);
        if (!me)
          return { admin: null, adminBasis: "GET /users/login/{login}: the login is not in the user list" };
        const { group } = me;
        return typeof group === "string"
          ? {
              admin: group.toLowerCase() === "admin",
              adminBasis: `GET /users/login/{login}: group "${group}"`,
            }
          : { admin: null, adminBasis: "GET /users/login/{login}: no group" };
      }
      await client.listUsers(0, 1);
      return { admin: null, adminBasis: "an API token: no Squash TM call names the token's own account" };
    },

    async close() {
      http.close();
    },
  };
}
