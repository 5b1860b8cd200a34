import { Capability } from "../../model/capabilities.js";
import { isNotFound, NotFoundError } from "../../model/errors.js";
import { matchesNameFilter, matchesUserFilter } from "../../model/filters.js";
import type { ProjectRecord, UserRecord } from "../../model/records.js";
import { eachKey, inKeyOrder, windowOf } from "../batch.js";
import type { Connector, RequestScope, UserReader } from "../connector.js";
import { basicAuth } from "../http/auth.js";
import { type PageAnswer, readOffsetWindow } from "../paging.js";
import { quietly } from "../prefetch.js";
import { describeSource, httpFor } from "../source-basics.js";
import type { ConnectorDeps } from "../vendor-module.js";
import { QacClient, type Range } from "./client.js";
import type { QacConfig } from "./config.js";
import { describeQacError } from "./error-body.js";
import { toProject, toProjectPermissions, toSecurityAdminPermission, toUser } from "./mapper.js";
import { idsIn, isQacId, quote, userFilterExpression } from "./pushdown.js";
import type { QacList, RawDept, RawUser, RawUserSecurityGroup } from "./raw-types.js";
import { createQacWrites, QAC_WRITE_CAPABILITIES } from "./writes/index.js";

export { describeQacError };

export const VENDOR = "QAComplete";

/** [I] No maximum `limit` is documented (REFERENCE §3.3); 1000 keeps one answer reasonably sized. */
export const DEFAULT_PAGE_SIZE = 1000;
/** [I] Ids per `Id in {…}` call: keeps the query well under IIS's default 2,048-byte maxQueryString. */
export const IDS_PER_CALL = 100;

function pageOf<T>(list: QacList<T>): PageAnswer<T> {
  return { items: list.results ?? [], total: list.metadata.result_set.total };
}

