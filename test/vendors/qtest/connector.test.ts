/**
 * The qTest connector read through the simulator over HTTP: memberships whose profile the docs do
 * not show (UNKNOWN), profiles where an instance names them, groups, avatars, what each filter pushes
 * down, and error shapes.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ErrorCode, SourceError } from "../../../src/model/errors.js";
import { PermissionLevel, type PermissionRecord, type UserRecord } from "../../../src/model/records.js";
import { qtest } from "../../../src/vendors/qtest/index.js";
import type { QTestSimulator } from "../../../src/vendors/qtest/simulator/index.js";
import { EXAMPLE_USER, SAMPLE_PROJECT } from "../../../src/vendors/qtest/simulator/seed.js";
import { assignToProject, profileByName } from "../../../src/vendors/qtest/simulator/state.js";
import { startVendor, type VendorHarness } from "../../support/vendor-harness.js";
import { withProfiles } from "./instances.js";

let h: VendorHarness;
beforeAll(async () => {
  h = await startVendor(qtest, { users: 60 });
});
afterAll(() => h?.stop());
beforeEach(() => h.sim.log.clear());

const calls = () => h.sim.log.list().map((e) => `${e.method} ${e.path}${e.query ? `?${e.query}` : ""}`);
const roles = (list: readonly PermissionRecord[]) =>
  list.map((p) => `${p.projectId ?? "*"}:${p.role}:${p.level}`);

describe("qTest permissions on an instance that shows what the docs show", () => {
  it("reports the doc example's membership with its role unknown: level UNKNOWN, role null, never Developer", async () => {
    const session = h.session();
    const permissions = await session.permissionsOfUser?.load(String(EXAMPLE_USER.id));
    expect(roles(permissions ?? [])).toEqual([`${SAMPLE_PROJECT.id}:null:UNKNOWN`]);
    expect(permissions?.[0]).toMatchObject({
      remoteId: `${EXAMPLE_USER.id}~${SAMPLE_PROJECT.id}~?`,
      role: null,
      raw: { project_id: SAMPLE_PROJECT.id, user_id: EXAMPLE_USER.id, profile: null, project_admin: false },
    });
    expect(permissions?.[0]?.project?.name).toBe(SAMPLE_PROJECT.name);

    const members = await session.permissionsOfProject?.load(String(SAMPLE_PROJECT.id));
    expect(members?.map((p) => `${p.userId}:${p.role}:${p.level}`)).toContain(
      `${EXAMPLE_USER.id}:null:UNKNOWN`,
    );
  });

  it("keeps what admin_ids says in raw, and still does not name a profile for a project admin", async () => {
    const members = (await h.session().permissionsOfProject?.load(String(SAMPLE_PROJECT.id))) ?? [];
    expect(members.find((p) => p.userId === "1")).toMatchObject({
      role: null,
      level: PermissionLevel.UNKNOWN,
      raw: { profile: null, project_admin: true },
    });
  });

  it("says nothing instance-wide where users carry no admin profile: User.admin is null, no ADMIN permission", async () => {
    const session = h.session();
    const [admin] = await session.loadUsers(["1"]);
    expect((admin as UserRecord).admin).toBeNull();
    const permissions = (await session.permissionsOfUser?.load("1")) ?? [];
    expect(permissions.every((p) => p.projectId !== null)).toBe(true);
    expect(permissions).toHaveLength(6);
  });

  it("needs no profile list when no member names a profile", async () => {
    const ids = Array.from({ length: 60 }, (_, i) => String(1000 + i));
    const lists = (await h.session().permissionsOfUser?.loadMany(ids)) ?? [];
    const flat = lists.flatMap((l) => (Array.isArray(l) ? l : []));
    expect(flat.length).toBeGreaterThan(0);
    expect(flat.every((p) => p.level === PermissionLevel.UNKNOWN && p.role === null)).toBe(true);
    expect(calls().filter((c) => c.startsWith("GET /api/v3/user-profiles"))).toEqual([]);
  });

  it("answers a missing user's or project's slot with NOT_FOUND", async () => {
    const session = h.session();
    const [user] = (await session.permissionsOfUser?.loadMany(["999999"])) ?? [];
    expect((user as SourceError).code).toBe(ErrorCode.NOT_FOUND);
    const projects = (await session.permissionsOfProject?.loadMany(["999999", "abc"])) ?? [];
    expect(projects.map((p) => (p as SourceError).code)).toEqual([ErrorCode.NOT_FOUND, ErrorCode.NOT_FOUND]);
  });
});

describe("qTest member lists that answer 404 for a project the list has", () => {
  // What an instance without GET /projects/{id}/users (before 8.4.2) answers: the route, not the
  // project, is missing, so neither the project's nor a user's permissions may read as "none".
  it("reports the missing route, not NOT_FOUND of the project and not an empty access list", async () => {
    const members = [...((h.sim as QTestSimulator).state.members.get(2)?.keys() ?? [])];
    const member = String(members.find((id) => id >= 1000));
    h.sim.faults.inject({ kind: "5xx", status: 404, match: "GET /api/v3/projects/2/users" });
    try {
      const [project] = (await h.session().permissionsOfProject?.loadMany(["2"])) ?? [];
      expect((project as SourceError).code).toBe(ErrorCode.SOURCE_MISCONFIGURED);
      expect((project as SourceError).message).toContain("does not serve GET api/v3/projects/{id}/users");
      const [user] = (await h.session().permissionsOfUser?.loadMany([member])) ?? [];
      expect(user).toBeInstanceOf(SourceError);
      expect((user as SourceError).code).toBe(ErrorCode.SOURCE_MISCONFIGURED);
    } finally {
      h.sim.faults.clear();
    }
  });
});

describe("qTest permissions on an instance that names member and admin profiles", () => {
  let p: VendorHarness;
  beforeAll(async () => {
    p = await startVendor(withProfiles, { users: 60 });
  });
  afterAll(() => p?.stop());
  beforeEach(() => p.sim.log.clear());
  const logged = () => p.sim.log.list().map((e) => `${e.method} ${e.path}`);

  it("takes the profile each member comes with: the doc example holds Developer", async () => {
    const session = p.session();
    const permissions = await session.permissionsOfUser?.load(String(EXAMPLE_USER.id));
    expect(roles(permissions ?? [])).toEqual([`${SAMPLE_PROJECT.id}:Developer:EDIT`]);
    const members = await session.permissionsOfProject?.load(String(SAMPLE_PROJECT.id));
    expect(members?.map((m) => `${m.userId}:${m.role}`)).toContain(`${EXAMPLE_USER.id}:Developer`);
  });

  it("makes the admin's admin profile an instance-wide ADMIN permission next to its project ones", async () => {
    const permissions = (await p.session().permissionsOfUser?.load("1")) ?? [];
    expect(permissions[0]).toMatchObject({
      projectId: null,
      role: "Administrator",
      level: PermissionLevel.ADMIN,
    });
    expect(permissions.filter((x) => x.projectId !== null).every((x) => x.role === "Project Admin")).toBe(
      true,
    );
    expect(permissions.filter((x) => x.projectId !== null)).toHaveLength(6);
  });

  it("levels custom profiles by their flags, reading the profile list once", async () => {
    const session = p.session();
    const ids = Array.from({ length: 60 }, (_, i) => String(1000 + i));
    const lists = (await session.permissionsOfUser?.loadMany(ids)) ?? [];
    const flat = lists.flatMap((l) => (Array.isArray(l) ? l : []));
    expect(flat.find((x) => x.role === "Auditor")?.level).toBe(PermissionLevel.VIEW);
    expect(flat.find((x) => x.role === "Automation Engineer")?.level).toBe(PermissionLevel.CUSTOM);
    expect(flat.find((x) => x.role === "Tester")?.level).toBe(PermissionLevel.EXECUTE);
    expect(logged().filter((c) => c.startsWith("GET /api/v3/user-profiles"))).toHaveLength(1);
  });
});

describe("qTest permissions for a non-admin account", () => {
  it("sees its own projects and levels custom profiles CUSTOM when it may not read the profile list", async () => {
    const member = await startVendor(withProfiles, {
      users: 60,
      overrides: { auth: { username: EXAMPLE_USER.username, password: EXAMPLE_USER.password } },
    });
    try {
      const { state } = member.sim as QTestSimulator;
      assignToProject(state, 1005, SAMPLE_PROJECT.id, profileByName(state, "Auditor", "user").id);
      const session = member.session();
      const ids = ["789", ...Array.from({ length: 60 }, (_, i) => String(1000 + i))];
      const lists = (await session.permissionsOfUser?.loadMany(ids)) ?? [];
      const flat = lists.flatMap((l) => (Array.isArray(l) ? l : []));
      expect(new Set(flat.filter((p) => p.projectId).map((p) => p.projectId))).toEqual(new Set(["1"]));
      expect(flat.find((p) => p.userId === "1005" && p.role === "Auditor")?.level).toBe(
        PermissionLevel.CUSTOM,
      );
      expect(member.sim.log.list().find((e) => e.path === "/api/v3/user-profiles")?.status).toBe(403);
    } finally {
      await member.stop();
    }
  });
});

describe("qTest groups", () => {
  it("answers groups of users and members of groups from one GET /groups, consistently", async () => {
    const session = h.session();
    const groups = (await session.groupsOfUser?.load("1")) ?? [];
    expect(groups.map((g) => g.name)).toEqual(["Site Administrators"]);
    expect(groups[0]?.grants).toContain("ROLE_USERADMIN");
    const members = (await session.groupMembers?.load(groups[0]?.remoteId ?? "")) ?? [];
    expect(members.map((u) => u.remoteId)).toContain("1");
    expect(members.every((u) => u.kind === "User" && typeof u.active === "boolean")).toBe(true);
    expect(calls().filter((c) => c.startsWith("GET /api/v3/groups"))).toHaveLength(1);
  });
});

describe("qTest avatars", () => {
  it("returns the avatar bytes with their content type", async () => {
    const avatar = await h.connector.avatar?.(String(EXAMPLE_USER.id));
    expect(avatar?.contentType).toBe("image/png");
    expect(avatar?.data.subarray(0, 8)).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );
    expect(calls()).toEqual([`GET /api/v3/users/${EXAMPLE_USER.id}/avatar`]);
  });

  it("returns null for a user without one, an unknown user and a non-numeric id", async () => {
    expect(await h.connector.avatar?.("1002")).toBeNull();
    expect(await h.connector.avatar?.("999999")).toBeNull();
    expect(await h.connector.avatar?.("../1")).toBeNull();
  });
});

describe("qTest user filters", () => {
  const list = (filter: object) => h.connector.users.list({ filter, offset: 0, limit: 50 }, h.session());

  it("pushes a login down as a case-sensitive username search", async () => {
    const page = await list({ login: "example.user@qtest.com" });
    expect(page.items.map((u) => u.remoteId)).toEqual(["789"]);
    expect(page.exact).toBe(false);
    expect(calls()).toEqual([
      "GET /api/v3/users/search?username=example.user%40qtest.com&includeInactiveUsers=true&page=1&pageSize=50",
    ]);
  });

  it("pushes an email down lower-cased, since qTest matches the login case-sensitively", async () => {
    const page = await list({ email: "Example.User@QTEST.com" });
    expect(page.items.map((u) => u.email)).toEqual(["example.user@qtest.com"]);
    expect(calls()[0]).toContain("username=example.user%40qtest.com");
  });

  it("pushes active-only down as includeInactiveUsers=false, and is then exact", async () => {
    const page = await list({ active: true });
    expect(page.exact).toBe(true);
    expect(page.items.every((u) => u.active)).toBe(true);
    expect(calls()[0]).toContain("includeInactiveUsers=false");
  });

  it("reads inactive users too when asked for inactive ones, and leaves the narrowing to Rollcall", async () => {
    const page = await list({ active: false });
    expect(page.exact).toBe(false);
    expect(page.items.some((u) => !u.active)).toBe(true);
    expect(calls()[0]).toContain("includeInactiveUsers=true");
  });

  it("leaves a name search to Rollcall", async () => {
    const page = await list({ nameContains: "ada" });
    expect(page.exact).toBe(false);
    expect(calls()[0]).not.toContain("username=");
  });
});

describe("qTest user batches", () => {
  it("reads a large id batch with one unpaged search instead of one GET per id", async () => {
    const ids = ["999999", ...Array.from({ length: 105 }, (_, i) => String(1000 + (i % 60))), "789"];
    const users = await h.connector.users.getMany(ids, h.session());
    expect(users).toHaveLength(ids.length);
    expect((users[ids.length - 1] as UserRecord).login).toBe("example.user@qtest.com");
    expect((users[0] as SourceError).code).toBe(ErrorCode.NOT_FOUND);
    expect((users[1] as UserRecord).remoteId).toBe("1000");
    expect(calls()).toEqual(["GET /api/v3/users/search?includeInactiveUsers=true&pagination=false"]);
  });

  it("costs no call for an id qTest cannot have", async () => {
    const [user] = await h.connector.users.getMany(["abc"], h.session());
    expect((user as SourceError).code).toBe(ErrorCode.NOT_FOUND);
    expect(calls()).toEqual([]);
  });
});

describe("qTest errors", () => {
  it("reports the documented 429 with its message and Retry-After", async () => {
    const quick = await startVendor(qtest, { users: 1, overrides: { retries: 0 } });
    try {
      quick.sim.faults.inject({ kind: "429", retryAfterSeconds: 7, times: 1 });
      const error = await quick.connector.probe().then(
        () => null,
        (e: unknown) => e as SourceError,
      );
      expect(error?.code).toBe(ErrorCode.SOURCE_RATE_LIMITED);
      expect(error?.vendorMessage).toBe("API rate limit exceeded");
      expect(error?.retryAfter).toBe(7);
    } finally {
      await quick.stop();
    }
  });
});
