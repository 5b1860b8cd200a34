import { Capability } from "../../model/capabilities.js";
import { isNotFound, NotFoundError } from "../../model/errors.js";
import { matchesNameFilter, matchesUserFilter } from "../../model/filters.js";
import type { GroupRecord, UserRecord } from "../../model/records.js";
import { eachKey, windowOf } from "../batch.js";
import type { Connector, RequestScope, SourceDescriptor } from "../connector.js";
import { loginAuth, tokenAuth } from "../http/auth.js";
import { createHttpClient } from "../http/http-client.js";
import type { ConnectorDeps } from "../vendor-module.js";
import { TestResultsClient } from "./client.js";
import type { TestResultsConfig } from "./config.js";
import { type CustomerSummary, toCustomer, toGroupPermission, toUser } from "./mapper.js";
import type { RawError } from "./raw-types.js";

export const VENDOR = "TestResults.io";

/** Every doc page names the header `Authentication` (not Authorization); the value shows no
 *  scheme, so the JWT goes in as it is [I] (REFERENCE §4.1). */
export const AUTH_HEADER = "authentication";

export function describeTestResultsError(body: unknown): string | undefined {
  const error = body as RawError | null | undefined;
  const message = error?.Message ?? error?.message;
  return typeof message === "string" ? message : undefined;
}

/** GUIDs are compared case-insensitively: .NET prints them lower case but accepts either. */
const key = (id: string) => id.toLowerCase();
const byRemoteId = (a: UserRecord, b: UserRecord) => {
  const x = key(a.remoteId);
  const y = key(b.remoteId);
  return x < y ? -1 : x > y ? 1 : 0;
};

interface Groups {
  readonly customer: CustomerSummary;
  readonly byId: ReadonlyMap<string, GroupRecord>;
}

interface DirectoryEntry {
  readonly user: UserRecord;
  readonly group: GroupRecord;
}

/** Every user of the customer: the union of all group lists (a user is in exactly one group). */
interface Directory {
  /** Ordered by id: the API promises no order, and ids never change, so pages stay stable. */
  readonly users: readonly UserRecord[];
  readonly byId: ReadonlyMap<string, DirectoryEntry>;
}

export function createTestResultsConnector(config: TestResultsConfig, deps: ConnectorDeps = {}): Connector {
  const sourceId = config.id;
  const credentials = config.auth;
  const http = createHttpClient({
    sourceId,
    vendor: VENDOR,
    describe: describeTestResultsError,
    apiBase: `${config.baseUrl}/api/`,
    auth:
      "token" in credentials
        ? tokenAuth(credentials.token, AUTH_HEADER, null)
        : loginAuth(
            () => client.login(credentials.email, credentials.password),
            (token) => ({ [AUTH_HEADER]: token }),
          ),
    timeoutMs: config.timeoutMs,
    retries: config.retries,
    maxConcurrency: config.maxConcurrency,
    retryBaseDelayMs: config.retryBaseDelayMs,
    observe: deps.observe,
  });
  const client = new TestResultsClient(http, { sourceId, vendor: VENDOR });
  const source: SourceDescriptor = {
    id: sourceId,
    kind: config.kind,
    name: config.name ?? VENDOR,
    vendor: VENDOR,
    baseUrl: config.baseUrl,
  };

  // Everything below is read once per operation and shared by every resolver of it.
  const groupsOf = (scope: RequestScope): Promise<Groups> =>
    scope.once("customer", async () => {
      const customer = toCustomer(await client.currentCustomer(), sourceId);
      return { customer, byId: new Map(customer.groups.map((g) => [key(g.remoteId), g])) };
    });

  const groupUsersOf = (scope: RequestScope, groupId: string): Promise<UserRecord[]> =>
    scope.once(`group-users:${key(groupId)}`, async () =>
      (await client.groupUsers(groupId)).map((u) => toUser(u, sourceId)),
    );

  const directoryOf = (scope: RequestScope): Promise<Directory> =>
    scope.once("directory", async () => {
      const { customer } = await groupsOf(scope);
      const lists = await Promise.all(
        customer.groups.map((group) =>
          // A group deleted between the two calls has simply no users left.
          groupUsersOf(scope, group.remoteId).catch((error: unknown) => {
            if (isNotFound(error)) return [];
            throw error;
          }),
        ),
      );
      const byId = new Map<string, DirectoryEntry>();
      customer.groups.forEach((group, i) => {
        for (const user of lists[i] ?? [])
          if (!byId.has(key(user.remoteId))) byId.set(key(user.remoteId), { user, group });
      });
      const users = [...byId.values()].map((e) => e.user).sort(byRemoteId);
      return { users, byId };
    });

  const missing = (what: string, id: string) => new NotFoundError(sourceId, VENDOR, what, id);

  return {
    source,
    capabilities: new Set([
      Capability.USERS,
      Capability.GROUPS,
      Capability.GROUP_MEMBERS,
      Capability.PERMISSIONS,
    ]),

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
          const users = (await groupUsersOf(scope, groupId)).filter((u) => !u.archived);
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
      // TestResults.io has no projects, so nobody holds a role on one.
      ofProjects: async (projectIds) => projectIds.map(() => []),
    },

    async probe() {
      await client.currentUser();
    },

    async close() {
      http.close();
    },
  };
}
