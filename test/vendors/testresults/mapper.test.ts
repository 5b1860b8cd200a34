import { describe, expect, it } from "vitest";
import { PermissionLevel, permissionRemoteId } from "../../../src/model/records.js";
import { canLogIn, groupLevel } from "../../../src/vendors/testresults/levels.js";
import {
  parseGrants,
  toCustomer,
  toGroup,
  toGroupPermission,
  toUser,
} from "../../../src/vendors/testresults/mapper.js";
import type { RawCustomer, RawUser, RawUserGroup } from "../../../src/vendors/testresults/raw-types.js";
import { fixture } from "./fixtures.js";

const customer = fixture<RawCustomer>("customers-current.json");
const automationUsers = fixture<RawUser[]>("group-users-automation-engineer.json");
const [rudi, tobias] = automationUsers as [RawUser, RawUser];

describe("TestResults.io mapper on the doc page's examples", () => {
  it("maps the customer 'Test & Demo GmbH' with its two user groups", () => {
    const mapped = toCustomer(customer, "tr");
    expect(mapped).toMatchObject({
      remoteId: "00000000-0000-0000-0000-000000000010",
      name: "Test & Demo GmbH",
      version: "AAAAAAAq+HI=",
      archived: false,
    });
    expect(mapped.groups.map((g) => g.name)).toEqual(["Administrators", "Automation Engineer"]);
  });

  it("maps 'Administrators' with its full usage permission list as grants", () => {
    const admins = toCustomer(customer, "tr").groups[0];
    expect(admins).toEqual({
      kind: "Group",
      sourceId: "tr",
      remoteId: "34815f3d-cf2f-4653-8677-1d3ebc51e2ef",
      name: "Administrators",
      description: "Admin Group for Test & Demo",
      grants: [
        "Login",
        "Read",
        "Write",
        "Execute",
        "Accept",
        "Reject",
        "UserSettings",
        "UserManagement",
        "Automation",
        "ClaimManagement",
        "CustomerManagement",
        "AccessSecrets",
        "Invoicing",
        "ExecutionTimes",
      ],
      archived: false,
      version: null,
      raw: customer.UserGroups[0],
    });
    expect(groupLevel(admins?.grants ?? [])).toBe(PermissionLevel.ADMIN);
  });

  it("keeps a created group's DataVersion and a null description", () => {
    const group = toGroup(fixture<RawUserGroup>("create-group-response.json"), "tr");
    expect(group).toMatchObject({
      remoteId: "1413fed0-4b1a-4b74-a6dd-bf6b86225a1d",
      name: "test group2",
      description: null,
      grants: ["Login", "Read", "Write"],
      version: "AAAAAAAzlGM=",
      archived: false,
    });
  });

  it("maps Rudi with his last login, email as login and no names it cannot split", () => {
    expect(toUser(rudi, "tr")).toEqual({
      kind: "User",
      sourceId: "tr",
      remoteId: "eec02495-a1ac-46b1-95ec-07e20096cb7b",
      login: "rudi.adigbli@progile.ch",
      email: "rudi.adigbli@progile.ch",
      displayName: "Rudi",
      firstName: null,
      lastName: null,
      active: true,
      admin: false,
      lastLoginAt: new Date("2018-08-02T14:06:39.403Z"),
      createdAt: null,
      updatedAt: null,
      archived: false,
      version: "AAAAAAAfaSY=",
      raw: expect.objectContaining({ LastLogin: "2018-08-02T14:06:39.4033333Z", PreviousLogin: null }),
    });
  });

  it("maps Tobias Röthlin's LastLogin, keeping PreviousLogin only in raw", () => {
    const user = toUser(tobias, "tr");
    expect(user.displayName).toBe("Tobias Röthlin");
    expect(user.lastLoginAt?.toISOString()).toBe("2019-05-02T09:00:41.243Z");
    expect((user.raw as RawUser).PreviousLogin).toBe("2019-05-02T09:00:41.1766667Z");
    const dates = Object.values(user).filter((v) => v instanceof Date);
    expect(dates).toEqual([user.lastLoginAt]);
  });

  it("never carries the Password field into a record", () => {
    for (const raw of automationUsers) expect(toUser(raw, "tr").raw).not.toHaveProperty("Password");
    const withSecret = { ...rudi, Password: "hunter2" };
    expect(JSON.stringify(toUser(withSecret, "tr"))).not.toContain("hunter2");
  });

  it("reads admin rights from a created user's nested UserGroup", () => {
    const user = toUser(fixture<RawUser>("create-user-response.json"), "tr");
    expect(user).toMatchObject({
      remoteId: "1dbc8860-6b94-4ba0-8161-00d5262f61c3",
      displayName: "andriy2",
      admin: true,
      active: true,
      version: "AAAAAAAzl1s=",
      lastLoginAt: new Date("2019-03-14T18:43:40.633Z"),
    });
  });

  it("gives a user one instance-wide permission through their group", () => {
    const group = toCustomer(customer, "tr").groups[1];
    if (!group) throw new Error("fixture lost its Automation Engineer group");
    expect(toGroupPermission(rudi.Id, group)).toEqual({
      kind: "Permission",
      sourceId: "tr",
      remoteId: permissionRemoteId(rudi.Id, null, "Automation Engineer"),
      userId: rudi.Id,
      projectId: null,
      role: "Automation Engineer",
      level: PermissionLevel.EDIT,
      via: { type: "Group", remoteId: "f7eef9b7-1508-44b3-9d97-85d33f86e341" },
      raw: { UserGroup: customer.UserGroups[1] },
    });
  });

  it("says a user is no admin only when their permissions can be placed", () => {
    expect(toUser({ ...rudi, UsagePermission: "Login, Read, Teleport" }, "tr").admin).toBeNull();
    expect(toUser({ ...rudi, UsagePermission: null, UserGroup: null }, "tr").admin).toBeNull();
    expect(toUser(rudi, "tr").admin).toBe(false);
    expect(toUser({ ...rudi, UsagePermission: "Login, UserManagement, Teleport" }, "tr").admin).toBe(true);
  });

  it("reports accounts that may not log in, or are archived, as inactive", () => {
    expect(toUser({ ...rudi, UsagePermission: "Read, UserSettings" }, "tr").active).toBe(false);
    expect(toUser({ ...rudi, Archived: true }, "tr")).toMatchObject({ active: false, archived: true });
  });
});

