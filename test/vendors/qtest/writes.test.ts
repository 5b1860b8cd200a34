/**
 * The qTest writers against the simulator over HTTP: what each write sends (counted in the
 * simulator's request log), that an invite never duplicates an account, that no write is sent
 * twice (a 5xx or a lost answer is settled by a read), and that vendor-side validation names the
 * unified input field.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ErrorCode, InputError, SourceError, UnsupportedError } from "../../../src/model/errors.js";
import { PermissionLevel, type UserRecord } from "../../../src/model/records.js";
import type { AccessWriter, UserWriter } from "../../../src/vendors/connector-writes.js";
import { qtest } from "../../../src/vendors/qtest/index.js";
import type { QTestSimulator } from "../../../src/vendors/qtest/simulator/index.js";
import { EXAMPLE_USER, SAMPLE_PROJECT } from "../../../src/vendors/qtest/simulator/seed.js";
import { userByLogin } from "../../../src/vendors/qtest/simulator/state.js";
import { DEFAULT_PASSWORD } from "../../../src/vendors/qtest/simulator/write-routes.js";
import { startVendor, type VendorHarness } from "../../support/vendor-harness.js";

let h: VendorHarness;
beforeEach(async () => {
  h = await startVendor(qtest, { users: 20 });
});
afterEach(() => h?.stop());

const sim = () => h.sim as QTestSimulator;
const users = (): UserWriter => h.connector.writes!.users!;
const access = (): AccessWriter => h.connector.writes!.access!;
const calls = () => h.sim.log.list().map((e) => `${e.method} ${e.path} ${e.status}`);
const sent = (method: string, path: string) =>
  h.sim.log.list().filter((e) => e.method === method && e.path === path).length;
const failure = <T>(promise: Promise<T>) =>
  promise.then(
    () => {
      throw new Error("expected a failure");
    },
    (e: unknown) => e as Error,
  );
const ok = <T>(answer: T | Error | undefined): T => {
  if (answer === undefined) throw new Error("no answer");
  if (answer instanceof Error) throw answer;
  return answer;
};
const person = (email: string) => ({ email, firstName: "Grace", lastName: "Hopper" });
/** Project members as the simulator stores them: user id → profile name. */
const members = (projectId: number) =>
  new Map(
    [...(sim().state.members.get(projectId) ?? [])].map(([userId, profileId]) => [
      String(userId),
      sim().state.profiles.get(profileId)?.name,
    ]),
  );
/** Generated people who are not on a project (the simulator's seed is deterministic). */
const outsiders = (projectId: number, n: number) =>
  [...sim().state.users.keys()]
    .filter((id) => id >= 1000 && !sim().state.members.get(projectId)?.has(id))
    .slice(0, n)
    .map(String);

