import { Capability } from "../../model/capabilities.js";
import { isNotFound } from "../../model/errors.js";
import { type PermissionRecord, permissionRemoteId } from "../../model/records.js";
import { eachKey, onlyUses, windowOf } from "../batch.js";
import type { Connector, ListPage, SourceDescriptor } from "../connector.js";
import { basicAuth, tokenAuth } from "../http/auth.js";
import { createHttpClient } from "../http/http-client.js";
import { readPagedWindow } from "../paging.js";
import type { ConnectorDeps } from "../vendor-module.js";
import { SquashClient } from "./client.js";
import type { SquashConfig } from "./config.js";
import { projectLevel } from "./levels.js";
import { toGlobalPermission, toProject, toTeam, toUser, toUserPermissions } from "./mapper.js";
import type { HalPage, RawError } from "./raw-types.js";
import { SQUASH_WRITE_CAPABILITIES, squashWrites } from "./writes/index.js";

export const VENDOR = "Squash TM";

/** Spring Data's default `max-page-size` is 2000; larger `size` values are clamped silently. */
const MAX_PAGE_SIZE = 2000;

function embedded<K extends string, T>(page: HalPage<K, T>, key: K): T[] {
  return page._embedded?.[key] ?? [];
}

export function describeSquashError(body: unknown): string | undefined {
  const error = body as RawError | undefined;
  return typeof error?.message === "string" ? error.message : undefined;
}

export function createSquashConnector(config: SquashConfig, deps: ConnectorDeps = {}): Connector {
  const sourceId = config.id;
  const http = createHttpClient({
    sourceId,
    vendor: VENDOR,
    describe: describeSquashError,
    apiBase: `${config.baseUrl}/api/rest/latest/`,
    auth:
      "token" in config.auth
        ? tokenAuth(config.auth.token)
        : basicAuth(config.auth.username, config.auth.password),
    timeoutMs: config.timeoutMs,
    retries: config.retries,
    maxConcurrency: config.maxConcurrency,
    retryBaseDelayMs: config.retryBaseDelayMs,
    observe: deps.observe,
  });
  const client = new SquashClient(http);
  const pageSize = Math.min(config.pageSize ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE);
  const source: SourceDescriptor = {
    id: sourceId,
    kind: config.kind,
    name: config.name ?? VENDOR,
    vendor: VENDOR,
    baseUrl: config.baseUrl,
  };

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
      async ofUsers(userIds, scope) {
        // The teams endpoint is keyed by login, so the users come first (usually already loaded).
        const users = await scope.loadUsers(userIds);
        return eachKey(users, async (user) => {
          if (user instanceof Error) throw user;
          if (!user.login) return [];
          const page = await client.getUserTeams(user.login, pageSize);
          const teams = embedded(page, "teams").map((t) => toTeam(t, sourceId));
          scope.prime(teams);
          return teams;
        });
      },
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

    permissions: {
      async ofUsers(userIds, scope) {
        const users = await scope.loadUsers(userIds);
        return eachKey(userIds, async (userId, i) => {
          const raw = await client.getUserPermissions(userId);
          const permissions = toUserPermissions(raw, userId, sourceId);
          scope.prime(permissions.flatMap((p) => (p.project ? [p.project] : [])));
          const user = users[i];
          const global = user && !(user instanceof Error) ? toGlobalPermission(user) : null;
          return global ? [global, ...permissions] : permissions;
        });
      },
      ofProjects: (projectIds) =>
        eachKey(projectIds, async (projectId) => {
          const raw = await client.getProjectPermissions(projectId);
          const out: PermissionRecord[] = [];
          for (const [group, holders] of Object.entries(raw.content ?? {})) {
            // Team holders grant their members access; Rollcall lists direct user grants here.
            for (const holder of holders) {
              if (holder._type !== "user") continue;
              const userId = String(holder.id);
              out.push({
                kind: "Permission",
                sourceId,
                remoteId: permissionRemoteId(userId, projectId, group),
                userId,
                projectId,
                role: group,
                level: projectLevel(group),
                raw: { group, holder },
              });
            }
          }
          return out;
        }),
    },

    async probe() {
      await client.listUsers(0, 1);
    },

    async close() {
      http.close();
    },
  };
}
