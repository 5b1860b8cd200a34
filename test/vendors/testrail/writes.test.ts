/**
 * The TestRail writers against the simulator over real HTTP: what each write sends, how many
 * calls it takes, that nothing is created twice or sent twice, and that TestRail's rules come back
 * as input errors naming the unified field. Every test starts a fresh simulator and connector.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ErrorCode, InputError, SourceError, UnsupportedError } from "../../../src/model/errors.js";
import { PermissionLevel, type UserRecord } from "../../../src/model/records.js";
import type {
  AccessWriter,
  GrantOutcome,
  GroupWriter,
  UserWriter,
} from "../../../src/vendors/connector-writes.js";
import { testRail } from "../../../src/vendors/testrail/index.js";
import type { TestRailSimulator } from "../../../src/vendors/testrail/simulator/index.js";
import { ROLE } from "../../../src/vendors/testrail/simulator/state.js";
import { TestRailViews } from "../../../src/vendors/testrail/simulator/views.js";
import { startVendor, type VendorHarness } from "../../support/vendor-harness.js";

let h: VendorHarness;
/** TestRail's writers: every member but users.remove (TestRail has no delete_user). */
interface Writers {
  readonly users: Required<Omit<UserWriter, "remove">> & Pick<UserWriter, "remove">;
  readonly access: AccessWriter;
  readonly groups: GroupWriter;
}
let writes: Writers;
const sim = () => h.sim as TestRailSimulator;
const state = () => sim().state;
/** "METHOD /method" of every request since the last clear, in order. */
const calls = () => h.sim.log.list().map((e) => `${e.method} ${e.path}`);
const posts = () => calls().filter((c) => c.startsWith("POST"));
/** The project's listing as TestRail computes it: user id -> role name. */
const listed = (projectId: number) => {
  const project = state().projects.get(projectId)!;
  return Object.fromEntries(
    new TestRailViews(state()).projectMembers(project).map((m) => [m.user.id, m.role.name]),
  );
};

beforeEach(async () => {
  h = await startVendor(testRail, { users: 60 });
  writes = h.connector.writes as Writers;
});
afterEach(() => h?.stop());

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a rejection");
}

const person = {
  email: "nadia.new-hire@example.org",
  firstName: "Nadia",
  lastName: "Okafor",
};

