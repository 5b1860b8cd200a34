import { isNotFound, NotFoundError, type SourceError } from "../../model/errors.js";
import { matchesNameFilter, matchesUserFilter } from "../../model/filters.js";
import type { ProjectRecord, UserRecord } from "../../model/records.js";
import { eachKey, inKeyOrder, windowOf } from "../batch.js";
import type { RequestScope, UserReader, VendorConnector } from "../connector.js";
import { basicAuth } from "../http/auth.js";
import { listedButNotServed } from "../http/http-errors.js";
import { readOffsetWindow } from "../paging.js";
import { quietly } from "../prefetch.js";
import { apiBaseUrl, describeSource, httpFor } from "../source-basics.js";
import type { ConnectorDeps } from "../vendor-module.js";
import { QacClient, type Range } from "./client.js";
import { QAC_API_PATH, QAC_SERVICE_PATH, type QacConfig } from "./config.js";
import { describeQacError } from "./error-body.js";
import { pageOf, resultsOf } from "./list-answers.js";
import {
  type ListedUnder,
  toProject,
  toProjectPermissions,
  toSecurityAdminPermission,
  toUnknownRolePermission,
  toUser,
} from "./mapper.js";
import { idsIn, isQacId, quote, userFilterExpression } from "./pushdown.js";
import type { QacList, RawDept, RawUser, RawUserSecurityGroup } from "./raw-types.js";
import { QAC_READ_ROUTES } from "./read-routes.js";
import { createQacWrites } from "./writes/index.js";

export { describeQacError };

export const VENDOR = "QAComplete";

/** [I] No maximum `limit` is documented (REFERENCE §3.3); 1000 keeps one answer reasonably sized. */
export const DEFAULT_PAGE_SIZE = 1000;
/** [I] Ids per `Id in {…}` call: keeps the query well under IIS's default 2,048-byte maxQueryString. */
export const IDS_PER_CALL = 100;

function chunked<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function createQacConnector(config: QacConfig, deps: ConnectorDeps = {}): VendorConnector {
  const sourceId = config.id;
  const deptId = String(config.departmentId);
  const http = httpFor(config, VENDOR, deps, {
    readRoutes: QAC_READ_ROUTES,
    describe: describeQacError,
    apiBase: apiBaseUrl(config.baseUrl, QAC_API_PATH, [QAC_SERVICE_PATH]),
    auth: basicAuth(config.auth.username, config.auth.password),
  });
  const client = new QacClient(http, deptId);
  const pageSize = config.pageSize ?? DEFAULT_PAGE_SIZE;
  const source = describeSource(config, VENDOR);
  const origin = { sourceId, vendor: VENDOR };

  async function readAll<T>(fetch: (range: Range) => Promise<QacList<T>>): Promise<T[]> {
    const window = await readOffsetWindow({
      offset: 0,
      limit: Number.POSITIVE_INFINITY,
      maxPageSize: pageSize,
      fetchRange: async (offset, limit) => pageOf(await fetch({ offset, limit }), origin),
    });
    return window.items;
  }

  // Shared per request: every user record names its department, so its name is read once.
  const department = (scope: RequestScope): Promise<RawDept> =>
    scope.once("qacomplete:department", () => client.getDept());

  const toUsers = (raws: readonly RawUser[], dept: RawDept, from: ListedUnder = "department"): UserRecord[] =>
    raws.map((raw) => toUser(raw, sourceId, dept, from));

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

  /**
   * The 404 of a user's groups when the department has just listed that user (its users route, or
   * a project's members): it can't mean "no such user". The route does not serve that user, which
   * is the source's problem to report, never an empty list of groups.
   */
  const listedUserGroupsFailure = (userId: string, error: unknown): unknown =>
    isNotFound(error)
      ? listedButNotServed(error as SourceError, `user ${userId}`, "GET depts/{id}/users/{id}/securitygroups")
      : error;

  /**
   * A project's member list answered 404. One fresh read of the project list tells which 404 it
   * was: the project is gone (NOT_FOUND), or the department still lists it and the route does not
   * serve it (the source's problem), never "nobody holds it".
   */
  async function projectUsersFailure(projectId: string, error: unknown): Promise<never> {
    if (!isNotFound(error)) throw error;
    const listed = (await readAll((range) => client.listProjects(range))).some(
      (p) => String(p.id) === projectId && String(p.dept_id) === deptId,
    );
    if (!listed) throw error;
    throw listedButNotServed(error as SourceError, `project ${projectId}`, "GET projects/{id}/users");
  }

  const users: UserReader = {
    // One `Filter=Id in {…}` call answers the batch (split only for very long id lists).
    async getMany(ids, scope) {
      const chunks = chunked([...new Set(ids.filter(isQacId))], IDS_PER_CALL);
      const answers = await eachKey(chunks, async (chunk) => {
        const [dept, list] = await Promise.all([
          department(scope),
          client.listUsers({ offset: 0, limit: chunk.length }, idsIn(chunk)),
        ]);
        return toUsers(resultsOf(list, origin), dept);
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
        const users = toUsers(resultsOf(list, origin), dept).filter((u) => matchesUserFilter(u, filter));
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
            pageOf(await client.listUsers({ offset: o, limit: l }, pushdown.expression), origin),
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
      const [raw] = resultsOf(list, origin);
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
          // Asked alongside the user; a missing user's own error is the one reported.
          const groups = securityGroupsOf(userId, scope);
          groups.catch(() => {});
          const user = (await users)[i];
          if (user === undefined || user instanceof Error)
            throw user ?? new NotFoundError(sourceId, VENDOR, "User", userId);
          const held = await groups.catch((error: unknown) => {
            throw listedUserGroupsFailure(userId, error);
          });
          const permissions = toProjectPermissions(held, userId, sourceId, await projects);
          const admin = toSecurityAdminPermission(user);
          return admin ? [admin, ...permissions] : permissions;
        });
      },

      ofProjects: (projectIds, scope) =>
        eachKey(projectIds, async (projectId) => {
          if (!isQacId(projectId)) throw new NotFoundError(sourceId, VENDOR, "Project", projectId);
          const [dept, members] = await Promise.all([
            department(scope),
            readAll((range) => client.listProjectUsers(projectId, range)).catch((error: unknown) =>
              projectUsersFailure(projectId, error),
            ),
          ]);
          const users = toUsers(members, dept, "project");
          scope.prime(users);
          const lists = await Promise.all(
            users.map(async (user) => {
              const groups = await securityGroupsOf(user.remoteId, scope).catch((error: unknown) => {
                // A member filed only in another department: this department's routes can't
                // read their groups, yet the project lists them. The access is real, its role
                // unknown here; a member of THIS department without readable groups is an error.
                const elsewhere = user.department != null && user.department.remoteId !== deptId;
                if (isNotFound(error) && elsewhere) return null;
                throw listedUserGroupsFailure(user.remoteId, error);
              });
              if (groups === null) return [toUnknownRolePermission(user.remoteId, projectId, sourceId)];
              const here = groups.filter((g) => String(g.proj_id) === projectId);
              return toProjectPermissions(here, user.remoteId, sourceId, new Map());
            }),
          );
          return lists.flat();
        }),
    },

    async probe() {
      // limit=0 answers metadata only. The department's users route is admin only (REFERENCE §3.2),
      // so its answer is the vendor saying Rollcall's account has administrator privileges.
      await client.listUsers({ offset: 0, limit: 0 });
      return { admin: true, adminBasis: "GET /depts/{DeptId}/users (admin only) answered" };
    },

    async close() {
      http.close();
    },
  };
}
