import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Capability } from "../../../src/model/capabilities.js";
import { ErrorCode, SourceError } from "../../../src/model/errors.js";
import { type GroupRecord, PermissionLevel, type UserRecord } from "../../../src/model/records.js";
import { testResults } from "../../../src/vendors/testresults/index.js";
import type { RawUser } from "../../../src/vendors/testresults/raw-types.js";
import type { TestResultsSimulator } from "../../../src/vendors/testresults/simulator/index.js";
import {
  ADMINISTRATORS_ID,
  AUTOMATION_ENGINEER_ID,
  DEMO_ADMIN,
  SIM_PASSWORD,
} from "../../../src/vendors/testresults/simulator/state.js";
import { startVendor, type VendorHarness } from "../../support/vendor-harness.js";

const RUDI = "eec02495-a1ac-46b1-95ec-07e20096cb7b";
const TOBIAS = "c83f7ba9-e0bb-4180-b00d-226f2db5f1ee";

describe("TestResults.io connector against its simulator", () => {
  let h: VendorHarness;
  let sim: TestResultsSimulator;
  const gets = () => h.sim.log.list().filter((e) => e.method === "GET");

  beforeAll(async () => {
    h = await startVendor(testResults, { users: 40 });
    sim = h.sim as TestResultsSimulator;
    await h.connector.probe(); // signs in once, so the counts below are the reads alone
  });
  afterAll(() => h?.stop());
  beforeEach(() => h.sim.log.clear());

  it("reads users, groups, group members and permissions, and no projects or teams", () => {
    const reads = [Capability.USERS, Capability.GROUPS, Capability.GROUP_MEMBERS, Capability.PERMISSIONS];
    // The writes are specified in writes.test.ts.
    const writes = [
      Capability.INVITE_USERS,
      Capability.UPDATE_USERS,
      Capability.DELETE_USERS,
      Capability.MANAGE_GROUPS,
    ];
    expect([...h.connector.capabilities].sort()).toEqual([...reads, ...writes].sort());
    expect(h.connector.projects).toBeUndefined();
    expect(h.connector.teams).toBeUndefined();
    expect(h.connector.source).toMatchObject({ kind: "testresults", vendor: "TestResults.io" });
  });

  it("lists the Automation Engineer members Rudi and Tobias Röthlin with their last logins", async () => {
    const [members] = await h.connector.groups!.members([AUTOMATION_ENGINEER_ID], h.session());
    const byId = new Map((members as UserRecord[]).map((u) => [u.remoteId, u]));
    expect(byId.get(RUDI)).toMatchObject({
      displayName: "Rudi",
      email: "rudi.adigbli@progile.ch",
      lastLoginAt: new Date("2018-08-02T14:06:39.403Z"),
    });
    const tobias = byId.get(TOBIAS);
    expect(tobias).toMatchObject({
      displayName: "Tobias Röthlin",
      email: "tobias.roethlin@outlook.com",
      lastLoginAt: new Date("2019-05-02T09:00:41.243Z"),
    });
    expect((tobias!.raw as RawUser).PreviousLogin).toBe("2019-05-02T09:00:41.1766667Z");
    expect(gets().map((e) => e.path)).toEqual([
      `/management/customers/current/groups/${AUTOMATION_ENGINEER_ID}/users`,
    ]);
  });

  it("loads 'Administrators' by id with its full permission list", async () => {
    const [admins] = await h.connector.groups!.getMany([ADMINISTRATORS_ID], h.session());
    expect(admins).toMatchObject({ name: "Administrators", archived: false, version: null });
    expect((admins as GroupRecord).grants).toHaveLength(14);
    expect((admins as GroupRecord).grants).toContain("CustomerManagement");
  });

  it("gives Rudi his group and one instance-wide EDIT permission through it", async () => {
    const session = h.session();
    const [groups] = await session.groupsOfUser!.loadMany([RUDI]);
    expect((groups as GroupRecord[]).map((g) => g.name)).toEqual(["Automation Engineer"]);
    const [permissions] = await session.permissionsOfUser!.loadMany([RUDI]);
    expect(permissions).toEqual([
      expect.objectContaining({
        userId: RUDI,
        projectId: null,
        role: "Automation Engineer",
        level: PermissionLevel.EDIT,
        via: { type: "Group", remoteId: AUTOMATION_ENGINEER_ID },
      }),
    ]);
  });

  it("reports the demo administrator as admin with an ADMIN permission", async () => {
    const session = h.session();
    const [admin] = await session.users.loadMany([DEMO_ADMIN.id]);
    expect(admin).toMatchObject({ admin: true, active: true, email: DEMO_ADMIN.email });
    const [permissions] = await session.permissionsOfUser!.loadMany([DEMO_ADMIN.id]);
    expect((permissions as Array<{ level: PermissionLevel }>).map((p) => p.level)).toEqual([
      PermissionLevel.ADMIN,
    ]);
  });

  it("has nobody on a project: TestResults.io has no projects", async () => {
    const answer = await h.connector.permissions!.ofProjects(["any", "other"], h.session());
    expect(answer).toEqual([[], []]);
    expect(gets()).toHaveLength(0);
  });

  describe("archived users and groups", () => {
    const archivedUserIds = () => [...sim.state.users.values()].filter((u) => u.Archived).map((u) => u.Id);
    const legacy = () => [...sim.state.groups.values()].find((g) => g.Archived);

    it("are seeded: one archived group and a few archived users", () => {
      expect(legacy()?.Name).toBe("Legacy QA");
      expect(archivedUserIds().length).toBeGreaterThanOrEqual(2);
    });

    it("hides archived users from the list unless includeArchived asks for them", async () => {
      const hidden = await h.connector.users.list({ filter: {}, offset: 0, limit: 1000 }, h.session());
      const shown = await h.connector.users.list(
        { filter: { includeArchived: true }, offset: 0, limit: 1000 },
        h.session(),
      );
      const ids = (page: typeof hidden) => page.items.map((u) => u.remoteId);
      for (const id of archivedUserIds()) {
        expect(ids(hidden)).not.toContain(id);
        expect(ids(shown)).toContain(id);
      }
      expect(shown.total).toBe(sim.state.users.size);
      expect(hidden.total).toBe(sim.state.users.size - archivedUserIds().length);
      expect(shown.items.filter((u) => u.archived).every((u) => !u.active)).toBe(true);
    });

    it("hides the archived group from the list unless asked, but loads it by id", async () => {
      const group = legacy();
      if (!group) throw new Error("no archived group seeded");
      const names = async (includeArchived?: boolean) =>
        (
          await h.connector.groups!.list({ filter: { includeArchived }, offset: 0, limit: 100 }, h.session())
        ).items.map((g) => g.name);
      expect(await names()).not.toContain("Legacy QA");
      expect(await names(true)).toContain("Legacy QA");
      const [byId] = await h.connector.groups!.getMany([group.Id], h.session());
      expect(byId).toMatchObject({ name: "Legacy QA", archived: true });
    });

    it("still loads an archived user by id, flagged archived", async () => {
      const id = archivedUserIds()[0] as string;
      const [user] = await h.connector.users.getMany([id], h.session());
      expect(user).toMatchObject({ remoteId: id, archived: true, active: false });
    });

    it("leaves archived accounts out of a group's members", async () => {
      const group = legacy();
      const [members] = await h.connector.groups!.members([group?.Id as string], h.session());
      expect((members as UserRecord[]).some((u) => u.archived)).toBe(false);
    });
  });

  describe("the floor: 1 + G calls for a page of N users with groups, projects and permissions", () => {
    for (const n of [5, 20, 1000]) {
      it(`meets it for N = ${n}`, async () => {
        const session = h.session();
        const page = await h.connector.users.list({ filter: {}, offset: 0, limit: n }, session);
        const ids = page.items.map((u) => u.remoteId);
        const [groups, permissions] = await Promise.all([
          session.groupsOfUser!.loadMany(ids),
          session.permissionsOfUser!.loadMany(ids),
        ]);
        await session.users.loadMany(ids);
        expect(groups.every((g) => Array.isArray(g) && g.length === 1)).toBe(true);
        expect(permissions.every((p) => Array.isArray(p) && p.length === 1)).toBe(true);

        const G = sim.state.groups.size;
        const log = h.sim.log.list();
        expect(log).toHaveLength(1 + G);
        expect(log.filter((e) => e.path === "/management/customers/current")).toHaveLength(1);
        const groupReads = log.filter((e) => e.path.endsWith("/users")).map((e) => e.path);
        expect(new Set(groupReads).size).toBe(G);
      });
    }

    it("shares a group's member list between Group.members and the user directory", async () => {
      const session = h.session();
      await session.groupMembers!.load(AUTOMATION_ENGINEER_ID);
      await h.connector.users.list({ filter: {}, offset: 0, limit: 10 }, session);
      // The member list read first is the same per-request read the directory uses.
      expect(h.sim.log.list()).toHaveLength(1 + sim.state.groups.size);
    });
  });

  it("pages by id order with an exact total, whatever filter is set", async () => {
    const all = await h.connector.users.list({ filter: {}, offset: 0, limit: 1000 }, h.session());
    const ids = all.items.map((u) => u.remoteId.toLowerCase());
    expect(ids).toEqual([...ids].sort());
    const page = await h.connector.users.list(
      { filter: { nameContains: "tobias" }, offset: 0, limit: 10 },
      h.session(),
    );
    expect(page).toMatchObject({ exact: true, hasMore: false });
    expect(page.items.map((u) => u.remoteId)).toContain(TOBIAS);
    expect(page.total).toBe(page.items.length);
  });

  it("answers unknown ids with NOT_FOUND in their slots", async () => {
    const unknown = testResults.simulator.unknownId;
    const users = await h.connector.users.getMany([RUDI, unknown], h.session());
    expect((users[0] as UserRecord).remoteId).toBe(RUDI);
    expect((users[1] as SourceError).code).toBe(ErrorCode.NOT_FOUND);
    const members = await h.connector.groups!.members([unknown], h.session());
    expect((members[0] as SourceError).code).toBe(ErrorCode.NOT_FOUND);
    expect((members[0] as SourceError).vendorMessage).toBe("User group not found.");
  });

  it("treats a group deleted between the customer read and its list as empty", async () => {
    const gone = await startVendor(testResults, { users: 40 });
    try {
      const state = (gone.sim as TestResultsSimulator).state;
      const stakeholder = [...state.groups.values()].find((g) => g.Name === "Stakeholder");
      const members = state.members.get(stakeholder?.Id as string);
      state.members.delete(stakeholder?.Id as string); // its list now answers 404
      const page = await gone.connector.users.list({ filter: {}, offset: 0, limit: 1000 }, gone.session());
      const ids = page.items.map((u) => u.remoteId.toLowerCase());
      expect(members?.size).toBeGreaterThan(0);
      for (const id of members ?? []) expect(ids).not.toContain(id);
      expect(ids).toContain(RUDI);
    } finally {
      await gone.stop();
    }
  });

  it("reports SOURCE_FORBIDDEN when the account may not manage users", async () => {
    const rudi = await startVendor(testResults, {
      users: 1,
      overrides: { auth: { email: "rudi.adigbli@progile.ch", password: SIM_PASSWORD } },
    });
    try {
      // Signed in, and told by its own UsagePermission that it lacks UserManagement.
      await expect(rudi.connector.probe()).resolves.toMatchObject({ admin: false });
      const error = await rudi.connector.users
        .list({ filter: {}, offset: 0, limit: 5 }, rudi.session())
        .catch((e: unknown) => e);
      expect((error as SourceError).code).toBe(ErrorCode.SOURCE_FORBIDDEN);
    } finally {
      await rudi.stop();
    }
  });
});