describe("inviteUser → add_user", () => {
  it("looks the email up, checks role and groups, then creates one active user", async () => {
    const outcome = await writes.users.invite(
      { ...person, globalRole: "Designer", groupIds: ["2", "5"] },
      h.session(),
    );
    expect(outcome.status).toBe("CREATED");
    expect(outcome.user).toMatchObject({
      displayName: "Nadia Okafor",
      email: person.email,
      login: person.email,
      active: true,
    });
    expect(outcome.user.raw).toMatchObject({ role: "Designer", group_ids: [2, 5] });
    expect(calls()).toEqual([
      "GET /get_user_by_email",
      "GET /get_roles",
      "GET /get_groups",
      "POST /add_user",
    ]);
    // is_active is sent: the simulator keeps the distilled doc's default of false otherwise.
    const stored = state().users.get(Number(outcome.user.remoteId))!;
    expect(stored).toMatchObject({ is_active: true, role_id: ROLE.designer });
  });

  it("answers a second invite of the same email with the existing user and creates nothing", async () => {
    const first = await writes.users.invite(person, h.session());
    const count = state().users.size;
    h.sim.log.clear();

    const second = await writes.users.invite({ ...person, email: "NADIA.New-Hire@example.org" }, h.session());
    expect(second.status).toBe("ALREADY_EXISTS");
    expect(second.user.remoteId).toBe(first.user.remoteId);
    expect(state().users.size).toBe(count);
    expect(calls()).toEqual(["GET /get_user_by_email"]);
  });

  it("creates nothing when the email lookup is refused for another reason than the address", async () => {
    // A refused lookup is not "nobody has this email": creating then could duplicate the account.
    sim().settings.scriptedErrors.push({
      route: "GET /get_user_by_email",
      status: 400,
      error: "Content-Type header missing (use Content-Type: application/json)",
    });
    const error = await rejection(writes.users.invite(person, h.session()));
    expect((error as SourceError).code).toBe(ErrorCode.SOURCE_REJECTED);
    expect(posts()).toEqual([]);
  });

  it("refuses an unknown global role on input.globalRole before writing", async () => {
    const error = await rejection(writes.users.invite({ ...person, globalRole: "Overlord" }, h.session()));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).field).toBe("input.globalRole");
    expect(error.message).toMatch(/Lead, Designer, Tester/);
    expect(posts()).toEqual([]);
  });

  it("refuses a group the source does not have on input.groups before writing", async () => {
    const error = await rejection(writes.users.invite({ ...person, groupIds: ["1", "77"] }, h.session()));
    expect((error as InputError).field).toBe("input.groups");
    expect(posts()).toEqual([]);
  });

  it("turns TestRail's own refusal of a field into an input error on the unified field", async () => {
    // The gateway checks email syntax itself; called directly, TestRail's 400 is what answers.
    const error = await rejection(writes.users.invite({ ...person, email: "not-an-email" }, h.session()));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).field).toBe("input.email");
    expect(error.message).toContain("Field :email is not a valid email address.");
    expect(posts()).toEqual(["POST /add_user"]);
  });

  it("never sends the password: TestRail's add_user takes none", async () => {
    const outcome = await writes.users.invite({ ...person, password: "s3cret-Passw0rd" }, h.session());
    expect(JSON.stringify(outcome)).not.toContain("s3cret-Passw0rd");
    expect(state().credentials.has(Number(outcome.user.remoteId))).toBe(false);
  });

  it("sends add_user once on a 5xx and reads the email to see where it stands", async () => {
    h.sim.faults.inject({ kind: "5xx", match: "POST /add_user", times: 1 });
    const error = await rejection(writes.users.invite(person, h.session()));
    expect((error as SourceError).code).toBe(ErrorCode.SOURCE_UNAVAILABLE);
    expect(calls()).toEqual(["GET /get_user_by_email", "POST /add_user", "GET /get_user_by_email"]);
    expect(state().users.size).toBe(63);
  });

  it("answers ALREADY_EXISTS when add_user is refused for an email taken since the lookup, creating nothing", async () => {
    // The lookup says "no such email" (a race: the account is made right after), then add_user
    // refuses the address as taken; a second lookup finds the account.
    const taken = state().users.get(1)!.email;
    sim().settings.scriptedErrors.push({
      route: "GET /get_user_by_email",
      status: 400,
      error: "Field :email is not a valid email address.",
    });
    const outcome = await writes.users.invite({ ...person, email: taken }, h.session());
    expect(outcome.status).toBe("ALREADY_EXISTS");
    expect(outcome.user.remoteId).toBe("1");
    expect(calls()).toEqual(["GET /get_user_by_email", "POST /add_user", "GET /get_user_by_email"]);
    expect(state().users.size).toBe(63);
  });

  it("settles a lost answer by reading: the user TestRail did create is answered, not created again", async () => {
    h.sim.faults.inject({ kind: "lose-answer", methods: ["POST"], times: 1 });
    const outcome = await writes.users.invite(person, h.session());
    expect(outcome.status).toBe("CREATED");
    expect(outcome.user.email).toBe(person.email);
    expect(calls()).toEqual(["GET /get_user_by_email", "POST /add_user", "GET /get_user_by_email"]);
    expect(state().users.size).toBe(64);
  });
});