describe("inviting a user", () => {
  it("searches the email, then creates the account with one POST /users and no password when none is given", async () => {
    const outcome = await users().invite(person("New.Invitee@Example.org"), h.session());

    expect(outcome.status).toBe("CREATED");
    expect(outcome.user).toMatchObject({
      login: "new.invitee@example.org",
      email: "new.invitee@example.org",
      displayName: "Grace Hopper",
      active: true,
    });
    // Mixed case: the lower-cased login and the address as given are both looked up.
    expect(calls().sort()).toEqual([
      "GET /api/v3/users/search 200",
      "GET /api/v3/users/search 200",
      "POST /api/v3/users 200",
    ]);
    // No password in the body: qTest set its documented default.
    expect(sim().state.passwords.get(Number(outcome.user.remoteId))).toBe(DEFAULT_PASSWORD);
    const [read] = await h.connector.users.getMany([outcome.user.remoteId], h.session());
    expect((read as UserRecord).email).toBe("new.invitee@example.org");
  });

  it("puts a given password in the request body only, never in the answer", async () => {
    const password = "Tr0ub4dor&3-secret";
    const outcome = await users().invite({ ...person("ada@example.org"), password }, h.session());

    expect(sim().state.passwords.get(Number(outcome.user.remoteId))).toBe(password);
    expect(JSON.stringify(outcome)).not.toContain(password);
    expect(JSON.stringify(h.sim.log.list())).not.toContain(password);
  });

  it("answers ALREADY_EXISTS with the existing account and sends nothing, whatever the email's case", async () => {
    const before = sim().state.users.size;
    const outcome = await users().invite(person("Example.User@QTest.com"), h.session());

    expect(outcome.status).toBe("ALREADY_EXISTS");
    expect(outcome.user.remoteId).toBe(String(EXAMPLE_USER.id));
    expect(sent("POST", "/api/v3/users")).toBe(0);
    expect(sim().state.users.size).toBe(before);
  });

  it("creates once when asked twice, and finds deactivated accounts too", async () => {
    const first = await users().invite(person("twice@example.org"), h.session());
    const second = await users().invite(person("twice@example.org"), h.session());
    expect([first.status, second.status]).toEqual(["CREATED", "ALREADY_EXISTS"]);
    expect(second.user.remoteId).toBe(first.user.remoteId);

    const inactive = [...sim().state.users.values()].find((u) => u.status === 3)!;
    const again = await users().invite(person(inactive.email), h.session());
    expect(again).toMatchObject({
      status: "ALREADY_EXISTS",
      user: { remoteId: String(inactive.id), active: false },
    });
    expect(sent("POST", "/api/v3/users")).toBe(1);
  });

  it("joins the groups asked for, checked against GET /groups before the POST", async () => {
    const outcome = await users().invite(
      { ...person("grouped@example.org"), groupIds: ["3", "4"] },
      h.session(),
    );
    expect([...(sim().state.groupsOfUser.get(Number(outcome.user.remoteId)) ?? [])].sort()).toEqual([3, 4]);
    expect(sent("GET", "/api/v3/groups")).toBe(1);

    h.sim.log.clear();
    const error = await failure(
      users().invite({ ...person("nogroup@example.org"), groupIds: ["99"] }, h.session()),
    );
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).field).toBe("input.groups");
    expect(sent("POST", "/api/v3/users")).toBe(0);
  });

  it("refuses an instance-wide role and a login other than the email as unsupported, before any call", async () => {
    const role = await failure(
      users().invite({ ...person("role@example.org"), globalRole: "Administrator" }, h.session()),
    );
    expect(role).toBeInstanceOf(UnsupportedError);
    expect((role as UnsupportedError).field).toBe("input.globalRole");
    expect(role.message).toMatch(/admin profile/);

    const login = await failure(
      users().invite({ ...person("login@example.org"), login: "grace" }, h.session()),
    );
    expect((login as UnsupportedError).field).toBe("input.login");
    expect(h.sim.log.total).toBe(0);

    const same = await users().invite(
      { ...person("Same@example.org"), login: "same@example.org" },
      h.session(),
    );
    expect(same.status).toBe("CREATED");
  });

  it("never resends after a 5xx: one POST, then a read shows nothing was created, and the failure is reported", async () => {
    const before = sim().state.users.size;
    h.sim.faults.inject({ kind: "5xx", match: "POST /api/v3/users", times: 1 });

    const error = await failure(users().invite(person("flaky@example.org"), h.session()));

    expect((error as SourceError).code).toBe(ErrorCode.SOURCE_UNAVAILABLE);
    expect(calls()).toEqual([
      "GET /api/v3/users/search 200",
      "POST /api/v3/users 500",
      "GET /api/v3/users/search 200",
    ]);
    expect(sim().state.users.size).toBe(before);
  });

  it("settles a lost answer by a read: the account the one POST made is CREATED", async () => {
    const before = sim().state.users.size;
    h.sim.faults.inject({ kind: "lose-answer", match: "POST /api/v3/users", times: 1 });

    const outcome = await users().invite(person("lost@example.org"), h.session());

    expect(outcome.status).toBe("CREATED");
    expect(outcome.user.email).toBe("lost@example.org");
    expect(calls()).toEqual([
      "GET /api/v3/users/search 200",
      "POST /api/v3/users 502",
      "GET /api/v3/users/search 200",
    ]);
    expect(sim().state.users.size).toBe(before + 1);
    expect(userByLogin(sim().state, "lost@example.org")?.id).toBe(Number(outcome.user.remoteId));
  });

  it("turns qTest's refusal of a required field (412) into BAD_USER_INPUT naming the input field", async () => {
    const error = await failure(
      users().invite({ ...person("noname@example.org"), firstName: " " }, h.session()),
    );

    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).field).toBe("input.firstName");
    expect(error.message).toContain("first_name");
    expect(sent("POST", "/api/v3/users")).toBe(1);
  });
});

