/**
 * The qTest mapper on doc-shaped payloads (src/vendors/qtest/__fixtures__, built from the v3
 * swagger's examples): users, projects, profiles → permission levels, groups, errors, the login header.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PermissionLevel } from "../../../src/model/records.js";
import { siteName } from "../../../src/vendors/qtest/config.js";
import { describeQTestError } from "../../../src/vendors/qtest/connector.js";
import { userProfileLevel } from "../../../src/vendors/qtest/levels.js";
import {
  groupMemberIds,
  memberProfile,
  toAdminPermission,
  toGroup,
  toProject,
  toProjectPermission,
  toUser,
} from "../../../src/vendors/qtest/mapper.js";
import type {
  RawGroup,
  RawProfileList,
  RawProject,
  RawProjectUser,
  RawUser,
  RawUserPage,
} from "../../../src/vendors/qtest/raw-types.js";
import { ProfileDirectory } from "../../../src/vendors/qtest/reads.js";

const fixture = <T>(name: string): T =>
  JSON.parse(
    readFileSync(new URL(`../../../src/vendors/qtest/__fixtures__/${name}`, import.meta.url), "utf8"),
  ) as T;

const SITE = "https://apitryout.qtestnet.com";

describe("qTest users", () => {
  it("maps a UserResource: login is the username, status 1 is active, no dates", () => {
    const user = toUser(fixture<RawUser>("user-789.json"), "qt");
    expect(user).toMatchObject({
      kind: "User",
      sourceId: "qt",
      remoteId: "789",
      login: "example.user@qtest.com",
      email: "example.user@qtest.com",
      displayName: "Example User",
      firstName: "Example",
      lastName: "User",
      active: true,
      admin: false,
      createdAt: null,
      lastLoginAt: null,
    });
  });

  it("reads status 3 as inactive and an admin profile as an instance admin", () => {
    const page = fixture<RawUserPage>("users-search-page.json");
    const [admin, inactive] = page.items.map((u) => toUser(u, "qt"));
    expect(admin?.admin).toBe(true);
    expect(inactive?.active).toBe(false);
    // The payload does not say whether Ken holds an admin profile: unknown, not "no".
    expect(inactive?.admin).toBeNull();
  });

  it("falls back to the username for a nameless account", () => {
    const raw = { ...fixture<RawUser>("user-789.json"), first_name: "", last_name: null };
    expect(toUser(raw, "qt").displayName).toBe("example.user@qtest.com");
  });
});

describe("qTest projects", () => {
  it("maps a ProjectResource with its portal URL; status 101 is active", () => {
    const [raw] = fixture<RawProject[]>("projects.json");
    const project = toProject(raw as RawProject, "qt", SITE);
    expect(project).toMatchObject({
      kind: "Project",
      remoteId: "1",
      name: "qConnect Sample Project",
      description: "Description of qConnect Sample Project",
      active: true,
      url: `${SITE}/p/1/portal/project`,
    });
    expect(toProject({ ...(raw as RawProject), status_id: 102 }, "qt", SITE).active).toBe(false);
  });
});

describe("qTest profiles → permissions", () => {
  const members = fixture<RawProjectUser[]>("project-1-users.json");
  const [project] = fixture<RawProject[]>("projects.json") as [RawProject];
  const example = members.find((m) => m.id === 789) as RawProjectUser;

  it("makes the default profile Developer a permission on the project (the doc example)", () => {
    const profile = memberProfile(example, project);
    const permission = toProjectPermission(example, profile, userProfileLevel(profile), "1", "qt");
    expect(permission).toMatchObject({
      kind: "Permission",
      userId: "789",
      projectId: "1",
      role: "Developer",
      level: PermissionLevel.EDIT,
      remoteId: "789~1~Developer",
    });
  });

  it("takes Project Admin from admin_ids, else the default profile, when a member comes without one", () => {
    const bare = (id: number) => ({ ...example, id, profile: undefined });
    expect(memberProfile(bare(1), project).name).toBe("Project Admin");
    expect(memberProfile(bare(55), project).name).toBe("Developer");
    expect(memberProfile(bare(55)).name).toBe("Developer");
  });

  it("places profiles by name, then by is_admin / is_readonly, else CUSTOM", () => {
    const directory = new ProfileDirectory(fixture<RawProfileList>("user-profiles.json"));
    const level = (name: string, id?: number) => userProfileLevel({ name }, directory.describe({ name, id }));
    expect(level("Project Admin")).toBe(PermissionLevel.MANAGE);
    expect(level("Project Manager")).toBe(PermissionLevel.MANAGE);
    expect(level("Developer")).toBe(PermissionLevel.EDIT);
    expect(level("Tester")).toBe(PermissionLevel.EXECUTE);
    expect(level("Viewer")).toBe(PermissionLevel.VIEW);
    expect(level("Auditor")).toBe(PermissionLevel.VIEW);
    expect(level("Release Owner", 8)).toBe(PermissionLevel.MANAGE);
    expect(level("Automation Engineer")).toBe(PermissionLevel.CUSTOM);
    expect(level("Never Heard Of")).toBe(PermissionLevel.CUSTOM);
  });

  it("makes an admin profile an instance-wide ADMIN permission", () => {
    const [adminRaw] = fixture<RawUserPage>("users-search-page.json").items;
    const permission = toAdminPermission(toUser(adminRaw as RawUser, "qt"));
    expect(permission).toMatchObject({
      userId: "1",
      projectId: null,
      role: "Administrator",
      level: PermissionLevel.ADMIN,
    });
    expect(toAdminPermission(toUser(fixture<RawUser>("user-789.json"), "qt"))).toBeNull();
  });
});

describe("qTest groups", () => {
  it("maps a UserGroupResource: authorities become grants, UserInfoVM members their ids", () => {
    const [raw] = fixture<RawGroup[]>("groups.json") as [RawGroup];
    expect(toGroup(raw, "qt")).toMatchObject({
      kind: "Group",
      remoteId: "3",
      name: "Name of UserGroup",
      description: "Description of UserGroup",
      grants: ["ROLE_ADMINCONFIGURATION"],
      archived: false,
    });
    expect(groupMemberIds(raw)).toEqual(["789"]);
    expect(groupMemberIds({ ...raw, users: undefined, user_ids: [4, 5] })).toEqual(["4", "5"]);
  });
});

describe("qTest login and errors", () => {
  it("derives the site name of the login's Basic header as the swagger's example does", () => {
    const name = siteName({ site: "apitryout.qtestnet.com", baseUrl: "https://x.example" });
    expect(name).toBe("apitryout");
    expect(Buffer.from(`${name}:`).toString("base64")).toBe("YXBpdHJ5b3V0Og==");
    expect(siteName({ baseUrl: "https://apitryout.qtestnet.com" })).toBe("apitryout");
    expect(siteName({ baseUrl: "http://127.0.0.1:4010" })).toBe("127.0.0.1");
  });

  it("reads the vendor message of {message} and of an OAuth error", () => {
    expect(describeQTestError({ message: "API rate limit exceeded" })).toBe("API rate limit exceeded");
    expect(describeQTestError({ error: "invalid_grant", error_description: "Bad credentials" })).toBe(
      "Bad credentials",
    );
    expect(describeQTestError("<html>")).toBeUndefined();
  });
});