describe("updateUser → update_user", () => {
  it("writes the full name, email and global role in one partial update", async () => {
    const user = await writes.users.update(
      "2",
      { firstName: "Ciarán", lastName: "Davenport-Ng", email: "ciaran.ng@example.com", globalRole: "Lead" },
      h.session(),
    );
    expect(user).toMatchObject({ displayName: "Ciarán Davenport-Ng", email: "ciaran.ng@example.com" });
    expect(user.raw).toMatchObject({ role: "Lead", role_id: ROLE.lead });
    expect(calls()).toEqual(["GET /get_roles", "GET /get_user_by_email", "POST /update_user/2"]);
    // The old address no longer finds anyone; the new one does.
    expect(state().users.get(2)?.email).toBe("ciaran.ng@example.com");
  });

  it("asks for both names: TestRail keeps one full name", async () => {
    const error = await rejection(writes.users.update("2", { firstName: "Ciarán" }, h.session()));
    expect((error as InputError).field).toBe("input.lastName");
    expect(calls()).toEqual([]);
  });

  it("refuses an email another user has, on input.email", async () => {
    const error = await rejection(
      writes.users.update("2", { email: "alexis.gonzalez@example.com" }, h.session()),
    );
    expect((error as InputError).field).toBe("input.email");
    expect(posts()).toEqual([]);
  });

  it("refuses a login that is not the new email: TestRail signs in by email", async () => {
    const error = await rejection(writes.users.update("2", { login: "ciaran" }, h.session()));
    expect((error as InputError).field).toBe("input.login");
  });

  it("refuses a version token: TestRail users have none", async () => {
    const error = await rejection(
      writes.users.update("2", { globalRole: "Lead", version: "3" }, h.session()),
    );
    expect((error as InputError).field).toBe("input.version");
  });

  it("answers an unknown user as NOT_FOUND (TestRail's 400 on the id)", async () => {
    const error = await rejection(writes.users.update("999999", { globalRole: "Lead" }, h.session()));
    expect((error as SourceError).code).toBe(ErrorCode.NOT_FOUND);
  });

  it("sends update_user once on a 5xx and reads the user back before failing", async () => {
    h.sim.faults.inject({ kind: "5xx", match: "POST /update_user", times: 1 });
    const error = await rejection(writes.users.update("2", { globalRole: "Lead" }, h.session()));
    expect((error as SourceError).code).toBe(ErrorCode.SOURCE_UNAVAILABLE);
    expect(calls()).toEqual(["GET /get_roles", "POST /update_user/2", "GET /get_user/2"]);
  });
});

describe("setUserActive → update_user { is_active }", () => {
  it("deactivates each user with one update_user (TestRail has no bulk update); they leave project listings", async () => {
    expect(listed(2)).toHaveProperty("1");
    const answers = await writes.users.setActive(["1", "2", "999999"], false, h.session());
    expect((answers[0] as UserRecord).active).toBe(false);
    expect((answers[1] as UserRecord).active).toBe(false);
    expect((answers[2] as SourceError).code).toBe(ErrorCode.NOT_FOUND);
    expect(posts().sort()).toEqual([
      "POST /update_user/1",
      "POST /update_user/2",
      "POST /update_user/999999",
    ]);
    expect(listed(2)).not.toHaveProperty("1");

    const back = await writes.users.setActive(["1"], true, h.session());
    expect((back[0] as UserRecord).active).toBe(true);
    expect(listed(2)).toHaveProperty("1", "Designer");
  });

  it("settles a lost answer with get_user instead of sending again", async () => {
    h.sim.faults.inject({ kind: "lose-answer", methods: ["POST"], times: 1 });
    const [answer] = await writes.users.setActive(["2"], false, h.session());
    expect((answer as UserRecord).active).toBe(false);
    expect(calls()).toEqual(["POST /update_user/2", "GET /get_user/2"]);
  });

  it("has no remove: TestRail has no delete_user", () => {
    expect(writes.users.remove).toBeUndefined();
  });
});

