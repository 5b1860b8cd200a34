import { NotFoundError } from "../../../src/model/errors.js";
import { eachKey, onlyUses } from "../../../src/vendors/batch.js";
import type { VendorConnector } from "../../../src/vendors/connector.js";
import { tokenAuth } from "../../../src/vendors/http/auth.js";
import { readOffsetWindow } from "../../../src/vendors/paging.js";
import { apiBaseUrl, describeSource, httpFor } from "../../../src/vendors/source-basics.js";
import type { ConnectorDeps } from "../../../src/vendors/vendor-module.js";
import { MAX_PAGE, SixthClient } from "./client.js";
import { type SixthConfig, VENDOR } from "./config.js";
import { toPermission, toUser } from "./mapper.js";
import type { RawError } from "./raw-types.js";

const READ_ONLY = `${VENDOR}'s API only reads: change accounts in its admin console`;

/** Where the API lives under the instance root. */
export const API_PATH = "/api";

export function createSixthConnector(config: SixthConfig, deps: ConnectorDeps = {}): VendorConnector {
  const sourceId = config.id;
  const http = httpFor(config, VENDOR, deps, {
    describe: (body) => (body as RawError | undefined)?.error,
    apiBase: apiBaseUrl(config.baseUrl, API_PATH),
    auth: tokenAuth(config.auth.apiKey, "x-api-key", null),
  });
  const client = new SixthClient(http);
  const pageSize = Math.min(config.pageSize ?? MAX_PAGE, MAX_PAGE);

  return {
    source: describeSource(config, VENDOR),
    users: {
      getMany: (ids) => eachKey(ids, async (id) => toUser(await client.getUser(id), sourceId)),
      async list({ filter, offset, limit }, scope) {
        // No search upstream: Rollcall filters the pages (nothing is archived).
        const window = await readOffsetWindow({
          offset,
          limit,
          maxPageSize: pageSize,
          fetchRange: async (o, l) => {
            const page = await client.listUsers(o, l);
            return { items: page.items, total: page.total };
          },
        });
        const items = window.items.map((u) => toUser(u, sourceId));
        scope.prime(items);
        return {
          items,
          total: window.total,
          hasMore: window.hasMore,
          exact: onlyUses(filter, ["includeArchived"]),
        };
      },
    },
    permissions: {
      // A user's role is on its record: read through the request's user loader (primed by lists).
      async ofUsers(userIds, scope) {
        const users = await scope.loadUsers(userIds);
        return users.map((u) => (u instanceof Error ? u : [toPermission(u)]));
      },
      // There are no projects: an id names none (never "nobody has access").
      ofProjects: async (projectIds) =>
        projectIds.map((id) => new NotFoundError(sourceId, VENDOR, "Project", id)),
    },
    // Its API reads only: every write says why, and what to do instead.
    writes: {
      unsupported: {
        inviteUser: READ_ONLY,
        updateUser: READ_ONLY,
        deactivateUser: READ_ONLY,
        reactivateUser: READ_ONLY,
        deleteUsers: READ_ONLY,
        projectAccess: `${VENDOR} has no projects`,
        teamMembership: `${VENDOR} has no teams`,
        groups: `${VENDOR} has no groups`,
        removeUsersFromGroup: `${VENDOR} has no groups`,
      },
    },
    async probe() {
      const me = await client.me();
      return { admin: me.role === "owner", adminBasis: "GET /api/me: role" };
    },
    async close() {
      http.close();
    },
  };
}