describe("updating, deactivating and reactivating users", () => {
  it("updates names and contact email with one PUT /users/{id} and answers the user as it now stands", async () => {
    const user = await users().update!(
      "1001",
      { firstName: "Anita", lastName: "Borg", email: "anita.borg@example.org" },
      h.session(),
    );
    expect(user).toMatchObject({ displayName: "Anita Borg", email: "anita.borg@example.org" });
    expect(calls()).toEqual(["PUT /api/v3/users/1001 200"]);
    const [read] = await h.connector.users.getMany(["1001"], h.session());
    expect(read).toMatchObject({ firstName: "Anita", lastName: "Borg", email: "anita.borg@example.org" });
  });

  it("refuses a login or an instance-wide role change as unsupported, and an unknown user as NOT_FOUND", async () => {
    const login = await failure(users().update!("1001", { login: "anita" }, h.session()));
    expect((login as UnsupportedError).field).toBe("input.login");
    const role = await failure(users().update!("1001", { globalRole: "Administrator" }, h.session()));
    expect((role as UnsupportedError).field).toBe("input.globalRole");
    expect(h.sim.log.total).toBe(0);

    const missing = await failure(users().update!("999999", { firstName: "X" }, h.session()));
    expect((missing as SourceError).code).toBe(ErrorCode.NOT_FOUND);
    const malformed = await failure(users().update!("abc", { firstName: "X" }, h.session()));
    expect((malformed as SourceError).code).toBe(ErrorCode.NOT_FOUND);
    expect(calls()).toEqual(["PUT /api/v3/users/999999 404"]);
  });

  it("deactivates with status 3 and reactivates with status 1, one PUT per user", async () => {
    const ids = ["1001", "1002", "1003"];
    const off = await users().setActive!(ids, false, h.session());
    expect(off.map((u) => ok(u).active)).toEqual([false, false, false]);
    expect(sent("PUT", "/api/v3/users/1002")).toBe(1);
    expect(h.sim.log.total).toBe(3);

    const page = await h.connector.users.list(
      { filter: { active: true }, offset: 0, limit: 100 },
      h.session(),
    );
    expect(page.items.map((u) => u.remoteId)).not.toContain("1002");

    const on = await users().setActive!([...ids, "999999"], true, h.session());
    expect(on.slice(0, 3).map((u) => ok(u).active)).toEqual([true, true, true]);
    expect((on[3] as SourceError).code).toBe(ErrorCode.NOT_FOUND);
  });

  it("settles a status change of unknown outcome by reading the user, never by a second PUT", async () => {
    h.sim.faults.inject({ kind: "lose-answer", match: "PUT /api/v3/users/1004", times: 1 });
    h.sim.faults.inject({ kind: "5xx", match: "PUT /api/v3/users/1005", times: 1 });

    const [done, failed] = await users().setActive!(["1004", "1005"], false, h.session());

    expect(ok(done).active).toBe(false);
    expect((failed as SourceError).code).toBe(ErrorCode.SOURCE_UNAVAILABLE);
    expect(sent("PUT", "/api/v3/users/1004")).toBe(1);
    expect(sent("PUT", "/api/v3/users/1005")).toBe(1);
    expect(sent("GET", "/api/v3/users/1004")).toBe(1);
    expect(sent("GET", "/api/v3/users/1005")).toBe(1);
    expect(sim().state.users.get(1005)?.status).toBe(1);
  });
});

