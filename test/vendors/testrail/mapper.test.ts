/** The TestRail mapper on the users doc page's samples (copied into __fixtures__). */
import { describe, expect, it } from "vitest";
import { PermissionLevel } from "../../../src/model/records.js";
import { apiPath } from "../../../src/vendors/http/api-path.js";
import currentUserSample from "../../../src/vendors/testrail/__fixtures__/get-current-user.json" with {
  type: "json",
};
import userSample from "../../../src/vendors/testrail/__fixtures__/get-user-1.json" with { type: "json" };
import { methodPath } from "../../../src/vendors/testrail/client.js";
import { roleLevels, TESTRAIL_DEFAULT_ROLES } from "../../../src/vendors/testrail/levels.js";
import {
  roleIdOf,
  toGlobalPermission,
  toGroup,
  toProject,
  toProjectPermission,
  toUser,
} from "../../../src/vendors/testrail/mapper.js";
import { sliceOf } from "../../../src/vendors/testrail/pages.js";
import type { RawProject, RawUser } from "../../../src/vendors/testrail/raw-types.js";
import {
  holdsOverrides,
  mergeOverrides,
  overridesBody,
  overridesOf,
} from "../../../src/vendors/testrail/writes/overrides.js";

const noRoles = roleLevels([]);

describe("TestRail mapper: get_user doc sample", () => {
  const raw = userSample as RawUser;

  it("maps Alexis Gonzalez, active, with the email as login", () => {
    const user = toUser(raw, "tr");
    expect(user).toMatchObject({
      kind: "User",
      sourceId: "tr",
      remoteId: "1",
      displayName: "Alexis Gonzalez",
      active: true,
      // The doc page's email is Cloudflare-obfuscated; it is passed through as sent.
      email: "[email protected]",
      login: "[email protected]",
      firstName: null,
      lastName: null,
      // The 6.4 sample has no is_admin.
      admin: null,
      createdAt: null,
    });
    expect(user.raw).toBe(raw);
  });

  it('accepts role_id as the string "1" the sample sends, and as an int', () => {
    expect(raw.role_id).toBe("1");
    expect(roleIdOf(raw.role_id)).toBe(1);
    expect(roleIdOf(1)).toBe(1);
    expect(roleIdOf(null)).toBeNull();
    expect(roleIdOf("")).toBeNull();
  });

  it("makes the global role Lead a MANAGE permission with no project", () => {
    const permission = toGlobalPermission(raw, "tr", noRoles);
    expect(permission).toMatchObject({
      kind: "Permission",
      userId: "1",
      projectId: null,
      role: "Lead",
      level: PermissionLevel.MANAGE,
    });
  });

  it("reads get_current_user's sample the same way", () => {
    expect(toUser(currentUserSample as RawUser, "tr").displayName).toBe("Alexis Gonzalez");
  });

  it("makes an admin account ADMIN whatever its role", () => {
    const admin = { ...raw, role_id: 3, role: "Tester", is_admin: true };
    expect(toUser(admin, "tr").admin).toBe(true);
    expect(toGlobalPermission(admin, "tr", noRoles)?.level).toBe(PermissionLevel.ADMIN);
    expect(toGlobalPermission(admin, "tr", noRoles)?.role).toBe("Tester");
  });

  it("says a pre-6.4 account's global role is unknown, never a guess (the payload has none)", () => {
    const { role: _r, role_id: _i, ...old } = raw;
    expect(toGlobalPermission(old, "tr", noRoles)).toMatchObject({
      projectId: null,
      role: null,
      level: PermissionLevel.UNKNOWN,
    });
  });

  it("names no role for an admin whose payload carries none: ADMIN, role null (not 'Administrator')", () => {
    const { role: _r, role_id: _i, ...old } = raw;
    expect(toGlobalPermission({ ...old, is_admin: true }, "tr", noRoles)).toMatchObject({
      role: null,
      level: PermissionLevel.ADMIN,
    });
  });
});

describe("TestRail roles on Rollcall's scale", () => {
  it("places the default roles", () => {
    expect(TESTRAIL_DEFAULT_ROLES).toEqual({
      Guest: PermissionLevel.VIEW,
      Tester: PermissionLevel.EXECUTE,
      Designer: PermissionLevel.EDIT,
      Lead: PermissionLevel.MANAGE,
      "No Access": PermissionLevel.NONE,
    });
  });

  it("makes a custom role MANAGE when get_roles says is_project_admin, else CUSTOM", () => {
    const levels = roleLevels([
      { id: 6, name: "Release Manager", is_default: false, is_project_admin: true },
      { id: 7, name: "Automation", is_default: false, is_project_admin: false },
    ]);
    expect(levels(6, "Release Manager")).toBe(PermissionLevel.MANAGE);
    expect(levels(7, "Automation")).toBe(PermissionLevel.CUSTOM);
    expect(levels(null, "Release Manager")).toBe(PermissionLevel.MANAGE);
    expect(levels(99, "Unheard Of")).toBe(PermissionLevel.CUSTOM);
    expect(levels(3, "tester")).toBe(PermissionLevel.EXECUTE);
  });

  it("keeps a project member listed without a role (pre-6.4) as access of unknown role", () => {
    const { role: _r, role_id: _i, ...member } = userSample as RawUser;
    expect(toProjectPermission(member, "3", null, "tr", noRoles)).toMatchObject({
      userId: "1",
      projectId: "3",
      role: null,
      level: PermissionLevel.UNKNOWN,
    });
  });

  it("maps a get_users/{project_id} entry to a permission on that project", () => {
    const member = { ...(userSample as RawUser), role_id: 4, role: "Guest" };
    expect(toProjectPermission(member, "3", null, "tr", noRoles)).toMatchObject({
      userId: "1",
      projectId: "3",
      role: "Guest",
      level: PermissionLevel.VIEW,
    });
  });
});

