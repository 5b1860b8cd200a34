/**
 * The Squash TM writer against its simulator over real HTTP: which calls each write makes (the
 * simulator's request log), no duplicates, no blind retries, and validation naming the input field.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Capability } from "../../../src/model/capabilities.js";
import { ErrorCode, InputError, NotFoundError, SourceError } from "../../../src/model/errors.js";
import { PermissionLevel, type UserRecord } from "../../../src/model/records.js";
import { person } from "../../../src/simulator/people.js";
import type { GrantOutcome, NewUser } from "../../../src/vendors/connector-writes.js";
import { squashTm } from "../../../src/vendors/squash-tm/index.js";
import type { SquashSimulator } from "../../../src/vendors/squash-tm/simulator/index.js";
import { userByLogin } from "../../../src/vendors/squash-tm/simulator/user-store.js";
import { startVendor, type VendorHarness } from "../../support/vendor-harness.js";

let h: VendorHarness;
const sim = () => h.sim as SquashSimulator;
const writes = () => h.connector.writes!;
/** "METHOD path?query" of a logged request, decoded for reading. */
const line = (e: { method: string; path: string; query: string }) =>
  `${e.method} ${decodeURIComponent(e.path)}${e.query ? `?${decodeURIComponent(e.query.replaceAll("+", " "))}` : ""}`;
/** Every request since the last clear. */
const calls = () => h.sim.log.list().map(line);
const sent = (method: string) => calls().filter((c) => c.startsWith(`${method} `));

/** Generated person #i is user 1000+i with login first.last (simulator seed). */
const gen = (i: number) => ({ id: String(1000 + i), ...person(i) });

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable("expected a rejection"),
    (error: unknown) => error,
  );
}

const newcomer = (n: number, extra: Partial<NewUser> = {}): NewUser => ({
  email: `newcomer.${n}@example.org`,
  firstName: "New",
  lastName: `Comer${n}`,
  password: "s3cret-pass",
  ...extra,
});

beforeAll(async () => {
  h = await startVendor(squashTm, { users: 30 });
});
afterAll(() => h?.stop());
beforeEach(() => {
  h.sim.log.clear();
  h.sim.faults.clear();
});

describe("Squash TM writer: what it supports", () => {
  it("declares every user administration capability but groups, which Squash does not have", () => {
    const caps = h.connector.capabilities;
    for (const c of [
      Capability.INVITE_USERS,
      Capability.UPDATE_USERS,
      Capability.DEACTIVATE_USERS,
      Capability.REACTIVATE_USERS,
      Capability.DELETE_USERS,
      Capability.ASSIGN_PROJECTS,
      Capability.MANAGE_TEAM_MEMBERS,
    ])
      expect(caps.has(c), c).toBe(true);
    expect(caps.has(Capability.MANAGE_GROUPS)).toBe(false);
    expect(writes().groups).toBeUndefined();
  });

  it("offers the seven permission groups of the doc page, with no default, without a call", async () => {
    const roles = await writes().access!.projectRoles(h.session());
    expect([...roles.names].sort()).toEqual(
      [
        "advanced_tester",
        "project_manager",
        "project_viewer",
        "test_designer",
        "test_editor",
        "test_runner",
        "validator",
      ].sort(),
    );
    expect(roles.defaultRole).toBeNull();
    expect(calls()).toEqual([]);
  });
});