describe("project access → update_project { users: [{ id, role_id }] }", () => {
  it("lists get_roles' names; a null role is Global Role, not one named role", async () => {
    const roles = await writes.access.projectRoles(h.session());
    expect(roles).toEqual({
      names: ["Lead", "Designer", "Tester", "Guest", "No Access", "Release Manager", "Automation"],
      defaultRole: null,
    });
  });

  it("grants ten users on one project with one get_project and ONE update_project, keeping other overrides", async () => {
    const userIds = Array.from({ length: 10 }, (_, i) => String(100 + i));
    const session = h.session();
    const { names } = await writes.access.projectRoles(session);
    expect(names).toContain("Release Manager");
    const answers = await writes.access.grant(
      userIds.map((userId) => ({ userId, projectId: "2", role: "Release Manager" })),
      session,
    );
    // get_roles once (shared with projectRoles), the ten users in one get_users page (more ids
    // than pages), the overrides as they stand, one write.
    expect(calls().sort()).toEqual([
      "GET /get_project/2",
      "GET /get_roles",
      "GET /get_users",
      "POST /update_project/2",
    ]);
    // None of them had an override of their own there: each is a new assignment.
    for (const answer of answers)
      expect(answer).toMatchObject({
        status: "CREATED",
        permission: {
          projectId: "2",
          role: "Release Manager",
          level: PermissionLevel.MANAGE,
          project: { name: "Web Portal" },
        },
      });
    // The existing override (Alexis: Designer) survived the whole-list write.
    expect(state().projects.get(2)?.users.get(1)).toBe(ROLE.designer);
    const now = listed(2);
    for (const id of userIds)
      if (state().users.get(Number(id))?.is_active) expect(now[Number(id)]).toBe("Release Manager");
  });

  it("writes one update_project per project when grants span projects", async () => {
    await writes.access.grant(
      [
        { userId: "2", projectId: "3", role: "Tester" },
        { userId: "2", projectId: "4", role: "Tester" },
        { userId: "1", projectId: "4", role: "Guest" },
      ],
      h.session(),
    );
    expect(posts().sort()).toEqual(["POST /update_project/3", "POST /update_project/4"]);
    expect(listed(3)[2]).toBe("Tester");
    expect(listed(4)).toMatchObject({ 1: "Guest", 2: "Tester" });
  });

  it("grants without a role as Global Role: the user's own role applies, even where the default is No Access", async () => {
    expect(listed(6)).not.toHaveProperty("2");
    const [answer] = await writes.access.grant([{ userId: "2", projectId: "6", role: null }], h.session());
    expect(answer).toMatchObject({
      status: "CREATED",
      permission: { role: "Designer", level: PermissionLevel.EDIT },
    });
    expect(state().projects.get(6)?.users.get(2)).toBe(0);
    expect(listed(6)[2]).toBe("Designer");
  });

  it("sends nothing when the override is already as asked, and says so (UNCHANGED)", async () => {
    // Seed: Alexis holds Designer on Web Portal by a user override.
    const [answer] = await writes.access.grant(
      [{ userId: "1", projectId: "2", role: "Designer" }],
      h.session(),
    );
    expect(answer).toMatchObject({ status: "UNCHANGED", permission: { role: "Designer" } });
    expect(posts()).toEqual([]);
  });

  it("answers a changed override UPDATED", async () => {
    const [answer] = await writes.access.grant([{ userId: "1", projectId: "2", role: "Lead" }], h.session());
    expect(answer).toMatchObject({ status: "UPDATED", permission: { role: "Lead" } });
    expect(posts()).toEqual(["POST /update_project/2"]);
  });

  it("answers an unknown user in its own slot and still grants the rest in one write", async () => {
    const answers = await writes.access.grant(
      [
        { userId: "2", projectId: "6", role: "Lead" },
        { userId: "999999", projectId: "6", role: "Lead" },
      ],
      h.session(),
    );
    expect((answers[0] as GrantOutcome).permission.role).toBe("Lead");
    expect((answers[1] as SourceError).code).toBe(ErrorCode.NOT_FOUND);
    expect(posts()).toEqual(["POST /update_project/6"]);
    expect([...state().projects.get(6)!.users.keys()]).not.toContain(999999);
  });

  it("answers an unknown project as NOT_FOUND without writing", async () => {
    const [answer] = await writes.access.grant(
      [{ userId: "2", projectId: "999", role: "Lead" }],
      h.session(),
    );
    expect((answer as SourceError).code).toBe(ErrorCode.NOT_FOUND);
    expect(posts()).toEqual([]);
  });

  it("refuses a role TestRail does not have on input.role", async () => {
    const error = await rejection(
      writes.access.grant([{ userId: "2", projectId: "6", role: "Overlord" }], h.session()),
    );
    expect((error as InputError).field).toBe("input.role");
    expect(posts()).toEqual([]);
  });

  it("unassigns with a No Access override, which outranks the project default and group overrides", async () => {
    // Alexis on Payments API: her own Lead override, and QA Team's Tester override beneath it.
    expect(listed(3)[1]).toBe("Lead");
    const answers = await writes.access.revoke([{ userId: "1", projectId: "3" }], h.session());
    expect(answers).toEqual(["DELETED"]);
    expect(state().projects.get(3)?.users.get(1)).toBe(ROLE.noAccess);
    expect(listed(3)).not.toHaveProperty("1");
    expect(posts()).toEqual(["POST /update_project/3"]);
  });

  for (const listsNoAccess of [true, false])
    it(`unassigns by clearing the override where nothing else gives access (get_roles ${listsNoAccess ? "with" : "without"} No Access)`, async () => {
      // Security Review defaults to No Access and no group has access there; user 103 holds a
      // Designer override.
      sim().settings.listNoAccessRole = listsNoAccess;
      expect(listed(6)[103]).toBe("Designer");
      const answers = await writes.access.revoke([{ userId: "103", projectId: "6" }], h.session());
      expect(answers).toEqual(["DELETED"]);
      expect(state().projects.get(6)?.users.has(103)).toBe(false);
      expect(listed(6)).not.toHaveProperty("103");
      // Others' overrides stay.
      expect(state().projects.get(6)?.users.get(110)).toBe(ROLE.designer);
      expect(posts()).toEqual(["POST /update_project/6"]);
      // TestRail's listing is read to confirm it.
      expect(calls()).toContain("GET /get_users/6");
    });

  it("answers UNSUPPORTED_BY_SOURCE where the project's default gives access and get_roles has no No Access", async () => {
    sim().settings.listNoAccessRole = false;
    const [answer] = await writes.access.revoke([{ userId: "1", projectId: "2" }], h.session());
    expect(answer).toBeInstanceOf(UnsupportedError);
    expect((answer as UnsupportedError).code).toBe(ErrorCode.UNSUPPORTED_BY_SOURCE);
    expect((answer as Error).message).toBe(
      'TestRail (source "src") cannot take user 1 off project 2 ("Web Portal"): clearing their own access is not enough, as the project\'s default access gives every user the role Tester, and its get_roles lists no "No Access" role to set instead. Set the user\'s access to No Access in the project\'s Access tab in TestRail',
    );
    expect(posts()).toEqual([]);
    expect(listed(2)[1]).toBe("Designer");
  });

  it("answers UNSUPPORTED_BY_SOURCE where a group of the user's gives access and get_roles has no No Access", async () => {
    // Payments API defaults to No Access, but Alexis's QA Team has Tester there.
    sim().settings.listNoAccessRole = false;
    const [answer] = await writes.access.revoke([{ userId: "1", projectId: "3" }], h.session());
    expect((answer as UnsupportedError).code).toBe(ErrorCode.UNSUPPORTED_BY_SOURCE);
    expect((answer as Error).message).toContain("as their group 1 has access there (Tester)");
    expect(posts()).toEqual([]);
  });

  it("does not clear an override when TestRail does not say which groups the user is in (pre-7.3 users)", async () => {
    sim().settings.listNoAccessRole = false;
    sim().settings.userFields = "6.4";
    const [answer] = await writes.access.revoke([{ userId: "2", projectId: "3" }], h.session());
    expect((answer as Error).message).toContain("TestRail does not say which groups the user is in");
    expect(posts()).toEqual([]);
  });

  it("reports a revocation whose confirmation could not be read as failed, not done", async () => {
    h.sim.faults.inject({ kind: "5xx", match: "GET /get_users/6", times: 3 });
    const [answer] = await writes.access.revoke([{ userId: "103", projectId: "6" }], h.session());
    expect((answer as SourceError).code).toBe(ErrorCode.SOURCE_UNAVAILABLE);
    expect(posts()).toEqual(["POST /update_project/6"]);
  });

  it("sends update_project once on a 5xx and reads the project back before failing", async () => {
    h.sim.faults.inject({ kind: "5xx", match: "POST /update_project", times: 1 });
    const [answer] = await writes.access.grant([{ userId: "2", projectId: "6", role: "Lead" }], h.session());
    expect((answer as SourceError).code).toBe(ErrorCode.SOURCE_UNAVAILABLE);
    expect(calls().filter((c) => c.includes("project"))).toEqual([
      "GET /get_project/6",
      "POST /update_project/6",
      "GET /get_project/6",
    ]);
  });

  it("settles a lost answer from get_project: the override is there, so the grant stands", async () => {
    h.sim.faults.inject({ kind: "lose-answer", methods: ["POST"], times: 1 });
    const [answer] = await writes.access.grant([{ userId: "2", projectId: "6", role: "Lead" }], h.session());
    expect(answer).toMatchObject({ status: "CREATED", permission: { role: "Lead" } });
    expect(posts()).toEqual(["POST /update_project/6"]);
  });
});

