/**
 * The qTest simulator's write routes as documented, spoken to with plain fetch: create_user with
 * its default password and required fields, update_user's status values, the two assignment
 * endpoints with the default profile, the unassign Message, and reads that show every change.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { QTEST_DEMO_TOKEN } from "../../../src/vendors/qtest/simulator/auth.js";
import { createQTestSimulator, type QTestSimulator } from "../../../src/vendors/qtest/simulator/index.js";
import { DEFAULT_PASSWORD } from "../../../src/vendors/qtest/simulator/write-routes.js";

let sim: QTestSimulator;
let base: string;
beforeEach(async () => {
  sim = createQTestSimulator({ users: 30 });
  base = await sim.start();
});
afterEach(() => sim?.stop());

const json = { authorization: `bearer ${QTEST_DEMO_TOKEN}`, "content-type": "application/json" };
async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = json) {
  const response = await fetch(`${base}/api/v3${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
const login = (username: string, password: string) =>
  fetch(`${base}/oauth/token`, {
    method: "POST",
    headers: {
      authorization: `Basic ${Buffer.from("apitryout:").toString("base64")}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({ grant_type: "password", username, password }).toString(),
  });
const newUser = { username: "sim.invitee@example.org", first_name: "Sim", last_name: "Invitee" };

describe("qTest simulator: POST /api/v3/users", () => {
  it("invites an active user whose email is the username, with the default password admin123", async () => {
    const created = await call("POST", "/users", { ...newUser, email: "ignored@example.org" });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ username: newUser.username, email: newUser.username, status: 1 });
    expect(created.body).not.toHaveProperty("password");
    expect((await login(newUser.username, DEFAULT_PASSWORD)).status).toBe(200);

    const found = await call("GET", `/users/search?username=${newUser.username}`);
    expect((found.body.items as unknown[]).length).toBe(1);
    expect((await call("GET", `/users/${created.body.id}`)).body).toMatchObject({ first_name: "Sim" });
  });

  it("answers 412 naming a missing required property, 400 for a taken login, 405 for a non-JSON body", async () => {
    expect(await call("POST", "/users", { ...newUser, last_name: undefined })).toEqual({
      status: 412,
      body: { message: "Missing required property: last_name" },
    });
    await call("POST", "/users", newUser);
    const taken = await call("POST", "/users", { ...newUser, username: newUser.username.toUpperCase() });
    expect(taken.status).toBe(400);
    const form = await call("POST", "/users", newUser, { ...json, "content-type": "text/plain" });
    expect(form.status).toBe(405);
  });

  it("refuses writes to a caller without an admin profile (403)", async () => {
    const token = (await (await login("example.user@qtest.com", "admin123")).json()) as {
      access_token: string;
    };
    const denied = await call("POST", "/users", newUser, {
      ...json,
      authorization: `bearer ${token.access_token}`,
    });
    expect(denied.status).toBe(403);
    expect(denied.body).toHaveProperty("message");
  });
});

describe("qTest simulator: PUT /api/v3/users/{id}", () => {
  it("changes only what is sent, and takes status 1 or 3 only", async () => {
    const off = await call("PUT", "/users/1001", { status: 3 });
    expect(off.body).toMatchObject({
      id: 1001,
      status: 3,
      first_name: sim.state.users.get(1001)?.first_name,
    });
    const active = await call("GET", "/users/search?pageSize=999");
    expect((active.body.items as Array<{ id: number }>).map((u) => u.id)).not.toContain(1001);

    const bad = await call("PUT", "/users/1001", { status: 2 });
    expect(bad).toEqual({
      status: 400,
      body: { message: "Invalid status: Status id must be 1 for Active or 3 for Inactive status" },
    });
    expect((await call("PUT", "/users/999999", { first_name: "X" })).status).toBe(404);
  });

  it("keeps the user lists in id order across invites, deactivations and reactivations", async () => {
    const ids = async (query: string) =>
      ((await call("GET", `/users/search?pageSize=999${query}`)).body.items as Array<{ id: number }>).map(
        (u) => u.id,
      );
    await ids(""); // the ordered lists exist, so the writes below patch them in place
    await call("PUT", "/users/1003", { status: 3 });
    const invited = (await call("POST", "/users", newUser)).body.id as number;
    await call("PUT", "/users/1003", { status: 1 });
    await call("PUT", "/users/1007", { status: 3 });

    const expected = [...sim.state.users.values()]
      .filter((u) => u.status === 1)
      .map((u) => u.id)
      .sort((a, b) => a - b);
    expect(await ids("")).toEqual(expected);
    expect(await ids("")).toContain(invited);
    expect(await ids("&includeInactiveUsers=true")).toEqual(
      [...sim.state.users.keys()].sort((a, b) => a - b),
    );
  });

  it("replaces the user's groups with user_group_ids", async () => {
    const answer = await call("PUT", "/users/1002", { user_group_ids: [4] });
    expect(answer.body.user_group_ids).toEqual([4]);
  });
});

describe("qTest simulator: project assignments", () => {
  const outsider = (projectId: number) =>
    [...sim.state.users.keys()].find(
      (id) => id >= 1000 && !sim.state.members.get(projectId)?.has(id),
    ) as number;

  it("assigns one user with the default profile Developer when none is given", async () => {
    const user = outsider(2);
    const answer = await call("POST", `/users/${user}/projects`, { project_id: 2 });
    expect(answer.body).toEqual({ project_id: 2, profile: { id: 3, name: "Developer" } });
    // The documented member list shows the membership, not the profile…
    const members = await call("GET", "/projects/2/users");
    const listed = (members.body as unknown as Array<Record<string, unknown>>).find((m) => m.id === user);
    expect(listed).toBeDefined();
    expect(listed).not.toHaveProperty("profile");
    // …an instance that names member profiles shows it.
    sim.instance.memberProfiles = true;
    expect((await call("GET", "/projects/2/users")).body).toContainEqual(
      expect.objectContaining({ id: user, profile: { id: 3, name: "Developer" } }),
    );
  });

  it("assigns several users to one project with one profile, all or nothing", async () => {
    const answer = await call("POST", "/users/projects", {
      project_id: 3,
      profile: { name: "Tester" },
      user_ids: [1001, 1002],
    });
    expect(answer.body).toEqual({
      project_id: 3,
      profile: { id: 4, name: "Tester" },
      user_ids: [1001, 1002],
    });

    const partial = await call("POST", "/users/projects", { project_id: 4, user_ids: [1003, 999999] });
    expect(partial.status).toBe(404);
    expect(sim.state.members.get(4)?.get(1003)).not.toBe(3);
    expect(
      (
        await call("POST", "/users/projects", {
          project_id: 4,
          profile: { name: "Wizard" },
          user_ids: [1003],
        })
      ).status,
    ).toBe(400);
  });

  it("removes users from projects with PUT /users/projects and answers a Message", async () => {
    await call("POST", "/users/projects", { project_id: 5, user_ids: [1004, 1005] });
    const answer = await call("PUT", "/users/projects", [{ project_id: 5, user_ids: [1004, 1005] }]);
    expect(answer).toEqual({
      status: 200,
      body: { message: "Removed association between users and projects" },
    });
    const members = (await call("GET", "/projects/5/users?inactive=true")).body as unknown as Array<{
      id: number;
    }>;
    expect(members.map((m) => m.id)).not.toContain(1004);
    const search = await call("GET", "/search/user?projectName=Data%20Platform&inactive=true&pageSize=999");
    expect((search.body.items as Array<{ id: number }>).map((u) => u.id)).not.toContain(1005);
  });
});

describe("qTest simulator: what a write must look like", () => {
  // REFERENCE §1.4 (qTest API Specifications, "Response Codes"): 405 for a data format qTest does
  // not take; every write body is JSON.
  it("refuses every write body that is not application/json with 405, arrays included", async () => {
    const as = (type: string) => ({ ...json, "content-type": type });
    expect((await call("PUT", "/users/1001", { status: 3 }, as("text/plain"))).status).toBe(405);
    expect(
      (await call("POST", "/users/1001/projects", { project_id: 2 }, as("application/xml"))).status,
    ).toBe(405);
    const unassign = [{ project_id: 2, user_ids: [1] }];
    expect(
      (await call("PUT", "/users/projects", unassign, as("application/x-www-form-urlencoded"))).status,
    ).toBe(405);
    expect(
      (await call("PUT", "/users/projects", unassign, as("application/json; charset=utf-8"))).status,
    ).toBe(200);
  });

  // 400: "unknown properties inside the data" (API Specifications, "Response Codes"); the models are
  // the v3 swagger's UserResource, UserUpdateResource, AssignedProject, AssignedUsersProject, Profile.
  it("refuses a property the route's model does not have with 400, and changes nothing", async () => {
    const taken = await call("POST", "/users", { ...newUser, role: "Tester" });
    expect(taken).toEqual({ status: 400, body: { message: 'Unrecognized field "role" in UserResource' } });
    expect([...sim.state.users.values()].some((u) => u.username === newUser.username)).toBe(false);

    const update = await call("PUT", "/users/1001", { status: 3, active: false });
    expect(update.status).toBe(400);
    expect(sim.state.users.get(1001)?.status).toBe(1);

    const profile = await call("POST", "/users/1001/projects", {
      project_id: 2,
      profile: { name: "Tester", level: "EXECUTE" },
    });
    expect(profile.status).toBe(400);
    const pair = await call("PUT", "/users/projects", [{ project_id: 2, user_ids: [1001], profile: null }]);
    expect(pair.status).toBe(400);
  });

  // v3 swagger: the assignment routes take `skipEmailNotifications`; other writes take no parameter.
  it("takes only the query parameters the v3 swagger lists for a write", async () => {
    const skip = await call("POST", "/users/projects?skipEmailNotifications=true", {
      project_id: 3,
      user_ids: [1006],
    });
    expect(skip.status).toBe(200);
    expect((await call("PUT", "/users/1001?notify=false", { first_name: "X" })).status).toBe(400);
  });
});