describe("usage permissions", () => {
  it("splits the comma+space list and tolerates empty or ragged input", () => {
    expect(parseGrants("Login, Read,Write ,  ")).toEqual(["Login", "Read", "Write"]);
    expect(parseGrants("")).toEqual([]);
    expect(parseGrants(null)).toEqual([]);
  });

  it.each([
    [["Login", "CustomerManagement"], PermissionLevel.ADMIN],
    [["UserManagement"], PermissionLevel.ADMIN],
    [["Login", "Read", "Write"], PermissionLevel.EDIT],
    [["Automation"], PermissionLevel.EDIT],
    [["Login", "Read", "Execute"], PermissionLevel.EXECUTE],
    [["Accept"], PermissionLevel.EXECUTE],
    [["Reject"], PermissionLevel.EXECUTE],
    [["Login", "Read"], PermissionLevel.VIEW],
    [["Login", "UserSettings", "Invoicing"], PermissionLevel.NONE],
    [[], PermissionLevel.NONE],
  ])("%j is %s", (grants, level) => {
    expect(groupLevel(grants)).toBe(level);
  });

  it.each([
    [["Login", "Read", "ReportDesigner"], "a permission the doc's list doesn't have, beside VIEW"],
    [["Login", "Write", "Quarantine"], "one beside EDIT"],
    [["Login", "Teleport"], "one alone"],
  ])("%j is CUSTOM: %s could grant more than the known ones say", (grants) => {
    expect(groupLevel(grants)).toBe(PermissionLevel.CUSTOM);
  });

  it("stays ADMIN beside an unknown permission: nothing ranks above it", () => {
    expect(groupLevel(["Login", "UserManagement", "Teleport"])).toBe(PermissionLevel.ADMIN);
  });

  it("is CUSTOM when the vendor didn't say what the group grants (no UsagePermission)", () => {
    expect(groupLevel(null)).toBe(PermissionLevel.CUSTOM);
    const group = toCustomer(customer, "tr").groups[1];
    if (!group) throw new Error("fixture lost its Automation Engineer group");
    const silent = { ...group, raw: { ...customer.UserGroups[1], UsagePermission: null } };
    expect(toGroupPermission(rudi.Id, silent).level).toBe(PermissionLevel.CUSTOM);
  });

  it("needs Login to sign in", () => {
    expect(canLogIn(["Login", "Read"])).toBe(true);
    expect(canLogIn(["Read"])).toBe(false);
  });
});