describe("groups → add_group, update_group, delete_group", () => {
  it("creates a group with members after checking the name and the users", async () => {
    const group = await writes.groups.create({ name: "Auditors", userIds: ["1", "2"] }, h.session());
    expect(group).toMatchObject({ name: "Auditors", description: null, grants: [] });
    expect(calls().sort()).toEqual([
      "GET /get_groups",
      "GET /get_user/1",
      "GET /get_user/2",
      "POST /add_group",
    ]);
    expect([...state().groups.get(Number(group.remoteId))!.user_ids]).toEqual([1, 2]);
    // The users now carry the group (get_user's group_ids).
    expect(new TestRailViews(state()).groupIdsOf(2)).toContain(Number(group.remoteId));
  });

  it("refuses grants and descriptions: TestRail groups hold neither", async () => {
    const grants = await rejection(writes.groups.create({ name: "X", grants: ["run"] }, h.session()));
    expect((grants as InputError).field).toBe("input.grants");
    const description = await rejection(writes.groups.create({ name: "X", description: "d" }, h.session()));
    expect((description as InputError).field).toBe("input.description");
    expect(calls()).toEqual([]);
  });

  it("refuses a second group of the same name (no duplicates) and an unknown member by position", async () => {
    const taken = await rejection(writes.groups.create({ name: "qa team" }, h.session()));
    expect((taken as InputError).field).toBe("input.name");
    const unknown = await rejection(
      writes.groups.create({ name: "New", userIds: ["1", "999999"] }, h.session()),
    );
    expect((unknown as InputError).field).toBe("input.members[1]");
    expect(posts()).toEqual([]);
  });

  it("settles a lost add_group answer by finding the group by name", async () => {
    h.sim.faults.inject({ kind: "lose-answer", methods: ["POST"], times: 1 });
    const group = await writes.groups.create({ name: "Auditors" }, h.session());
    expect(group.name).toBe("Auditors");
    expect(posts()).toEqual(["POST /add_group"]);
    expect([...state().groups.values()].filter((g) => g.name === "Auditors")).toHaveLength(1);
  });

  it("writes no member list when get_group shows none: it would replace the members TestRail has", async () => {
    sim().settings.groupUserIds = "nowhere";
    const before = [...state().groups.get(1)!.user_ids];
    const error = await rejection(writes.groups.addMembers("1", ["2"], h.session()));
    expect((error as SourceError).code).toBe(ErrorCode.SOURCE_BAD_RESPONSE);
    expect(posts()).toEqual([]);
    expect([...state().groups.get(1)!.user_ids]).toEqual(before);
  });

  it("adds members by reading the list, merging and writing it whole (user_ids replaces it)", async () => {
    const before = [...state().groups.get(1)!.user_ids];
    const { status, now: group } = await writes.groups.addMembers("1", ["2"], h.session());
    expect(status).toBe("UPDATED");
    expect(calls().sort()).toEqual(["GET /get_group/1", "GET /get_user/2", "POST /update_group/1"]);
    expect((group.raw as { user_ids: number[] }).user_ids).toEqual([...before, 2].sort((a, b) => a - b));
    expect(state().groups.get(1)!.user_ids.has(1)).toBe(true);
  });

  it("removes only the members named, and writes nothing for a non-member", async () => {
    const before = [...state().groups.get(1)!.user_ids];
    expect((await writes.groups.removeMembers!("1", ["1"], h.session())).status).toBe("UPDATED");
    expect([...state().groups.get(1)!.user_ids].sort()).toEqual(before.filter((id) => id !== 1).sort());
    h.sim.log.clear();
    expect((await writes.groups.removeMembers!("1", ["2"], h.session())).status).toBe("UNCHANGED");
    expect(calls()).toEqual(["GET /get_group/1"]);
  });

  it("renames, refusing a name another group has", async () => {
    const renamed = await writes.groups.update("3", { name: "Contractors" }, h.session());
    expect(renamed.name).toBe("Contractors");
    const taken = await rejection(writes.groups.update("3", { name: "Developers" }, h.session()));
    expect((taken as InputError).field).toBe("input.name");
  });

  it("deletes a group; an unknown one is NOT_FOUND", async () => {
    await writes.groups.remove("5", h.session());
    expect(state().groups.has(5)).toBe(false);
    // Web Portal's override for the deleted group went with it.
    expect(state().projects.get(2)?.groups.has(5)).toBe(false);
    const error = await rejection(writes.groups.remove("5", h.session()));
    expect((error as SourceError).code).toBe(ErrorCode.NOT_FOUND);
  });
});
