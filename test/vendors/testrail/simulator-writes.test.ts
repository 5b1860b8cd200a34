/** The TestRail simulator's write methods over HTTP: bodies, refusals, and reads that follow. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createTestRailSimulator,
  type TestRailSimulator,
} from "../../../src/vendors/testrail/simulator/index.js";
import {
  DEMO_API_KEY,
  DEMO_EMAIL,
  ROLE,
  USER_PASSWORD,
} from "../../../src/vendors/testrail/simulator/state.js";
import { TestRailViews } from "../../../src/vendors/testrail/simulator/views.js";

let sim: TestRailSimulator;
let base: string;

const basic = (user: string, secret: string) =>
  `Basic ${Buffer.from(`${user}:${secret}`).toString("base64")}`;
const ADMIN = basic(DEMO_EMAIL, DEMO_API_KEY);

type Body = Record<string, unknown> & { users?: Array<Record<string, unknown>> };

async function call(method: string, body?: unknown, auth = ADMIN) {
  const response = await fetch(`${base}/index.php?/api/v2/${method}`, {
    method: body === undefined && method.startsWith("get_") ? "GET" : "POST",
    headers: { authorization: auth, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as Body };
}
const post = (method: string, body?: unknown, auth?: string) => call(method, body ?? undefined, auth);
const ids = (answer: { body: Body }) => (answer.body.users ?? []).map((u) => u.id);

beforeEach(async () => {
  sim = createTestRailSimulator({ users: 60 });
  base = await sim.start();
});
afterEach(() => sim?.stop());

describe("TestRail simulator: add_user and update_user", () => {
  it("creates a user with the distilled doc's defaults: inactive, Tester, notifications on", async () => {
    const { status, body } = await post("add_user", { name: "Nadia Okafor", email: "nadia@example.org" });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: 160,
      name: "Nadia Okafor",
      is_active: false,
      is_admin: false,
      role: "Tester",
      email_notifications: true,
      group_ids: [],
    });
    expect((await call("get_user_by_email&email=NADIA@example.org")).body.id).toBe(160);
  });

  it("refuses a missing name or email, a taken email, an unknown role or group with 400 {error}", async () => {
    const refusals = [
      [{ email: "x@example.org" }, "Field :name is a required field."],
      [{ name: "X" }, "Field :email is a required field."],
      [{ name: "X", email: "nope" }, "Field :email is not a valid email address."],
      [
        { name: "X", email: "ALEXIS.gonzalez@example.com" },
        "Field :email is already in use by another user.",
      ],
      [{ name: "X", email: "x@example.org", role_id: 99 }, "Field :role_id is not a valid role."],
      [
        { name: "X", email: "x@example.org", group_ids: [1, 99] },
        "Field :group_ids contains an invalid group.",
      ],
      [{ name: "X", email: "x@example.org", is_active: "yes" }, "Field :is_active is not a valid boolean."],
    ] as const;
    for (const [body, error] of refusals)
      expect(await post("add_user", body)).toEqual({ status: 400, body: { error } });
    expect(sim.state.users.size).toBe(63);
  });

  it("is for administrators only", async () => {
    const alexis = basic("alexis.gonzalez@example.com", USER_PASSWORD);
    const denied = await post("add_user", { name: "X", email: "x@example.org" }, alexis);
    expect(denied.status).toBe(403);
    expect((await post("update_user/2", { is_active: false }, alexis)).status).toBe(403);
  });

  it("updates only what the body names; the reads follow at once", async () => {
    expect(ids(await call("get_users/2"))).toContain(2);
    const { body } = await post("update_user/2", { is_active: false, email: "c.d@example.org" });
    expect(body).toMatchObject({
      id: 2,
      name: "Ciaran Davenport",
      email: "c.d@example.org",
      is_active: false,
    });
    expect(ids(await call("get_users/2"))).not.toContain(2);
    expect((await call("get_user_by_email&email=ciaran.davenport@example.com")).status).toBe(400);
    expect((await call("get_user_by_email&email=c.d@example.org")).body.id).toBe(2);
    expect((await post("update_user/999999", { is_active: true })).body).toEqual({
      error: "Field :user_id is not a valid user.",
    });
  });
});

describe("TestRail simulator: groups", () => {
  it("adds, replaces members of, and deletes a group; users' group_ids follow", async () => {
    const created = await post("add_group", { name: "Auditors", user_ids: [1, 2] });
    expect(created.body).toEqual({ id: 6, name: "Auditors", user_ids: [1, 2] });
    expect((await call("get_user/2")).body.group_ids).toEqual([2, 6]);

    // user_ids replaces the whole list (REFERENCE §5.2).
    expect((await post("update_group/6", { user_ids: [2] })).body.user_ids).toEqual([2]);
    expect((await call("get_user/1")).body.group_ids).toEqual([1]);

    const deleted = await post("delete_group/6");
    expect(deleted).toEqual({ status: 200, body: undefined });
    expect((await call("get_group/6")).status).toBe(400);
    expect((await call("get_user/2")).body.group_ids).toEqual([2]);
  });

  it("refuses an unknown member or group with 400", async () => {
    expect((await post("add_group", { name: "X", user_ids: [999999] })).body).toEqual({
      error: "Field :user_ids contains an invalid user.",
    });
    expect((await post("update_group/99", { name: "X" })).body).toEqual({
      error: "Field :group_id is not a valid group.",
    });
    expect((await post("add_group", {})).body).toEqual({ error: "Field :name is a required field." });
  });
});

describe("TestRail simulator: update_project overrides", () => {
  it("takes `users` as the whole override list [I]; role_id 0 is Global Role, null clears; `user_id` is read too", async () => {
    const { body } = await post("update_project/6", {
      users: [
        { id: 1, role_id: ROLE.guest },
        { user_id: 2, role_id: 0 },
        { id: 100, role_id: null },
      ],
    });
    expect(body.users).toEqual([
      expect.objectContaining({ id: 1, project_role_id: ROLE.guest, project_role: "Guest" }),
      expect.objectContaining({ id: 2, project_role_id: 0, global_role: "Designer" }),
    ]);
    const listed = (await call("get_users/6")).body.users ?? [];
    // Only the overrides now in the list give access (the default is No Access).
    expect(listed.map((u) => `${u.id}:${u.role}`)).toEqual(["1:Guest", "2:Designer"]);
  });

  it("refuses an unknown user or role in the list, and changes nothing then", async () => {
    const before = new Map(sim.state.projects.get(2)!.users);
    expect((await post("update_project/2", { users: [{ id: 999999, role_id: 1 }] })).body).toEqual({
      error: "Field :users contains an invalid user.",
    });
    expect((await post("update_project/2", { users: [{ id: 1, role_id: 99 }] })).body).toEqual({
      error: "Field :users contains an invalid role.",
    });
    expect(sim.state.projects.get(2)!.users).toEqual(before);
    expect((await post("update_project/999", { users: [] })).status).toBe(400);
  });
});

describe("TestRail simulator: indexes kept by the writes", () => {
  it("answer every read as a full rebuild would, after a run of writes", async () => {
    // Warm every index first, so the writes must keep them rather than build them afresh.
    for (const p of [1, 2, 3, 4, 5, 6]) await call(`get_users/${p}`);
    await post("add_user", {
      name: "New One",
      email: "new.one@example.org",
      is_active: true,
      group_ids: [1],
    });
    await post("update_user/1", { role_id: ROLE.guest, group_ids: [2, 3] });
    await post("update_user/100", { is_active: false });
    await post("add_group", { name: "G", user_ids: [2, 101, 160] });
    await post("update_group/1", { user_ids: [102, 103] });
    await post("delete_group/4");
    await post("update_project/3", { users: [{ id: 160, role_id: ROLE.lead }] });
    await post("update_project/4", { default_role_id: null, groups: [{ id: 2, role_id: ROLE.noAccess }] });

    const kept = await Promise.all([1, 2, 3, 4, 5, 6].map((p) => call(`get_users/${p}`)));
    // A fresh view builds every index from the state as it now is.
    const rebuilt = new TestRailViews(sim.state);
    const expected = [1, 2, 3, 4, 5, 6].map((p) =>
      rebuilt.projectMembers(sim.state.projects.get(p)!).map((m) => `${m.user.id}:${m.role.name}`),
    );
    expect(kept.map((k) => (k.body.users ?? []).map((u) => `${u.id}:${u.role}`))).toEqual(expected);
    expect((await call("get_user/1")).body.group_ids).toEqual(rebuilt.groupIdsOf(1));
    // New One left group 1 with update_group's whole list and is in "G" alone.
    expect((await call("get_user_by_email&email=new.one@example.org")).body.group_ids).toEqual([6]);
    expect(rebuilt.groupIdsOf(160)).toEqual([6]);
  });
});

describe("TestRail simulator: instance variants", () => {
  it("can have no No Access role in get_roles: no user gets it as global role, project access still shows it", async () => {
    sim.settings.listNoAccessRole = false;
    const roles = (await call("get_roles")).body.roles as Array<{ name: string }>;
    expect(roles.map((r) => r.name)).not.toContain("No Access");
    expect((await post("update_user/2", { role_id: ROLE.noAccess })).body).toEqual({
      error: "Field :role_id is not a valid role.",
    });
    // Payments API's default access is No Access all the same, and what get_project shows is
    // taken back whole.
    const project = (await call("get_project/3")).body;
    expect(project).toMatchObject({ default_role_id: ROLE.noAccess, default_role: "No Access" });
    expect((await post("update_project/3", { users: [{ id: 2, role_id: ROLE.noAccess }] })).status).toBe(200);
  });

  it("sends the user fields of older servers: no is_admin/group_ids before 7.3, no role before 6.4", async () => {
    sim.settings.userFields = "6.4";
    expect(Object.keys((await call("get_user/1")).body).sort()).toEqual([
      "email",
      "id",
      "is_active",
      "name",
      "role",
      "role_id",
    ]);
    sim.settings.userFields = "6.3";
    const listed = (await call("get_users/2")).body.users ?? [];
    expect(Object.keys(listed[0] ?? {}).sort()).toEqual(["email", "id", "is_active", "name"]);
  });

  it('answers an unknown email with 400 or 404 ("400/404", users doc page)', async () => {
    const error = { error: "Field :email is not a valid email address." };
    expect(await call("get_user_by_email&email=nobody@example.com")).toEqual({ status: 400, body: error });
    sim.settings.unknownEmailStatus = 404;
    expect(await call("get_user_by_email&email=nobody@example.com")).toEqual({ status: 404, body: error });
  });
});
