import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ErrorCode } from "../../../src/model/errors.js";
import type { GroupRecord, UserRecord } from "../../../src/model/records.js";
import type { GroupWriter, UserWriter } from "../../../src/vendors/connector-writes.js";
import { testResults } from "../../../src/vendors/testresults/index.js";
import type { TestResultsSimulator } from "../../../src/vendors/testresults/simulator/index.js";
import { insertUser } from "../../../src/vendors/testresults/simulator/mutations.js";
import {
  ADMINISTRATORS_ID,
  AUTOMATION_ENGINEER_ID,
} from "../../../src/vendors/testresults/simulator/state.js";
import { startVendor, type VendorHarness } from "../../support/vendor-harness.js";
import {
  DEVELOPER_ID,
  LEGACY_QA_ID,
  liveMembers,
  requests,
  STAKEHOLDER_ID,
  stored,
  TEST_ENGINEER_ID,
} from "./sim-picks.js";

const CUSTOMER = "GET /management/customers/current";
const groupList = (id: string) => `GET /management/customers/current/groups/${id}/users`;
const RUDI = "eec02495-a1ac-46b1-95ec-07e20096cb7b";

describe("TestResults.io writes against the simulator", () => {
  let h: VendorHarness;
  let sim: TestResultsSimulator;
  let users: UserWriter;
  let groups: GroupWriter;
  /** The requests the directory costs: the customer and every group's list (1 + G). */
  const directoryReads = () => 1 + sim.state.groups.size;
  const count = (line: string) => requests(sim).filter((r) => r === line).length;

  beforeEach(async () => {
    h = await startVendor(testResults, { users: 40 });
    sim = h.sim as TestResultsSimulator;
    users = h.connector.writes?.users as UserWriter;
    groups = h.connector.writes?.groups as GroupWriter;
    await h.connector.probe(); // signs in, so the counts below are the writes and their reads
    h.sim.log.clear();
  });
  afterEach(() => h.stop());

  it("administers users and groups, and has no deactivate, project or team writer", () => {
    expect(users.invite).toBeTypeOf("function");
    expect(users.update).toBeTypeOf("function");
    expect(users.remove).toBeTypeOf("function");
    expect(users.setActive).toBeUndefined();
    expect(h.connector.writes?.access).toBeUndefined();
    expect(h.connector.writes?.teams).toBeUndefined();
  });

  describe("invite", () => {
    const grace = { email: "grace.hopper@navy.example", firstName: "Grace", lastName: "Hopper" };

    it("creates the account in its one group with one POST, after reading the directory once", async () => {
      const outcome = await users.invite({ ...grace, groupIds: [DEVELOPER_ID] }, h.session());
      expect(outcome.status).toBe("CREATED");
      expect(outcome.user).toMatchObject({
        email: grace.email,
        login: grace.email,
        displayName: "Grace Hopper",
        active: true,
        archived: false,
      });
      expect(outcome.user.version).toMatch(/^[A-Za-z0-9+/]{11}=$/);
      expect(requests(sim)).toHaveLength(directoryReads() + 1);
      expect(requests(sim).at(-1)).toBe("POST /users");
      expect(stored(sim, outcome.user.remoteId)).toMatchObject({
        DisplayName: "Grace Hopper",
        groupId: DEVELOPER_ID,
      });
      const [members] = await h.connector.groups!.members([DEVELOPER_ID], h.session());
      expect((members as UserRecord[]).map((u) => u.remoteId)).toContain(outcome.user.remoteId);
    });

    it("answers a second invite of the email (any case) with the existing account and sends no POST", async () => {
      const first = await users.invite({ ...grace, groupIds: [DEVELOPER_ID] }, h.session());
      const before = sim.state.users.size;
      h.sim.log.clear();
      const again = await users.invite(
        { ...grace, email: "Grace.Hopper@NAVY.example", groupIds: [STAKEHOLDER_ID] },
        h.session(),
      );
      expect(again.status).toBe("ALREADY_EXISTS");
      expect(again.user.remoteId).toBe(first.user.remoteId);
      expect(count("POST /users")).toBe(0);
      expect(sim.state.users.size).toBe(before);
    });

    it("refuses an invite without a group, naming input.groups, before calling the vendor", async () => {
      await expect(users.invite(grace, h.session())).rejects.toMatchObject({
        code: ErrorCode.BAD_USER_INPUT,
        field: "input.groups",
      });
      expect(h.sim.log.total).toBe(0);
    });

    it("refuses two groups: a user is in exactly one", async () => {
      await expect(
        users.invite({ ...grace, groupIds: [DEVELOPER_ID, STAKEHOLDER_ID] }, h.session()),
      ).rejects.toMatchObject({ code: ErrorCode.BAD_USER_INPUT, field: "input.groups" });
      expect(h.sim.log.total).toBe(0);
    });

    it("refuses a group the customer does not have, or an archived one, without a POST", async () => {
      for (const id of ["00000000-0000-4000-8000-00000000dead", LEGACY_QA_ID]) {
        await expect(users.invite({ ...grace, groupIds: [id] }, h.session())).rejects.toMatchObject({
          code: ErrorCode.BAD_USER_INPUT,
          field: "input.groups",
        });
      }
      expect(count("POST /users")).toBe(0);
    });

    it("[I] takes the group by name from globalRole, and names input.globalRole for an unknown one", async () => {
      const outcome = await users.invite({ ...grace, globalRole: "stakeholder" }, h.session());
      expect(stored(sim, outcome.user.remoteId).groupId).toBe(STAKEHOLDER_ID);
      await expect(
        users.invite({ ...grace, email: "x@example.com", globalRole: "Janitor" }, h.session()),
      ).rejects.toMatchObject({ code: ErrorCode.BAD_USER_INPUT, field: "input.globalRole" });
      await expect(
        users.invite(
          { ...grace, email: "y@example.com", globalRole: "Developer", groupIds: [STAKEHOLDER_ID] },
          h.session(),
        ),
      ).rejects.toMatchObject({ code: ErrorCode.BAD_USER_INPUT, field: "input.globalRole" });
    });

    it("refuses a login other than the email: accounts sign in with their email", async () => {
      await expect(
        users.invite({ ...grace, login: "ghopper", groupIds: [DEVELOPER_ID] }, h.session()),
      ).rejects.toMatchObject({ code: ErrorCode.UNSUPPORTED_BY_SOURCE, field: "input.login" });
      expect(h.sim.log.total).toBe(0);
    });

    it("keeps a given password out of the record (Create User takes none)", async () => {
      const outcome = await users.invite(
        { ...grace, password: "s3cret-Pa55", groupIds: [DEVELOPER_ID] },
        h.session(),
      );
      expect(JSON.stringify(outcome.user)).not.toContain("s3cret-Pa55");
      expect(sim.state.passwords.has(outcome.user.remoteId.toLowerCase())).toBe(false);
    });

    it("does not resend a POST that failed with a 5xx: one POST, then one read of the group settles it", async () => {
      h.sim.faults.inject({ kind: "5xx", match: "POST /users", times: 1 });
      await expect(users.invite({ ...grace, groupIds: [DEVELOPER_ID] }, h.session())).rejects.toMatchObject({
        code: ErrorCode.SOURCE_UNAVAILABLE,
      });
      expect(count("POST /users")).toBe(1);
      const afterPost = requests(sim).slice(requests(sim).indexOf("POST /users") + 1);
      expect(afterPost).toEqual([groupList(DEVELOPER_ID)]);
      expect(sim.state.emails.has(grace.email)).toBe(false);
    });

    it("answers CREATED when that read finds the account the lost answer was about", async () => {
      const scope = h.session();
      await h.connector.users.list({ filter: {}, offset: 0, limit: 1 }, scope); // the directory, read before
      // The POST reached the vendor and was applied; only its answer was lost on the way back.
      const landed = insertUser(sim.state, {
        Email: grace.email,
        DisplayName: "Grace Hopper",
        groupId: DEVELOPER_ID,
      });
      h.sim.faults.inject({ kind: "5xx", match: "POST /users", times: 1 });
      h.sim.log.clear();
      const outcome = await users.invite({ ...grace, groupIds: [DEVELOPER_ID] }, scope);
      expect(outcome).toMatchObject({ status: "CREATED", user: { remoteId: landed.Id } });
      expect(requests(sim)).toEqual(["POST /users", groupList(DEVELOPER_ID)]);
    });
  });

  describe("update", () => {
    const someone = () => liveMembers(sim, DEVELOPER_ID)[0]!;

    it("renames and moves a user with one PUT of UserData carrying the DataVersion just read", async () => {
      const before = { ...someone() };
      const updated = await users.update!(
        before.Id,
        { firstName: "Ada", lastName: "Byron", globalRole: "Stakeholder" },
        h.session(),
      );
      expect(updated).toMatchObject({ remoteId: before.Id, displayName: "Ada Byron", email: before.Email });
      expect(updated.version).not.toBe(before.DataVersion);
      expect(stored(sim, before.Id)).toMatchObject({ DisplayName: "Ada Byron", groupId: STAKEHOLDER_ID });
      expect(requests(sim)).toHaveLength(directoryReads() + 1);
      expect(requests(sim).at(-1)).toBe(`PUT /users/${before.Id}`);
      const [moved] = await h.connector.groups!.ofUsers([before.Id], h.session());
      expect((moved as GroupRecord[]).map((g) => g.name)).toEqual(["Stakeholder"]);
    });

    it("sends the caller's version: a current one is applied, a stale one is a CONFLICT naming input.version", async () => {
      const user = someone();
      const read = user.DataVersion as string;
      const first = await users.update!(user.Id, { email: "first@example.com", version: read }, h.session());
      expect(first.email).toBe("first@example.com");
      h.sim.log.clear();
      await expect(
        users.update!(user.Id, { email: "second@example.com", version: read }, h.session()),
      ).rejects.toMatchObject({ code: ErrorCode.CONFLICT, field: "input.version" });
      expect(count(`PUT /users/${user.Id}`)).toBe(1);
      expect(stored(sim, user.Id).Email).toBe("first@example.com");
    });

    it("refuses an email another account has, naming input.email, without a PUT", async () => {
      await expect(
        users.update!(someone().Id, { email: "RUDI.adigbli@progile.ch" }, h.session()),
      ).rejects.toMatchObject({ code: ErrorCode.BAD_USER_INPUT, field: "input.email" });
      expect(requests(sim).filter((r) => r.startsWith("PUT"))).toEqual([]);
    });

    it("needs both name halves, naming the missing one: the API keeps one DisplayName", async () => {
      await expect(users.update!(someone().Id, { firstName: "Ada" }, h.session())).rejects.toMatchObject({
        code: ErrorCode.BAD_USER_INPUT,
        field: "input.lastName",
      });
      expect(h.sim.log.total).toBe(0);
    });

    it("refuses an unknown group name, naming input.globalRole", async () => {
      await expect(
        users.update!(someone().Id, { globalRole: "Legacy QA" }, h.session()),
      ).rejects.toMatchObject({ code: ErrorCode.BAD_USER_INPUT, field: "input.globalRole" });
    });

    it("answers NOT_FOUND for an unknown user without a PUT", async () => {
      await expect(
        users.update!("00000000-0000-4000-8000-00000000dead", { email: "z@example.com" }, h.session()),
      ).rejects.toMatchObject({ code: ErrorCode.NOT_FOUND });
      expect(requests(sim).filter((r) => r.startsWith("PUT"))).toEqual([]);
    });

    it("does not resend a PUT that failed with a 5xx: one read of the target group shows it did not apply", async () => {
      const user = someone();
      h.sim.faults.inject({ kind: "5xx", match: "PUT /users/", times: 1 });
      await expect(users.update!(user.Id, { email: "moved@example.com" }, h.session())).rejects.toMatchObject(
        {
          code: ErrorCode.SOURCE_UNAVAILABLE,
        },
      );
      const log = requests(sim);
      expect(log.filter((r) => r.startsWith("PUT"))).toHaveLength(1);
      expect(log.slice(log.indexOf(`PUT /users/${user.Id}`) + 1)).toEqual([groupList(DEVELOPER_ID)]);
      expect(stored(sim, user.Id).Email).toBe(user.Email);
    });
  });

  describe("remove", () => {
    it("sends one DELETE per user, side by side, and nothing else; the accounts are archived", async () => {
      const ids = liveMembers(sim, TEST_ENGINEER_ID)
        .slice(0, 3)
        .map((u) => u.Id);
      expect(await users.remove!(ids, h.session())).toEqual([true, true, true]);
      expect(requests(sim).sort()).toEqual(ids.map((id) => `DELETE /users/${id}`).sort());
      const page = await h.connector.users.list({ filter: {}, offset: 0, limit: 1000 }, h.session());
      expect(page.items.map((u) => u.remoteId)).not.toContain(ids[0]);
      const [gone] = await h.connector.users.getMany([ids[0]!], h.session());
      expect(gone).toMatchObject({ archived: true });
    });

    it("answers NOT_FOUND in the slot of an unknown (or already deleted) id and deletes the rest", async () => {
      const id = liveMembers(sim, TEST_ENGINEER_ID)[0]!.Id;
      const answers = await users.remove!(["00000000-0000-4000-8000-00000000dead", id], h.session());
      expect(answers[0]).toMatchObject({ code: ErrorCode.NOT_FOUND });
      expect(answers[1]).toBe(true);
      const [again] = await users.remove!([id], h.session());
      expect(again).toMatchObject({ code: ErrorCode.NOT_FOUND });
    });

    it("does not resend a DELETE that failed with a 5xx: one directory read settles it", async () => {
      const [a, b] = liveMembers(sim, TEST_ENGINEER_ID).map((u) => u.Id);
      h.sim.faults.inject({ kind: "5xx", match: `DELETE /users/${a}`, times: 1 });
      const answers = await users.remove!([a!, b!], h.session());
      expect(answers[0]).toMatchObject({ code: ErrorCode.SOURCE_UNAVAILABLE });
      expect(answers[1]).toBe(true);
      expect(count(`DELETE /users/${a}`)).toBe(1);
      expect(requests(sim).filter((r) => r.startsWith("GET"))).toHaveLength(directoryReads());
      expect(stored(sim, a!).Archived).toBe(false);
    });
  });

  describe("groups", () => {
    it("creates a group with its usage permissions in the vendor's spelling, in one POST", async () => {
      const group = await groups.create(
        { name: "QA Leads", description: "Leads", grants: ["login", "Read", "WRITE", "UserManagement"] },
        h.session(),
      );
      expect(group).toMatchObject({
        name: "QA Leads",
        description: "Leads",
        grants: ["Login", "Read", "Write", "UserManagement"],
        archived: false,
      });
      expect(group.version).toMatch(/^[A-Za-z0-9+/]{11}=$/);
      expect(requests(sim)).toEqual([CUSTOMER, "POST /management/customers/current/groups"]);
      expect(sim.state.groups.get(group.remoteId)?.UsagePermission).toBe(
        "Login, Read, Write, UserManagement",
      );
    });

    it("moves the initial members into the new group, one PUT each", async () => {
      const ids = liveMembers(sim, DEVELOPER_ID)
        .slice(0, 2)
        .map((u) => u.Id);
      const reads = directoryReads(); // before the group it creates
      const group = await groups.create({ name: "Squad", grants: ["Login"], userIds: ids }, h.session());
      expect(requests(sim)).toHaveLength(reads + 1 + 2);
      expect(
        requests(sim)
          .filter((r) => r.startsWith("PUT"))
          .sort(),
      ).toEqual(ids.map((id) => `PUT /users/${id}`).sort());
      for (const id of ids) expect(stored(sim, id).groupId).toBe(group.remoteId);
    });

    it("refuses an unknown usage permission naming input.grants[i], and none at all naming input.grants", async () => {
      await expect(
        groups.create({ name: "X", grants: ["Login", "Teleport"] }, h.session()),
      ).rejects.toMatchObject({ code: ErrorCode.BAD_USER_INPUT, field: "input.grants[1]" });
      await expect(groups.create({ name: "X", grants: [] }, h.session())).rejects.toMatchObject({
        code: ErrorCode.BAD_USER_INPUT,
        field: "input.grants",
      });
      await expect(groups.create({ name: "X" }, h.session())).rejects.toMatchObject({
        field: "input.grants",
      });
      expect(h.sim.log.total).toBe(0);
    });

    it("[I] refuses a second live group of the same name, naming input.name", async () => {
      await expect(
        groups.create({ name: "developer", grants: ["Login"] }, h.session()),
      ).rejects.toMatchObject({ code: ErrorCode.BAD_USER_INPUT, field: "input.name" });
      expect(count("POST /management/customers/current/groups")).toBe(0);
    });

    it("refuses an unknown member naming input.members[i] before creating anything", async () => {
      await expect(
        groups.create(
          { name: "Squad", grants: ["Login"], userIds: [RUDI, "00000000-0000-4000-8000-00000000dead"] },
          h.session(),
        ),
      ).rejects.toMatchObject({ code: ErrorCode.BAD_USER_INPUT, field: "input.members[1]" });
      expect(requests(sim).filter((r) => !r.startsWith("GET"))).toEqual([]);
    });

    it("updates a group with one PUT; its DataVersion changes, and a stale one is a CONFLICT", async () => {
      const before = sim.state.groups.get(STAKEHOLDER_ID)!.DataVersion;
      const group = await groups.update(
        STAKEHOLDER_ID,
        { name: "Stakeholders", grants: ["Login", "Read"] },
        h.session(),
      );
      expect(group).toMatchObject({
        name: "Stakeholders",
        grants: ["Login", "Read"],
        description: "Reads results",
      });
      expect(group.version).not.toBe(before);
      expect(requests(sim)).toEqual([CUSTOMER, `PUT /management/customers/current/groups/${STAKEHOLDER_ID}`]);
      await expect(
        groups.update(STAKEHOLDER_ID, { name: "Readers", version: before as string }, h.session()),
      ).rejects.toMatchObject({ code: ErrorCode.CONFLICT, field: "input.version" });
      expect(sim.state.groups.get(STAKEHOLDER_ID)?.Name).toBe("Stakeholders");
    });

    it("updates a doc group whose DataVersion is null, which then gets one", async () => {
      const group = await groups.update(AUTOMATION_ENGINEER_ID, { description: "Automates" }, h.session());
      expect(group).toMatchObject({ name: "Automation Engineer", description: "Automates" });
      expect(group.version).toMatch(/^[A-Za-z0-9+/]{11}=$/);
    });

    it("answers NOT_FOUND for an archived (deleted) group", async () => {
      await expect(groups.update(LEGACY_QA_ID, { name: "Back" }, h.session())).rejects.toMatchObject({
        code: ErrorCode.NOT_FOUND,
      });
    });

    it("adds members by moving each with one PUT, skipping those already in the group and repeats", async () => {
      const [a, b] = liveMembers(sim, DEVELOPER_ID).map((u) => u.Id);
      const already = liveMembers(sim, STAKEHOLDER_ID)[0]!.Id;
      const { status, now: group } = await groups.addMembers(
        STAKEHOLDER_ID,
        [a!, already, b!, a!],
        h.session(),
      );
      expect(status).toBe("UPDATED");
      expect(group.name).toBe("Stakeholder");
      expect(requests(sim)).toHaveLength(directoryReads() + 2);
      expect(
        requests(sim)
          .filter((r) => r.startsWith("PUT"))
          .sort(),
      ).toEqual([`PUT /users/${a}`, `PUT /users/${b}`].sort());
      const [members] = await h.connector.groups!.members([STAKEHOLDER_ID], h.session());
      expect((members as UserRecord[]).map((u) => u.remoteId)).toEqual(
        expect.arrayContaining([a, b, already]),
      );
    });

    it("settles a member PUT lost to a 5xx with one read of the group, and says what did not move", async () => {
      const [a, b] = liveMembers(sim, DEVELOPER_ID).map((u) => u.Id);
      h.sim.faults.inject({ kind: "5xx", match: `PUT /users/${b}`, times: 1 });
      await expect(groups.addMembers(STAKEHOLDER_ID, [a!, b!], h.session())).rejects.toMatchObject({
        code: ErrorCode.SOURCE_UNAVAILABLE,
        message: expect.stringContaining(`Moved 1 of 2 users into group "Stakeholder"; ${b} did not move`),
      });
      expect(count(`PUT /users/${b}`)).toBe(1);
      expect(requests(sim).at(-1)).toBe(groupList(STAKEHOLDER_ID));
    });

    it("cannot take users out of a group: each is in exactly one (no writer, and the reason names the way)", () => {
      expect(groups.removeMembers).toBeUndefined();
      expect(h.connector.writes?.unsupported?.removeUsersFromGroup).toContain("addUsersToGroup");
    });

    it("deletes an empty group (its list, then one DELETE); it is archived", async () => {
      const group = await groups.create({ name: "Empty", grants: ["Login"] }, h.session());
      h.sim.log.clear();
      await groups.remove(group.remoteId, h.session());
      expect(requests(sim)).toEqual([
        groupList(group.remoteId),
        `DELETE /management/customers/current/groups/${group.remoteId}`,
      ]);
      expect(sim.state.groups.get(group.remoteId)?.Archived).toBe(true);
      const page = await h.connector.groups!.list({ filter: {}, offset: 0, limit: 100 }, h.session());
      expect(page.items.map((g) => g.remoteId)).not.toContain(group.remoteId);
    });

    it("refuses to delete a group that still holds accounts, naming input.group, without a DELETE", async () => {
      await expect(groups.remove(ADMINISTRATORS_ID, h.session())).rejects.toMatchObject({
        code: ErrorCode.BAD_USER_INPUT,
        field: "input.group",
        message: expect.stringContaining("addUsersToGroup"),
      });
      expect(requests(sim).filter((r) => r.startsWith("DELETE"))).toEqual([]);
    });

    it("answers NOT_FOUND for deleting an unknown group", async () => {
      await expect(groups.remove("00000000-0000-4000-8000-00000000dead", h.session())).rejects.toMatchObject({
        code: ErrorCode.NOT_FOUND,
      });
    });
  });
});
