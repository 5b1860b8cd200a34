/**
 * The qTest mapper on doc-shaped payloads (src/vendors/qtest/__fixtures__, built from the v3
 * swagger's examples): users, projects, profiles → permission levels, groups, errors, the login header.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ErrorCode, type SourceError } from "../../../src/model/errors.js";
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
  RawProfile,
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
const ADMINISTRATOR = { id: 101, name: "Administrator" };

/** The SourceError a mapping throws, if any. */
function caught(map: () => unknown): SourceError | undefined {
  try {
    map();
  } catch (error) {
    return error as SourceError;
  }
  return undefined;
}

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
      createdAt: null,
      lastLoginAt: null,
    });
  });

  it("reads status 3 as inactive", () => {
    const [, inactive] = fixture<RawUserPage>("users-search-page.json").items.map((u) => toUser(u, "qt"));
    expect(inactive?.active).toBe(false);
  });

  it("leaves admin unknown (null) where the payload has no admin_profile, as no documented one has", () => {
    const [admin, other] = fixture<RawUserPage>("users-search-page.json").items;
    expect(toUser(admin as RawUser, "qt").admin).toBeNull();
    expect(toUser(fixture<RawUser>("user-789.json"), "qt").admin).toBeNull();
    // An instance that does show it: present-and-null is "holds none", a profile is "admin".
    expect(toUser({ ...(admin as RawUser), admin_profile: ADMINISTRATOR }, "qt").admin).toBe(true);
    expect(toUser({ ...(other as RawUser), admin_profile: null }, "qt").admin).toBe(false);
  });

  it("refuses to guess a user's activity when the payload has no status", () => {
    const { status: _status, ...raw } = fixture<RawUser>("user-789.json");
    const error = caught(() => toUser(raw as RawUser, "qt"));
    expect(error).toMatchObject({ code: ErrorCode.SOURCE_BAD_RESPONSE, sourceId: "qt" });
    expect(error?.message).toContain("`status`");
  });

  it("falls back to the username for a nameless account", () => {
    const raw = { ...fixture<RawUser>("user-789.json"), first_name: "", last_name: null };
    expect(toUser(raw, "qt").displayName).toBe("example.user@qtest.com");
  });
});

describe("qTest user payloads carrying a password", () => {
  it("drops the password before it becomes the record's raw", () => {
    const user = toUser({ id: 5, username: "a@b.org", status: 1, password: "s3cret-pass" } as RawUser, "q");
    expect(JSON.stringify(user)).not.toContain("s3cret-pass");
    expect(user.login).toBe("a@b.org");
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

  it("refuses to call a project active when it comes without status_id", () => {
    const [raw] = fixture<RawProject[]>("projects.json");
    const { status_id: _status, ...bare } = raw as RawProject;
    expect(caught(() => toProject(bare, "qt", SITE))?.code).toBe(ErrorCode.SOURCE_BAD_RESPONSE);
  });
});

describe("qTest profiles → permissions", () => {
  const members = fixture<RawProjectUser[]>("project-1-users.json");
  const [project] = fixture<RawProject[]>("projects.json") as [RawProject];
  const example = members.find((m) => m.id === 789) as RawProjectUser;
  const admin = members.find((m) => m.id === 1) as RawProjectUser;

  it("makes a documented member (no profile) a permission of unknown role: UNKNOWN, role null", () => {
    expect(memberProfile(example)).toBeNull();
    const permission = toProjectPermission(
      example,
      null,
      PermissionLevel.UNKNOWN,
      "1",
      "qt",
      undefined,
      project,
    );
    expect(permission).toMatchObject({
      kind: "Permission",
      userId: "789",
      projectId: "1",
      role: null,
      level: PermissionLevel.UNKNOWN,
      remoteId: "789~1~?",
      raw: { project_id: 1, user_id: 789, profile: null, project_admin: false },
    });
  });

  it("does not turn admin_ids into a profile name: it stays in raw as project_admin", () => {
    const permission = toProjectPermission(
      admin,
      null,
      PermissionLevel.UNKNOWN,
      "1",
      "qt",
      undefined,
      project,
    );
    expect(permission).toMatchObject({ role: null, level: PermissionLevel.UNKNOWN });
    expect(permission.raw).toMatchObject({ project_admin: true });
    const byName = { ...project, admin_ids: undefined };
    expect(
      toProjectPermission(admin, null, PermissionLevel.UNKNOWN, "1", "qt", undefined, byName).raw,
    ).toMatchObject({
      project_admin: true,
    });
  });

  it("takes the profile a member comes with, on an instance that names it", () => {
    const profile = memberProfile({ ...example, profile: { id: 3, name: "Developer" } });
    expect(profile).toEqual({ id: 3, name: "Developer" });
    const permission = toProjectPermission(
      example,
      profile,
      userProfileLevel(profile as RawProfile),
      "1",
      "qt",
    );
    expect(permission).toMatchObject({
      role: "Developer",
      level: PermissionLevel.EDIT,
      remoteId: "789~1~Developer",
    });
    expect(permission.raw).not.toHaveProperty("project_admin");
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

  it("makes an admin profile, where an instance shows one, an instance-wide ADMIN permission", () => {
    const [adminRaw] = fixture<RawUserPage>("users-search-page.json").items;
    const permission = toAdminPermission(
      toUser({ ...(adminRaw as RawUser), admin_profile: ADMINISTRATOR }, "qt"),
    );
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
    expect(groupMemberIds(raw, "qt")).toEqual(["789"]);
    expect(groupMemberIds({ ...raw, users: undefined, user_ids: [4, 5] }, "qt")).toEqual(["4", "5"]);
  });

  it("never reads a group without members or authorities as empty", () => {
    const [raw] = fixture<RawGroup[]>("groups.json") as [RawGroup];
    const bare = { ...raw, users: undefined, user_ids: undefined };
    expect(caught(() => groupMemberIds(bare, "qt"))?.code).toBe(ErrorCode.SOURCE_BAD_RESPONSE);
    const ungranted = { ...raw, authorities: undefined, authority_names: undefined };
    expect(caught(() => toGroup(ungranted, "qt"))?.code).toBe(ErrorCode.SOURCE_BAD_RESPONSE);
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