describe("TestRail list shapes", () => {
  const user = userSample as RawUser;

  it("takes the doc's bare array as the complete list", () => {
    expect(sliceOf([user, { ...user, id: 2 }], "users", 250)).toEqual({
      items: [user, { ...user, id: 2 }],
      hasMore: false,
      complete: true,
    });
  });

  it("follows the 6.7+ wrapper's _links.next", () => {
    const page = (next: string | null) => ({
      offset: 0,
      limit: 1,
      size: 1,
      _links: { next, prev: null },
      users: [user],
    });
    expect(sliceOf(page("/api/v2/get_users&limit=1&offset=1"), "users", 1)).toMatchObject({
      items: [user],
      hasMore: true,
      complete: false,
    });
    expect(sliceOf(page(null), "users", 1)?.hasMore).toBe(false);
  });

  it("stops at a short page when the wrapper has no links", () => {
    expect(sliceOf({ offset: 0, limit: 250, size: 1, users: [user] }, "users", 250)?.hasMore).toBe(false);
  });

  it("rejects a wrapper without its list, rather than reading it as empty", () => {
    expect(
      sliceOf({ offset: 0, limit: 250, size: 0, _links: { next: null, prev: null } }, "users", 250),
    ).toBeNull();
  });

  it("rejects a body that is neither shape", () => {
    expect(sliceOf({ offset: 0, limit: 250, size: 1, users: "nope" } as never, "users", 250)).toBeNull();
  });
});

describe("TestRail URLs", () => {
  it("appends parameters with & after the method, encoded, and leaves them out of the route", () => {
    expect(methodPath(apiPath`get_users`, { limit: 250, offset: 0 })).toMatchObject({
      path: "get_users&limit=250&offset=0",
      template: "get_users",
    });
    expect(methodPath(apiPath`get_user_by_email`, { email: "a+b@x.com" })).toMatchObject({
      path: "get_user_by_email&email=a%2Bb%40x.com",
      template: "get_user_by_email",
    });
    expect(methodPath(apiPath`get_users/${7}`, { limit: undefined })).toMatchObject({
      path: "get_users/7",
      template: "get_users/{id}",
    });
  });
});

describe("TestRail projects and groups", () => {
  it("maps a completed project as inactive, its announcement as description", () => {
    const raw: RawProject = {
      id: 5,
      name: "Onboarding Flow",
      announcement: "Shipped",
      is_completed: true,
      completed_on: 1_735_732_800,
      url: "https://example.testrail.io/index.php?/projects/overview/5",
    };
    expect(toProject(raw, "tr")).toMatchObject({
      remoteId: "5",
      name: "Onboarding Flow",
      description: "Shipped",
      active: false,
      url: "https://example.testrail.io/index.php?/projects/overview/5",
    });
  });

  it("maps a group with no description, grants or archive", () => {
    expect(toGroup({ id: 1, name: "QA Team", user_ids: [1] }, "tr")).toMatchObject({
      kind: "Group",
      remoteId: "1",
      name: "QA Team",
      description: null,
      grants: [],
      archived: false,
    });
  });
});

describe("TestRail per-user overrides (update_project `users`)", () => {
  const project = (users: RawProject["users"]): RawProject => ({
    id: 3,
    name: "P",
    is_completed: false,
    users,
  });

  it("writes an override shown without a role back without one, not as Global Role (0)", () => {
    const current = overridesOf(
      project([
        { id: 7, project_role_id: null },
        { id: 8, project_role_id: 2 },
      ]),
    );
    expect(overridesBody(mergeOverrides(current, new Map([[9, 0]])))).toEqual({
      users: [
        { id: 7, role_id: null },
        { id: 8, role_id: 2 },
        { id: 9, role_id: 0 },
      ],
    });
  });

  it("counts a cleared override as held when the project no longer shows the user, or shows no role", () => {
    expect(holdsOverrides(project([]), new Map([[7, null]]))).toBe(true);
    expect(holdsOverrides(project([{ id: 7, project_role_id: null }]), new Map([[7, null]]))).toBe(true);
    expect(holdsOverrides(project([{ id: 7, project_role_id: 5 }]), new Map([[7, null]]))).toBe(false);
  });
});