describe("Squash TM writer: invite", () => {
  it("checks the login, scans the emails, then creates with POST /users (login = email, group user)", async () => {
    // The source's first login nobody holds: the by-login route is asked about a login the list
    // names, once (logins.ts), so its 404 can mean "nobody" from then on.
    const before = sim().state.users.size;
    const outcome = await writes().users!.invite(newcomer(1), h.session());
    expect(outcome.status).toBe("CREATED");
    expect(outcome.user).toMatchObject({
      login: "newcomer.1@example.org",
      email: "newcomer.1@example.org",
      displayName: "New Comer1",
      active: true,
      admin: false,
    });
    expect(calls()).toEqual([
      "GET /users/login/newcomer.1@example.org",
      "GET /users?page=0&size=1&sort=id&fields=id,login",
      "GET /users/login/admin",
      "GET /users?page=0&size=2000&sort=id&fields=id,email",
      "POST /users",
    ]);
    expect(sim().state.users.size).toBe(before + 1);
    const stored = userByLogin(sim().state, "newcomer.1@example.org")!;
    expect(stored).toMatchObject({ group: "User", can_delete_from_front: false, last_name: "Comer1" });
    // The password reached Squash (the new account can sign in with it) and nothing else.
    expect(sim().state.passwords.get(stored.id)).toBe("s3cret-pass");
    expect(JSON.stringify(outcome)).not.toContain("s3cret-pass");
  });

  it("uses the login and the group given; either the request or the response spelling of a group", async () => {
    const admin = await writes().users!.invite(
      newcomer(2, { login: "newcomer-2", globalRole: "admin" }),
      h.session(),
    );
    expect(admin.user).toMatchObject({ login: "newcomer-2", admin: true });
    const robot = await writes().users!.invite(
      newcomer(3, { login: "robot-3", globalRole: "TestAutomationServer" }),
      h.session(),
    );
    expect((robot.user.raw as { group: string }).group).toBe("TestAutomationServer");
  });

  it("answers ALREADY_EXISTS for a taken email found by its login, with one call and no POST", async () => {
    await writes().users!.invite(newcomer(4), h.session());
    h.sim.log.clear();
    const users = sim().state.users.size;
    const again = await writes().users!.invite(newcomer(4), h.session());
    expect(again.status).toBe("ALREADY_EXISTS");
    expect(again.user.email).toBe("newcomer.4@example.org");
    expect(calls()).toEqual(["GET /users/login/newcomer.4@example.org"]);
    expect(sim().state.users.size).toBe(users);
  });

  it("finds a seeded account by email (any case) through the list scan, and creates nothing", async () => {
    const p = gen(5);
    const users = sim().state.users.size;
    const outcome = await writes().users!.invite(
      newcomer(5, { email: p.email.toUpperCase(), login: "someone-else" }),
      h.session(),
    );
    expect(outcome).toMatchObject({ status: "ALREADY_EXISTS", user: { remoteId: p.id, login: p.handle } });
    expect(sent("POST")).toEqual([]);
    expect(sim().state.users.size).toBe(users);
  });

  it("refuses a login held by an account with another email, naming input.login, before writing", async () => {
    const error = await rejection(writes().users!.invite(newcomer(6, { login: gen(6).handle }), h.session()));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).field).toBe("input.login");
    expect(calls()).toEqual([`GET /users/login/${gen(6).handle}`]);
  });

  it.each([
    ["no password (Squash requires one; Rollcall invents none)", { password: undefined }, "input.password"],
    ["an unknown user group", { globalRole: "superuser" }, "input.globalRole"],
    ["a group id (Squash has no user groups)", { groupIds: ["1"] }, "input.groups"],
  ])("refuses %s with BAD_USER_INPUT on the field, without a call", async (_what, extra, field) => {
    const error = await rejection(writes().users!.invite(newcomer(7, extra), h.session()));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).field).toBe(field);
    expect(calls()).toEqual([]);
  });

  it("never resends a create that failed with a 5xx: sends it once, reads the login back, reports the failure", async () => {
    h.sim.faults.inject({ kind: "5xx", match: "POST /users", times: 1 });
    const error = await rejection(writes().users!.invite(newcomer(8), h.session()));
    expect(error).toBeInstanceOf(SourceError);
    expect((error as SourceError).code).toBe(ErrorCode.SOURCE_UNAVAILABLE);
    expect(sent("POST")).toEqual(["POST /users"]);
    expect(calls().at(-1)).toBe("GET /users/login/newcomer.8@example.org");
    expect(userByLogin(sim().state, "newcomer.8@example.org")).toBeUndefined();
  });
});

describe("Squash TM writer: a create whose answer never came", () => {
  it("is resolved by reading the login back: the account is there, so CREATED, after one POST", async () => {
    // Squash commits the account, then the connection drops before the answer (the kit's fault).
    h.sim.faults.inject({ kind: "lose-answer", drop: true, match: "POST /users", times: 1 });
    h.sim.log.clear();
    const outcome = await writes().users!.invite(newcomer(9), h.session());
    expect(outcome.status).toBe("CREATED");
    expect(outcome.user.login).toBe("newcomer.9@example.org");
    const methods = h.sim.log.list().map(line);
    expect(methods.filter((m) => m.startsWith("POST"))).toHaveLength(1);
    expect(methods.at(-1)).toBe("GET /users/login/newcomer.9@example.org");
    expect(userByLogin(sim().state, "newcomer.9@example.org")?.id).toBe(Number(outcome.user.remoteId));
  });
});

