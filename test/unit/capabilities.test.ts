/**
 * A source's capabilities follow what its connector implements and what its costs say it
 * searches: nothing is declared beside the code.
 */
import { describe, expect, it } from "vitest";
import { Capability } from "../../src/model/capabilities.js";
import { capabilitiesOf } from "../../src/vendors/capabilities.js";
import type { VendorConnector } from "../../src/vendors/connector.js";
import type { ConnectorWrites } from "../../src/vendors/connector-writes.js";
import { NO_CALLS, pages, type SourceCosts } from "../../src/vendors/costs.js";

const reader = {
  getMany: async () => [],
  list: async () => ({ items: [], total: 0, hasMore: false, exact: true }),
};
const relations = { ofUsers: async () => [], members: async () => [] };

function connector(parts: Partial<VendorConnector> = {}): VendorConnector {
  return {
    source: { id: "x", kind: "x", name: "X", vendor: "X", baseUrl: "http://x" },
    users: reader,
    probe: async () => ({ admin: null, adminBasis: "a fake" }),
    close: async () => {},
    ...parts,
  };
}

/** Costs where a filter costs one call when `searched` says so, and a scan of every user otherwise. */
function costs(searched: (filter: { email?: string; login?: string }) => boolean): SourceCosts {
  const none = () => NO_CALLS;
  return {
    list: {
      users: (positions, filter, s) => ({
        calls: searched(filter) ? 1 : pages(filter.email || filter.login ? s.users : positions, 100),
      }),
    },
    byIds: { users: none },
    relations: {
      "User.teams": none,
      "User.groups": none,
      "User.projects": none,
      "User.permissions": none,
      "Team.members": none,
      "Group.members": none,
      "Project.members": none,
      "Project.permissions": none,
      "Permission.user": none,
      "Permission.project": none,
      "Permission.via": none,
    },
    status: NO_CALLS,
  };
}
const scans = costs(() => false);

describe("capabilities derived from a connector", () => {
  it("are users alone for a connector with nothing but a user reader", () => {
    expect([...capabilitiesOf(connector(), scans)]).toEqual([Capability.USERS]);
  });

  it("follow the readers it has: teams and their members, groups and their members, projects, permissions", () => {
    const held = capabilitiesOf(
      connector({
        teams: { ...reader, ...relations },
        permissions: { ofUsers: async () => [], ofProjects: async () => [] },
      }),
      scans,
    );
    expect([...held].sort()).toEqual(
      [Capability.USERS, Capability.TEAMS, Capability.TEAM_MEMBERS, Capability.PERMISSIONS].sort(),
    );
    const withGroups = capabilitiesOf(
      connector({ groups: { ...reader, ...relations }, projects: reader }),
      scans,
    );
    expect([...withGroups].sort()).toEqual(
      [Capability.USERS, Capability.GROUPS, Capability.GROUP_MEMBERS, Capability.PROJECTS].sort(),
    );
  });

  it("claim a search only where the costs say one match is cheaper than reading every user", () => {
    const byLogin = capabilitiesOf(
      connector(),
      costs((f) => f.login !== undefined),
    );
    expect(byLogin.has(Capability.USER_SEARCH_BY_LOGIN)).toBe(true);
    expect(byLogin.has(Capability.USER_SEARCH_BY_EMAIL)).toBe(false);
    const both = capabilitiesOf(
      connector(),
      costs((f) => f.login !== undefined || f.email !== undefined),
    );
    expect(both.has(Capability.USER_SEARCH_BY_EMAIL)).toBe(true);
  });

  it("follow the writers it has, and leave out an operation the writes decline though its method exists", () => {
    const writes: ConnectorWrites = {
      users: {
        invite: async () => ({ status: "CREATED", user: {} as never }),
        setActive: async () => [],
      },
      groups: {
        create: async () => ({}) as never,
        update: async () => ({}) as never,
        remove: async () => {},
        addMembers: async () => ({}) as never,
      },
      unsupported: { reactivateUser: "it only disables accounts" },
    };
    const held = capabilitiesOf(connector({ writes }), scans);
    expect([...held].filter((c) => c !== Capability.USERS).sort()).toEqual(
      [Capability.INVITE_USERS, Capability.DEACTIVATE_USERS, Capability.MANAGE_GROUPS].sort(),
    );
  });
});
