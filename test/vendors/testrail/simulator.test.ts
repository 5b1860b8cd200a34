/** The TestRail simulator over HTTP: routes in the query string, the 250 wrapper, auth, errors. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTestRailSimulator,
  resolveTestRailUrl,
  type TestRailSimulator,
} from "../../../src/vendors/testrail/simulator/index.js";
import {
  DEMO_API_KEY,
  DEMO_EMAIL,
  DEMO_PASSWORD,
  USER_PASSWORD,
} from "../../../src/vendors/testrail/simulator/state.js";

let sim: TestRailSimulator;
let base: string;

const basic = (user: string, secret: string) =>
  `Basic ${Buffer.from(`${user}:${secret}`).toString("base64")}`;
const ADMIN = basic(DEMO_EMAIL, DEMO_API_KEY);

async function call(method: string, auth = ADMIN) {
  const response = await fetch(`${base}/index.php?/api/v2/${method}`, {
    headers: { authorization: auth, "content-type": "application/json" },
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> & unknown[] };
}

beforeAll(async () => {
  sim = createTestRailSimulator({ users: 600 });
  base = await sim.start();
});
afterAll(() => sim?.stop());

describe("TestRail simulator", () => {
  it("finds the route in the query string", () => {
    const resolved = resolveTestRailUrl(new URL("http://x/index.php?/api/v2/get_users/3&limit=5&offset=10"));
    expect(resolved.path).toBe("/get_users/3");
    expect(Object.fromEntries(resolved.query)).toEqual({ limit: "5", offset: "10" });
    expect(resolveTestRailUrl(new URL("http://x/api/v2/get_users")).path).toBe("/api/v2/get_users");
  });

  it("serves the doc page's user 1 in snake_case with an int role_id", async () => {
    const { status, body } = await call("get_user/1");
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: 1,
      name: "Alexis Gonzalez",
      email: "alexis.gonzalez@example.com",
      is_active: true,
      is_admin: false,
      role_id: 1,
      role: "Lead",
      group_ids: [1],
    });
  });

  it("pages get_users in the wrapper: 250 at most, _links.next relative to index.php?", async () => {
    const first = await call("get_users&limit=1000");
    expect(first.body).toMatchObject({
      offset: 0,
      limit: 250,
      size: 250,
      _links: { next: "/api/v2/get_users&limit=250&offset=250", prev: null },
    });
    const last = await call("get_users&limit=250&offset=500");
    expect(last.body).toMatchObject({
      size: 103,
      _links: { next: null, prev: "/api/v2/get_users&limit=250&offset=250" },
    });
    const defaults = await call("get_users");
    expect((defaults.body as unknown as { users: unknown[] }).users).toHaveLength(250);
  });

  it("can answer get_users with the doc's bare array instead", async () => {
    sim.settings.legacyUserArrays = true;
    try {
      const { body } = await call("get_users");
      expect(Array.isArray(body)).toBe(true);
      expect(body).toHaveLength(603);
      expect(body[1]).toMatchObject({ id: 2, name: "Ciaran Davenport" });
    } finally {
      sim.settings.legacyUserArrays = false;
    }
  });

  it("gives project-level roles in get_users/{project_id}, leaving out inactive and no-access users", async () => {
    const { body } = await call("get_users/3&limit=250");
    const users = (body as unknown as { users: Array<{ id: number; role: string; is_active: boolean }> })
      .users;
    expect(users.every((u) => u.is_active)).toBe(true);
    // Payments API defaults to No Access: only overrides get in. Alexis has a Lead override.
    expect(users.find((u) => u.id === 1)?.role).toBe("Lead");
    expect(users.length).toBeLessThan(300);
    expect(new Set(users.map((u) => u.role))).not.toContain("No Access");
  });

  it("serves roles, groups and projects with epoch dates and role overrides", async () => {
    const roles = (await call("get_roles")).body as unknown as { roles: Array<{ name: string }> };
    expect(roles.roles.map((r) => r.name)).toEqual([
      "Lead",
      "Designer",
      "Tester",
      "Guest",
      "No Access",
      "Release Manager",
      "Automation",
    ]);
    const group = await call("get_group/1");
    expect(group.body).toMatchObject({ id: 1, name: "QA Team" });
    expect((group.body as unknown as { user_ids: number[] }).user_ids).toContain(1);
    const project = await call("get_project/5");
    expect(project.body).toMatchObject({ is_completed: true, completed_on: 1_735_732_800 });
    const projects = (await call("get_projects&is_completed=0")).body as unknown as {
      projects: Array<{ is_completed: boolean }>;
    };
    expect(projects.projects).toHaveLength(5);
  });

  it("answers errors as {error} with TestRail's codes: 400 for an unknown id", async () => {
    expect(await call("get_user/999999")).toEqual({
      status: 400,
      body: { error: "Field :user_id is not a valid user." },
    });
    expect((await call("get_project/999999")).status).toBe(400);
    expect((await call("get_group/999999")).status).toBe(400);
    expect((await call("get_user_by_email&email=nobody@example.com")).status).toBe(400);
    expect((await call("get_users&offset=-1")).status).toBe(400);
    expect((await call("get_nothing")).status).toBe(404);
  });

  it("takes Basic with email and password or API key; anything else is 401", async () => {
    expect((await call("get_current_user", basic(DEMO_EMAIL, DEMO_PASSWORD))).body).toMatchObject({ id: 3 });
    expect((await call("get_current_user", basic("ADMIN@example.com", DEMO_API_KEY))).status).toBe(200);
    const denied = await call("get_current_user", basic(DEMO_EMAIL, "wrong"));
    expect(denied.status).toBe(401);
    expect(denied.body.error).toMatch(/^Authentication failed/);
    expect((await call("get_current_user", "")).status).toBe(401);
  });

  it("keeps other users' details and the full user list for administrators", async () => {
    const alexis = basic("alexis.gonzalez@example.com", USER_PASSWORD);
    expect((await call("get_user/1", alexis)).status).toBe(200);
    expect((await call("get_user/2", alexis)).status).toBe(403);
    expect((await call("get_users", alexis)).status).toBe(403);
    expect((await call("get_users/2", alexis)).status).toBe(200);
    expect((await call("get_users/6", alexis)).status).toBe(403);
    const visible = (await call("get_projects", alexis)).body as unknown as {
      projects: Array<{ id: number }>;
    };
    expect(visible.projects.map((p) => p.id)).toEqual([1, 2, 3, 4, 5]);
  });

  it("generates the same people every time", async () => {
    const other = createTestRailSimulator({ users: 600 });
    expect([...other.state.users.values()]).toEqual([...sim.state.users.values()]);
    expect([...other.state.groups.values()]).toEqual([...sim.state.groups.values()]);
  });
});