describe("Squash TM writer: update, deactivate, reactivate", () => {
  it("PATCHes only the fields that change and answers with the user as Squash now has it", async () => {
    const p = gen(10);
    const user = await writes().users!.update!(
      p.id,
      { firstName: "Renamed", globalRole: "Admin" },
      h.session(),
    );
    expect(user).toMatchObject({ remoteId: p.id, firstName: "Renamed", admin: true, login: p.handle });
    expect(calls()).toEqual([`PATCH /users/${p.id}`]);
    expect(sim().state.users.get(Number(p.id))).toMatchObject({ first_name: "Renamed", group: "Admin" });
  });

  it("moves a login after checking it is free, and refuses one held by someone else naming input.login", async () => {
    const p = gen(11);
    const moved = await writes().users!.update!(p.id, { login: "moved-11" }, h.session());
    expect(moved.login).toBe("moved-11");
    expect(calls()).toEqual(["GET /users/login/moved-11", `PATCH /users/${p.id}`]);
    h.sim.log.clear();
    const error = await rejection(writes().users!.update!(p.id, { login: gen(12).handle }, h.session()));
    expect((error as InputError).field).toBe("input.login");
    expect(sent("PATCH")).toEqual([]);
  });

  it("refuses an unknown group naming input.globalRole, and an unknown user as NOT_FOUND", async () => {
    const bad = await rejection(writes().users!.update!(gen(13).id, { globalRole: "root" }, h.session()));
    expect((bad as InputError).field).toBe("input.globalRole");
    const missing = await rejection(writes().users!.update!("999999", { firstName: "X" }, h.session()));
    expect(missing).toBeInstanceOf(NotFoundError);
  });

  it("deactivates with one PATCH {active:false} per user, each answering the user as it stands", async () => {
    const ids = [gen(14).id, gen(15).id];
    const answers = await writes().users!.setActive!([...ids, "999999"], false, h.session());
    expect((answers.slice(0, 2) as UserRecord[]).map((u) => u.active)).toEqual([false, false]);
    expect(answers[2]).toBeInstanceOf(NotFoundError);
    expect(sent("PATCH").sort()).toEqual(["PATCH /users/1014", "PATCH /users/1015", "PATCH /users/999999"]);
    const back = await writes().users!.setActive!(ids, true, h.session());
    expect((back as UserRecord[]).map((u) => u.active)).toEqual([true, true]);
  });
  it("sends a PATCH that failed with a 5xx once, and reads the user back to see it did not happen", async () => {
    const id = gen(15).id;
    h.sim.faults.inject({ kind: "5xx", match: `PATCH /users/${id}`, times: 1 });
    const [answer] = await writes().users!.setActive!([id], false, h.session());
    expect((answer as SourceError).code).toBe(ErrorCode.SOURCE_UNAVAILABLE);
    expect(calls()).toEqual([`PATCH /users/${id}`, `GET /users/${id}`]);
    expect(sim().state.users.get(Number(id))?.active).toBe(true);
  });
});

describe("Squash TM writer: delete", () => {
  it("deletes every id with ONE DELETE /users/{ids}", async () => {
    const ids = [gen(16).id, gen(17).id, gen(18).id];
    expect(await writes().users!.remove!(ids, h.session())).toEqual([true, true, true]);
    expect(calls()).toEqual([`DELETE /users/${ids.join(",")}`]);
    for (const id of ids) expect(sim().state.users.has(Number(id))).toBe(false);
  });

  it("after Squash refuses a list over an unknown id, finds it with reads and deletes the rest in one more call", async () => {
    const ids = [gen(19).id, "999999", gen(20).id];
    const answers = await writes().users!.remove!(ids, h.session());
    expect(answers[0]).toBe(true);
    expect(answers[1]).toBeInstanceOf(NotFoundError);
    expect(answers[2]).toBe(true);
    expect(sent("DELETE")).toEqual([
      `DELETE /users/${ids.join(",")}`,
      `DELETE /users/${gen(19).id},${gen(20).id}`,
    ]);
    expect(sim().state.users.has(1019)).toBe(false);
  });

  it("sends a delete that failed with a 5xx once, and reads back that the users are still there", async () => {
    h.sim.faults.inject({ kind: "5xx", match: "DELETE /users", times: 1 });
    const ids = [gen(21).id, gen(22).id];
    const answers = await writes().users!.remove!(ids, h.session());
    for (const a of answers) expect((a as SourceError).code).toBe(ErrorCode.SOURCE_UNAVAILABLE);
    expect(sent("DELETE")).toHaveLength(1);
    expect(sent("GET").sort()).toEqual(["GET /users/1021", "GET /users/1022"]);
    expect(sim().state.users.has(1021)).toBe(true);
  });
});