function chunked<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function createQacConnector(config: QacConfig, deps: ConnectorDeps = {}): Connector {
  const sourceId = config.id;
  const deptId = String(config.departmentId);
  const http = httpFor(config, VENDOR, deps, {
    describe: describeQacError,
    apiBase: `${config.baseUrl}/api/v1/`,
    auth: basicAuth(config.auth.username, config.auth.password),
  });
  const client = new QacClient(http, deptId);
  const pageSize = config.pageSize ?? DEFAULT_PAGE_SIZE;
  const source = describeSource(config, VENDOR);

  async function readAll<T>(fetch: (range: Range) => Promise<QacList<T>>): Promise<T[]> {
    const window = await readOffsetWindow({
      offset: 0,
      limit: Number.POSITIVE_INFINITY,
      maxPageSize: pageSize,
      fetchRange: async (offset, limit) => pageOf(await fetch({ offset, limit })),
    });
    return window.items;
  }

  // Shared per request: every user record names its department, so its name is read once.
  const department = (scope: RequestScope): Promise<RawDept> =>
    scope.once("qacomplete:department", () => client.getDept());

  const toUsers = (raws: readonly RawUser[], dept: RawDept): UserRecord[] =>
    raws.map((raw) => toUser(raw, sourceId, dept));

  // There is no project-by-id route, and permissions point at projects: the whole list is read
  // once per request (projects are few) and handed to the loaders. A source is one department.
  const departmentProjects = (scope: RequestScope): Promise<Map<string, ProjectRecord>> =>
    scope.once("qacomplete:projects", async () => {
      const all = await readAll((range) => client.listProjects(range));
      const records = all.filter((p) => String(p.dept_id) === deptId).map((p) => toProject(p, sourceId));
      scope.prime(records);
      return new Map(records.map((p) => [p.remoteId, p]));
    });

  // Shared between permissions.ofUsers and ofProjects: one call per user per request.
  const securityGroupsOf = (userId: string, scope: RequestScope): Promise<RawUserSecurityGroup[]> =>
    scope.once(`qacomplete:securitygroups:${userId}`, () =>
      readAll((range) => client.listUserSecurityGroups(userId, range)),
    );

  const users: UserReader = {
    // One `Filter=Id in {…}` call answers the batch (split only for very long id lists).
    async getMany(ids, scope) {
      const chunks = chunked([...new Set(ids.filter(isQacId))], IDS_PER_CALL);
      const answers = await eachKey(chunks, async (chunk) => {
        const [dept, list] = await Promise.all([
          department(scope),
          client.listUsers({ offset: 0, limit: chunk.length }, idsIn(chunk)),
        ]);
        return toUsers(list.results ?? [], dept);
      });
      const found = new Map<string, UserRecord>();
      const failed = new Map<string, Error>();
      answers.forEach((answer, i) => {
        if (answer instanceof Error) for (const id of chunks[i] ?? []) failed.set(id, answer);
        else for (const user of answer) found.set(user.remoteId, user);
      });
      return inKeyOrder(
        ids,
        found,
        (id) => failed.get(id) ?? new NotFoundError(sourceId, VENDOR, "User", id),
      );
    },

    async list({ filter, offset, limit }, scope) {
      const pushdown = userFilterExpression(filter);
      if (filter.login !== undefined) {
        // Logins are unique emails: the pushed-down match is one row at most, read whole and
        // held to Rollcall's exact (case-sensitive) login match here.
        const [dept, list] = await Promise.all([
          department(scope),
          client.listUsers({ offset: 0, limit: pageSize }, pushdown.expression),
        ]);
        const users = toUsers(list.results ?? [], dept).filter((u) => matchesUserFilter(u, filter));
        scope.prime(users);
        return windowOf(users, offset, limit, true);
      }
      const [dept, window] = await Promise.all([
        department(scope),
        readOffsetWindow({
          offset,
          limit,
          maxPageSize: pageSize,
          fetchRange: async (o, l) =>
            pageOf(await client.listUsers({ offset: o, limit: l }, pushdown.expression)),
        }),
      ]);
      const users = toUsers(window.items, dept);
      scope.prime(users);
      return { items: users, total: window.total, hasMore: window.hasMore, exact: pushdown.exact };
    },
  };

  const writes = createQacWrites({
    sourceId,
    vendor: VENDOR,
    deptId,
    client,
    department,
    departmentProjects,
    readUsers: (ids, scope) => users.getMany(ids, scope),
    async findByEmail(email, scope) {
      // Emails are logins, unique per instance: at most one row.
      const [dept, list] = await Promise.all([
        department(scope),
        client.listUsers({ offset: 0, limit: 1 }, `Email = ${quote(email)}`),
      ]);
      const [raw] = list.results ?? [];
      return raw ? toUser(raw, sourceId, dept) : null;
    },
    readAll,
  });

  return {
    source,
    // A permission names its project, read from the department's project list: that list does
    // not depend on the users, so it goes out alongside the users page.
    prefetch(wants, scope) {
      if (wants.has("permissions") || wants.has("projects")) quietly(departmentProjects(scope));
    },
    capabilities: new Set([
      Capability.USERS,
      Capability.PROJECTS,
      Capability.PERMISSIONS,
      Capability.USER_SEARCH_BY_EMAIL,
      Capability.USER_SEARCH_BY_LOGIN,
      ...QAC_WRITE_CAPABILITIES,
    ]),
    users,
    writes,

    projects: {
      async getMany(ids, scope) {
        const projects = await departmentProjects(scope);
        return inKeyOrder(ids, projects, (id) => new NotFoundError(sourceId, VENDOR, "Project", id));
      },
      async list({ filter, offset, limit }, scope) {
        const projects = [...(await departmentProjects(scope)).values()];
        // The whole list is in hand, so the name filter applied here is exact.
        return windowOf(
          projects.filter((p) => matchesNameFilter(p, filter)),
          offset,
          limit,
          true,
        );
      },
    },

    permissions: {
      // Only the per-user route names a user's group in each project; project user lists don't.
      async ofUsers(userIds, scope) {
        const users = scope.loadUsers(userIds);
        const projects = departmentProjects(scope);
        return eachKey(userIds, async (userId, i) => {
          const groups = securityGroupsOf(userId, scope);
          const user = (await users)[i];
          if (user === undefined || user instanceof Error)
            throw user ?? new NotFoundError(sourceId, VENDOR, "User", userId);
          const permissions = toProjectPermissions(await groups, userId, sourceId, await projects);
          const admin = toSecurityAdminPermission(user);
          return admin ? [admin, ...permissions] : permissions;
        });
      },

      ofProjects: (projectIds, scope) =>
        eachKey(projectIds, async (projectId) => {
          if (!isQacId(projectId)) throw new NotFoundError(sourceId, VENDOR, "Project", projectId);
          const [dept, members] = await Promise.all([
            department(scope),
            readAll((range) => client.listProjectUsers(projectId, range)),
          ]);
          const users = toUsers(members, dept);
          scope.prime(users);
          const lists = await Promise.all(
            users.map(async (user) => {
              // A member filed in another department has no groups under this one.
              const groups = await securityGroupsOf(user.remoteId, scope).catch((error: unknown) => {
                if (isNotFound(error)) return [];
                throw error;
              });
              const here = groups.filter((g) => String(g.proj_id) === projectId);
              return toProjectPermissions(here, user.remoteId, sourceId, new Map());
            }),
          );
          return lists.flat();
        }),
    },

    async probe() {
      // limit=0 answers metadata only, and the users route checks the admin rights Rollcall needs.
      await client.listUsers({ offset: 0, limit: 0 });
    },

    async close() {
      http.close();
    },
  };
}
