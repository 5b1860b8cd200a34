import { Capability } from "../../model/capabilities.js";
import { isNotFound } from "../../model/errors.js";
import { eachKey, onlyUses, windowOf } from "../batch.js";
import type { Connector, ListPage } from "../connector.js";
import { basicAuth, tokenAuth } from "../http/auth.js";
import { readPagedWindow } from "../paging.js";
import { quietly } from "../prefetch.js";
import { describeSource, httpFor } from "../source-basics.js";
import type { ConnectorDeps } from "../vendor-module.js";
import { SquashClient } from "./client.js";
import type { SquashConfig } from "./config.js";
import { toProject, toTeam, toUser } from "./mapper.js";
import { embedded } from "./pages.js";
import { createPermissionReader } from "./permissions.js";
import type { HalPage, RawError } from "./raw-types.js";
import { SquashReads } from "./reads.js";
import { teamsOfUsers } from "./teams-of-users.js";
import { SQUASH_WRITE_CAPABILITIES, squashWrites } from "./writes/index.js";

export const VENDOR = "Squash TM";

/** Spring Data's default `max-page-size` is 2000; larger `size` values are clamped silently. */
export const MAX_PAGE_SIZE = 2000;

export function describeSquashError(body: unknown): string | undefined {
  const error = body as RawError | undefined;
  return typeof error?.message === "string" ? error.message : undefined;
}

export function createSquashConnector(config: SquashConfig, deps: ConnectorDeps = {}): Connector {
  const sourceId = config.id;
  const http = httpFor(config, VENDOR, deps, {
    describe: describeSquashError,
    apiBase: `${config.baseUrl}/api/rest/latest/`,
    auth:
      "token" in config.auth
        ? tokenAuth(config.auth.token)
        : basicAuth(config.auth.username, config.auth.password),
  });
  const client = new SquashClient(http);
  const pageSize = Math.min(config.pageSize ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE);
  const reads = new SquashReads(client, sourceId, pageSize);
  const source = describeSource(config, VENDOR);

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
        return { items: embedded(answer, key), total: answer.page.totalElements };
      },
    });
    return { items: window.items.map(map), total: window.total, hasMore: window.hasMore, exact };
  }

  return {
    source,
    // Neither list depends on the users: start them alongside the users page. Teams complete the
    // users' team ids; the project list decides how permissions are read (and feeds clearances).
    prefetch(wants, scope) {
      if (wants.has("teams")) quietly(reads.teams(scope));
      if (wants.has("permissions") || wants.has("projects")) quietly(reads.projects(scope));
    },
    capabilities: new Set([
      Capability.USERS,
      Capability.TEAMS,
      Capability.TEAM_MEMBERS,
      Capability.PROJECTS,
      Capability.PERMISSIONS,
      Capability.USER_SEARCH_BY_LOGIN,
      ...SQUASH_WRITE_CAPABILITIES,
    ]),

    writes: squashWrites({ client, sourceId, vendor: VENDOR, pageSize }),

    users: {
      // No bulk read by ids: one GET /users/{id} per id, in parallel under the source's limit.
      getMany: (ids) => eachKey(ids, async (id) => toUser(await client.getUser(id), sourceId)),
      async list({ filter, offset, limit }) {
        if (filter.login !== undefined) {
          const found = await client.getUserByLogin(filter.login).then(
            (raw) => [toUser(raw, sourceId)],
            (error: unknown) => {
              if (isNotFound(error)) return [];
              throw error;
            },
          );
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
      getMany: (ids) => eachKey(ids, async (id) => toTeam(await client.getTeam(id), sourceId)),
      list: ({ filter, offset, limit }) =>
        pagedList(
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
          const page = await client.getTeamMembers(teamId, pageSize);
          const users = embedded(page, "members").map((u) => toUser(u, sourceId));
          scope.prime(users);
          return users;
        }),
    },

    projects: {
      getMany: (ids) => eachKey(ids, async (id) => toProject(await client.getProject(id), sourceId)),
      list: ({ filter, offset, limit }) =>
        pagedList(
          offset,
          limit,
          "projects",
          (p, s) => client.listProjects(p, s),
          (p) => toProject(p, sourceId),
          onlyUses(filter, []),
        ),
    },

    permissions: createPermissionReader(client, reads, sourceId),

    async probe() {
      await client.listUsers(0, 1);
    },

    async close() {
      http.close();
    },
  };
}