describe("Squash TM writer: project access", () => {
  const grant = (userId: string, projectId: string, role: string | null = "test_runner") => ({
    userId,
    projectId,
    role,
  });

  it("grants one user one group on several projects with ONE POST …/permissions/{group}?ids=a,b,c", async () => {
    const u = gen(23).id;
    // A project the generated user held a group on before is UPDATED, any other CREATED.
    const held = new Set(sim().state.permissions.get(Number(u))?.keys() ?? []);
    const was = (project: number) => (held.has(project) ? "UPDATED" : "CREATED");
    const answers = await writes().access!.grant(
      [grant(u, "370"), grant(u, "371"), grant(u, "372")],
      h.session(),
    );
    // What the user holds first (it decides CREATED, UPDATED or UNCHANGED), then the one write.
    expect(calls()).toEqual([
      `GET /users/${u}/permissions`,
      `POST /users/${u}/permissions/test_runner?ids=370,371,372`,
    ]);
    expect(
      (answers as GrantOutcome[]).map(({ status, permission: p }) => [
        status,
        p.projectId,
        p.role,
        p.level,
        p.project?.name,
      ]),
    ).toEqual([
      [was(370), "370", "test_runner", PermissionLevel.EXECUTE, "Mobile Banking"],
      [was(371), "371", "test_runner", PermissionLevel.EXECUTE, "Web Portal"],
      [was(372), "372", "test_runner", PermissionLevel.EXECUTE, "Payments API"],
    ]);
    expect(sim().state.permissions.get(Number(u))?.get(371)).toBe("test_runner");
  });

  it("sends only the projects whose group changes: one held as asked is UNCHANGED, another UPDATED", async () => {
    const u = gen(30).id;
    await writes().access!.grant([grant(u, "370"), grant(u, "371", "validator")], h.session());
    h.sim.log.clear();
    const answers = await writes().access!.grant([grant(u, "370"), grant(u, "371")], h.session());
    expect((answers as GrantOutcome[]).map((a) => [a.status, a.permission.role])).toEqual([
      ["UNCHANGED", "test_runner"],
      ["UPDATED", "test_runner"],
    ]);
    expect(sent("POST")).toEqual([`POST /users/${u}/permissions/test_runner?ids=371`]);
  });

  it("makes one call per user and group: two users and two groups are three calls, not five", async () => {
    const [a, b] = [gen(24).id, gen(25).id];
    await writes().access!.grant(
      [grant(a, "370"), grant(a, "371"), grant(b, "370"), grant(a, "372", "validator"), grant(b, "371")],
      h.session(),
    );
    expect(sent("POST").sort()).toEqual([
      `POST /users/${a}/permissions/test_runner?ids=370,371`,
      `POST /users/${a}/permissions/validator?ids=372`,
      `POST /users/${b}/permissions/test_runner?ids=370,371`,
    ]);
  });

  it("refuses a null role (Squash has no default group) naming input.role, without a call", async () => {
    const error = await rejection(writes().access!.grant([grant(gen(26).id, "370", null)], h.session()));
    expect((error as InputError).field).toBe("input.role");
    expect(calls()).toEqual([]);
  });

  it("answers NOT_FOUND for an unknown project and still grants the others, in one more call", async () => {
    const u = gen(27).id;
    const answers = await writes().access!.grant(
      [grant(u, "370"), grant(u, "999"), grant(u, "371")],
      h.session(),
    );
    expect(answers[1]).toBeInstanceOf(NotFoundError);
    expect((answers[0] as GrantOutcome).permission.role).toBe("test_runner");
    expect((answers[2] as GrantOutcome).permission.role).toBe("test_runner");
    expect(sent("POST")).toEqual([
      `POST /users/${u}/permissions/test_runner?ids=370,999,371`,
      `POST /users/${u}/permissions/test_runner?ids=370,371`,
    ]);
  });

  it("sends a grant that failed with a 5xx once, and settles it by reading the permissions back", async () => {
    const u = gen(28).id;
    h.sim.faults.inject({ kind: "5xx", match: `POST /users/${u}/permissions`, times: 1 });
    const [answer] = await writes().access!.grant([grant(u, "374", "project_viewer")], h.session());
    expect((answer as SourceError).code).toBe(ErrorCode.SOURCE_UNAVAILABLE);
    expect(calls()).toEqual([
      `GET /users/${u}/permissions`,
      `POST /users/${u}/permissions/project_viewer?ids=374`,
      `GET /users/${u}/permissions`,
    ]);
  });

  it("revokes several projects of one user with ONE DELETE /users/{id}/permissions?ids=a,b", async () => {
    const u = gen(29).id;
    await writes().access!.grant([grant(u, "370"), grant(u, "371")], h.session());
    h.sim.log.clear();
    const answers = await writes().access!.revoke(
      [
        { userId: u, projectId: "370" },
        { userId: u, projectId: "371" },
      ],
      h.session(),
    );
    expect(answers).toEqual(["DELETED", "DELETED"]);
    expect(calls()).toEqual([`GET /users/${u}/permissions`, `DELETE /users/${u}/permissions?ids=370,371`]);
    expect(sim().state.permissions.get(Number(u))?.has(370)).toBe(false);
    h.sim.log.clear();
    // Nothing held there any more: UNCHANGED, and nothing sent.
    expect(await writes().access!.revoke([{ userId: u, projectId: "370" }], h.session())).toEqual([
      "UNCHANGED",
    ]);
    expect(sent("DELETE")).toEqual([]);
  });
});