describe("project access", () => {
  const project = 2;

  it("offers the user profiles (not the admin ones) as roles, Developer by default", async () => {
    const roles = await access().projectRoles(h.session());
    expect(roles.defaultRole).toBe("Developer");
    expect(roles.names).toEqual(
      expect.arrayContaining(["Project Admin", "Developer", "Tester", "Viewer", "Auditor"]),
    );
    expect(roles.names).not.toContain("Administrator");
  });

  it("assigns several users to one project with one profile in ONE POST /users/projects", async () => {
    const ids = outsiders(project, 3);
    const session = h.session();
    await access().projectRoles(session);
    const answers = await access().grant(
      ids.map((userId) => ({ userId, projectId: String(project), role: "Tester" })),
      session,
    );

    expect(
      answers
        .map((a) => ok(a))
        .map(({ status, permission: p }) => [status, p.userId, p.projectId, p.role, p.level]),
    ).toEqual(ids.map((id) => ["CREATED", id, String(project), "Tester", PermissionLevel.EXECUTE]));
    // The project's members are read first: they decide CREATED, UPDATED or UNCHANGED.
    expect(h.sim.log.countByRoute()).toEqual({
      "GET /api/v3/user-profiles": 1,
      "GET /api/v3/projects": 1,
      [`GET /api/v3/projects/${project}/users`]: 1,
      ...Object.fromEntries(ids.map((id) => [`GET /api/v3/users/${id}`, 1])),
      "POST /api/v3/users/projects": 1,
    });
    for (const id of ids) expect(members(project).get(id)).toBe("Tester");
  });

  it("assigns one user through POST /users/{id}/projects, with no profile sent for the default", async () => {
    const [id] = outsiders(project, 1) as [string];
    const [answer] = await access().grant(
      [{ userId: id, projectId: String(project), role: null }],
      h.session(),
    );

    expect(ok(answer)).toMatchObject({
      status: "CREATED",
      permission: { role: "Developer", level: PermissionLevel.EDIT, project: { remoteId: "2" } },
    });
    expect(sent("POST", `/api/v3/users/${id}/projects`)).toBe(1);
    expect(sent("POST", "/api/v3/users/projects")).toBe(0);
    expect(members(project).get(id)).toBe("Developer");
  });

  it("sends one call per project and profile", async () => {
    const [a, b, c] = outsiders(3, 3) as [string, string, string];
    await access().grant(
      [
        { userId: a, projectId: "3", role: "Viewer" },
        { userId: b, projectId: "3", role: "Viewer" },
        { userId: c, projectId: "3", role: "Tester" },
      ],
      h.session(),
    );
    expect(sent("POST", "/api/v3/users/projects")).toBe(1);
    expect(sent("POST", `/api/v3/users/${c}/projects`)).toBe(1);
  });

  it("refuses an unknown profile as BAD_USER_INPUT on input.role before any write", async () => {
    const error = await failure(
      access().grant([{ userId: "1001", projectId: "2", role: "Wizard" }], h.session()),
    );
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).field).toBe("input.role");
    expect(error.message).toContain("Developer");
    expect(h.sim.log.list().filter((e) => e.method !== "GET")).toEqual([]);
  });

  it("answers NOT_FOUND for an unknown project or user and still assigns the others", async () => {
    const [good] = outsiders(project, 1) as [string];
    const answers = await access().grant(
      [
        { userId: good, projectId: String(project), role: "Viewer" },
        { userId: "999999", projectId: String(project), role: "Viewer" },
        { userId: good, projectId: "777", role: "Viewer" },
      ],
      h.session(),
    );
    expect(ok(answers[0])).toMatchObject({ permission: { role: "Viewer" } });
    expect((answers[1] as SourceError).code).toBe(ErrorCode.NOT_FOUND);
    expect((answers[2] as SourceError).code).toBe(ErrorCode.NOT_FOUND);
    expect(sent("POST", `/api/v3/users/${good}/projects`)).toBe(1);
  });

  it("never resends an assignment: after a 5xx or a lost answer, the member list tells what happened", async () => {
    sim().instance.memberProfiles = true; // an instance whose member list names the profile
    const [a, b, c, d] = outsiders(project, 4) as [string, string, string, string];
    h.sim.faults.inject({ kind: "5xx", match: "POST /api/v3/users/projects", times: 1 });
    const failed = await access().grant(
      [a, b].map((userId) => ({ userId, projectId: String(project), role: "Tester" })),
      h.session(),
    );
    expect(failed.map((f) => (f as SourceError).code)).toEqual([
      ErrorCode.SOURCE_UNAVAILABLE,
      ErrorCode.SOURCE_UNAVAILABLE,
    ]);
    expect(sent("POST", "/api/v3/users/projects")).toBe(1);
    // The members as they stood, then as they stand after the failure.
    expect(sent("GET", `/api/v3/projects/${project}/users`)).toBe(2);
    expect(members(project).has(a)).toBe(false);

    h.sim.log.clear();
    h.sim.faults.inject({ kind: "lose-answer", match: "POST /api/v3/users/projects", times: 1 });
    const settled = await access().grant(
      [c, d].map((userId) => ({ userId, projectId: String(project), role: "Tester" })),
      h.session(),
    );
    expect(settled.map((p) => [ok(p).status, ok(p).permission.role])).toEqual([
      ["CREATED", "Tester"],
      ["CREATED", "Tester"],
    ]);
    expect(sent("POST", "/api/v3/users/projects")).toBe(1);
  });

  it("settles a lost assignment of users who were no members by the member list, though it names no profile", async () => {
    const [a, b] = outsiders(project, 2) as [string, string];
    h.sim.faults.inject({ kind: "lose-answer", match: "POST /api/v3/users/projects", times: 1 });
    const answers = await access().grant(
      [a, b].map((userId) => ({ userId, projectId: String(project), role: "Tester" })),
      h.session(),
    );
    // They were no members before and are now: this write made them members, with the profile it asked.
    expect(members(project).get(a)).toBe("Tester");
    expect(answers.map((x) => [ok(x).status, ok(x).permission.role])).toEqual([
      ["CREATED", "Tester"],
      ["CREATED", "Tester"],
    ]);
    expect(sent("POST", "/api/v3/users/projects")).toBe(1);
    expect(sent("GET", `/api/v3/projects/${project}/users`)).toBe(2);
  });

  it("does not claim a lost assignment of members where the member list cannot say the profile: the failure stands", async () => {
    const [a, b] = outsiders(project, 2) as [string, string];
    await access().grant(
      [a, b].map((userId) => ({ userId, projectId: String(project), role: "Viewer" })),
      h.session(),
    );
    h.sim.log.clear();
    h.sim.faults.inject({ kind: "lose-answer", match: "POST /api/v3/users/projects", times: 1 });
    const answers = await access().grant(
      [a, b].map((userId) => ({ userId, projectId: String(project), role: "Tester" })),
      h.session(),
    );
    // qTest did assign them (the answer was lost), but its documented member list shows no profile:
    // Rollcall cannot tell Tester from the profile held before, so it reports the unknown outcome.
    expect(members(project).get(a)).toBe("Tester");
    expect(answers.map((x) => (x as SourceError).code)).toEqual([
      ErrorCode.SOURCE_UNAVAILABLE,
      ErrorCode.SOURCE_UNAVAILABLE,
    ]);
    expect((answers[0] as SourceError).message).toContain("does not say with which profile");
    expect((answers[0] as SourceError).retryable).toBe(true);
    expect(sent("POST", "/api/v3/users/projects")).toBe(1);
    expect(sent("GET", `/api/v3/projects/${project}/users`)).toBe(2);
  });

  it("answers a member whose profile the list does not name UPDATED, with a warning that the earlier profile is unknown", async () => {
    const [a] = outsiders(project, 1) as [string];
    await access().grant([{ userId: a, projectId: String(project), role: "Viewer" }], h.session());
    const [answer] = await access().grant(
      [{ userId: a, projectId: String(project), role: "Viewer" }],
      h.session(),
    );
    expect(ok(answer)).toMatchObject({ status: "UPDATED", permission: { role: "Viewer" } });
    expect(ok(answer).warnings?.[0]).toContain("does not name the profile");
  });

  it("sends nothing where the member list names the profile asked for (UNCHANGED)", async () => {
    sim().instance.memberProfiles = true;
    const [a] = outsiders(project, 1) as [string];
    await access().grant([{ userId: a, projectId: String(project), role: "Viewer" }], h.session());
    h.sim.log.clear();
    const [same, other] = [
      ...(await access().grant([{ userId: a, projectId: String(project), role: "Viewer" }], h.session())),
      ...(await access().grant([{ userId: a, projectId: String(project), role: "Tester" }], h.session())),
    ];
    expect(ok(same)).toMatchObject({ status: "UNCHANGED", permission: { role: "Viewer" } });
    expect(ok(other)).toMatchObject({ status: "UPDATED", permission: { role: "Tester" } });
    expect(sent("POST", `/api/v3/users/${a}/projects`)).toBe(1);
  });

  it("takes members off a project with one PUT /users/projects; non-members cost no write", async () => {
    const ids = outsiders(project, 2);
    await access().grant(
      ids.map((userId) => ({ userId, projectId: String(project), role: "Tester" })),
      h.session(),
    );
    const [outsider] = outsiders(project, 1) as [string];
    h.sim.log.clear();

    const answers = await access().revoke(
      [...ids, outsider, "999999"].map((userId) => ({ userId, projectId: String(project) })),
      h.session(),
    );

    expect(answers.slice(0, 3)).toEqual(["DELETED", "DELETED", "UNCHANGED"]);
    expect((answers[3] as SourceError).code).toBe(ErrorCode.NOT_FOUND);
    expect(sent("PUT", "/api/v3/users/projects")).toBe(1);
    for (const id of ids) expect(members(project).has(id)).toBe(false);
    const read = await h.session().permissionsOfProject?.load(String(project));
    expect(read?.map((p) => p.userId)).not.toContain(ids[0]);
  });

  it("settles an unassignment of unknown outcome by reading the members again", async () => {
    const member = String(EXAMPLE_USER.id);
    h.sim.faults.inject({ kind: "lose-answer", match: "PUT /api/v3/users/projects", times: 1 });
    const [answer] = await access().revoke(
      [{ userId: member, projectId: String(SAMPLE_PROJECT.id) }],
      h.session(),
    );
    expect(answer).toBe("DELETED");
    expect(sent("PUT", "/api/v3/users/projects")).toBe(1);
    expect(sent("GET", `/api/v3/projects/${SAMPLE_PROJECT.id}/users`)).toBe(2);
  });
});
