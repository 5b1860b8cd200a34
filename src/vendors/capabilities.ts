/**
 * What a source can do through Rollcall (`Source.capabilities`), derived from what its connector
 * implements — the readers and writers it has, the write operations it declines — and from its
 * cost declaration for the searches it answers itself. Never listed by hand: a capability is
 * reported exactly when the code that serves it exists.
 */
import { Capability } from "../model/capabilities.js";
import type { UserFilter } from "../model/filters.js";
import type { Connector, VendorConnector } from "./connector.js";
import type { WriteOperation } from "./connector-writes.js";
import type { Calls, SourceCosts, SourceSize } from "./costs.js";
import type { ConnectorDeps, VendorModule } from "./vendor-module.js";

/** A large instance, where reading every user costs many pages and a search one call. */
const LARGE: SourceSize = { users: 1_000_000, teams: 1000, groups: 1000, projects: 1000 };

const total = (c: Calls): number =>
  (c.calls ?? 0) +
  Object.values(c.shared ?? {}).reduce<number>((n, s) => n + (typeof s === "number" ? s : s.calls), 0);

/** Whether the vendor answers this user filter itself: one match costs fewer calls than reading every user. */
function searches(costs: SourceCosts, filter: UserFilter): boolean {
  return total(costs.list.users(1, filter, LARGE)) < total(costs.list.users(LARGE.users, {}, LARGE));
}

export function capabilitiesOf(connector: VendorConnector, costs: SourceCosts): ReadonlySet<Capability> {
  const { writes } = connector;
  const users = writes?.users;
  const offers = (operation: WriteOperation, implemented: unknown) =>
    implemented !== undefined && writes?.unsupported?.[operation] === undefined;
  const held: Array<[Capability, boolean]> = [
    [Capability.USERS, true],
    [Capability.TEAMS, connector.teams !== undefined],
    [Capability.PROJECTS, connector.projects !== undefined],
    [Capability.GROUPS, connector.groups !== undefined],
    [Capability.PERMISSIONS, connector.permissions !== undefined],
    [Capability.TEAM_MEMBERS, connector.teams !== undefined],
    [Capability.GROUP_MEMBERS, connector.groups !== undefined],
    [Capability.USER_SEARCH_BY_EMAIL, searches(costs, { email: "someone@example.com" })],
    [Capability.USER_SEARCH_BY_LOGIN, searches(costs, { login: "someone" })],
    [Capability.INVITE_USERS, offers("inviteUser", users?.invite)],
    [Capability.UPDATE_USERS, offers("updateUser", users?.update)],
    [Capability.DEACTIVATE_USERS, offers("deactivateUser", users?.setActive)],
    [Capability.REACTIVATE_USERS, offers("reactivateUser", users?.setActive)],
    [Capability.DELETE_USERS, offers("deleteUsers", users?.remove)],
    [Capability.ASSIGN_PROJECTS, offers("projectAccess", writes?.access)],
    [Capability.MANAGE_TEAM_MEMBERS, offers("teamMembership", writes?.teams)],
    [Capability.MANAGE_GROUPS, offers("groups", writes?.groups)],
  ];
  return new Set(held.filter(([, has]) => has).map(([capability]) => capability));
}

/** Positions past which a list window is taken as the vendor's whole list (no page to follow). */
const WHOLE_LIST_WINDOW = 2 ** 16;

/**
 * The largest window of the user list one list call reads (what the source's config and the
 * vendor's cap allow), from the costs it declares: the most positions that cost what one does.
 * Null when no window costs more than one position: the vendor reads its whole list whatever is
 * asked (it has no pages to follow).
 */
export function userPageSizeOf(costs: SourceCosts): number | null {
  const cost = (positions: number) => total(costs.list.users(positions, { includeArchived: true }, LARGE));
  const one = cost(1);
  if (cost(WHOLE_LIST_WINDOW) === one) return null;
  let low = 1;
  let high = WHOLE_LIST_WINDOW;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (cost(middle) === one) low = middle;
    else high = middle;
  }
  return low;
}

/** A vendor's connector for one configured source, with the capabilities derived from it. */
export function connect<C extends Parameters<VendorModule["createConnector"]>[0]>(
  vendor: VendorModule<C>,
  config: C,
  deps: ConnectorDeps = {},
): Connector {
  const connector = vendor.createConnector(config, deps);
  const costs = vendor.costs(config);
  return Object.assign(connector, {
    capabilities: capabilitiesOf(connector, costs),
    userPageSize: userPageSizeOf(costs),
  });
}