describe("Squash TM writer: team membership", () => {
  it("subscribes by login and team names in ONE POST, and answers with the user's teams after it", async () => {
    const { status, now: teams } = await writes().teams!.join("486", ["569", "570"], h.session());
    expect(status).toBe("UPDATED");
    expect(teams.map((t) => t.name)).toEqual(["Team A", "Team B", "QA Mobile", "QA Web"]);
    expect(sent("POST")).toEqual(["POST /users/login/User-1/teams?teamNames=QA Mobile,QA Web"]);
    // The user's teams before (what decides what to send) and after.
    expect(calls().sort()).toEqual(
      [
        "GET /users/486",
        "GET /teams/569",
        "GET /teams/570",
        "GET /users/login/User-1/teams?page=0&size=2000",
        "POST /users/login/User-1/teams?teamNames=QA Mobile,QA Web",
        "GET /users/login/User-1/teams?page=0&size=2000",
      ].sort(),
    );
  });

  it("sends only the teams whose membership changes, and nothing when none does (UNCHANGED)", async () => {
    const { status, now } = await writes().teams!.join("486", ["569", "570"], h.session());
    expect(status).toBe("UNCHANGED");
    expect(now.map((t) => t.remoteId)).toEqual(expect.arrayContaining(["569", "570"]));
    expect(sent("POST")).toEqual([]);
  });

  it("unsubscribes in ONE DELETE", async () => {
    const { status, now: teams } = await writes().teams!.leave("486", ["569", "570"], h.session());
    expect(status).toBe("UPDATED");
    expect(teams.map((t) => t.name)).toEqual(["Team A", "Team B"]);
    expect(sent("DELETE")).toEqual(["DELETE /users/login/User-1/teams?teamNames=QA Mobile,QA Web"]);
  });

  it("sends a subscription that failed with a 5xx once, and answers from the teams read back", async () => {
    h.sim.faults.inject({ kind: "5xx", match: "POST /users/login", times: 1 });
    const error = await rejection(writes().teams!.join("486", ["571"], h.session()));
    expect((error as SourceError).code).toBe(ErrorCode.SOURCE_UNAVAILABLE);
    expect(sent("POST")).toHaveLength(1);
    expect(calls().at(-1)).toBe("GET /users/login/User-1/teams?page=0&size=2000");
  });

  it("answers NOT_FOUND for an unknown team, before writing", async () => {
    const error = await rejection(writes().teams!.join("486", ["569", "9999"], h.session()));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(sent("POST")).toEqual([]);
  });
});
