/**
 * The qTest simulator speaks qTest Manager API v3 as documented: the login, bearer tokens, 1-based
 * paging with its default and cap, plain arrays, snake_case, ISO dates, `{message}` errors and the
 * documented 429. Spoken to with plain fetch, without the connector.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QTEST_DEMO_TOKEN } from "../../../src/vendors/qtest/simulator/auth.js";
import { createQTestSimulator, type QTestSimulator } from "../../../src/vendors/qtest/simulator/index.js";
import { ADMIN_USER, seedQTest } from "../../../src/vendors/qtest/simulator/seed.js";

let sim: QTestSimulator;
let base: string;
beforeAll(async () => {
  sim = createQTestSimulator({ users: 250 });
  base = await sim.start();
});
afterAll(() => sim?.stop());

const bearer = { authorization: `bearer ${QTEST_DEMO_TOKEN}` };
const get = (path: string, headers: Record<string, string> = bearer) => fetch(`${base}${path}`, { headers });
const json = async (path: string) => {
  const response = await get(path);
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown> & { items: Array<Record<string, unknown>> };
};
const login = (basic: string, form: Record<string, string>) =>
  fetch(`${base}/oauth/token`, {
    method: "POST",
    headers: { authorization: `Basic ${basic}`, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form).toString(),
  });
const apitryout = Buffer.from("apitryout:").toString("base64");

describe("qTest simulator auth", () => {
  it("exchanges a login for a bearer token at /oauth/token", async () => {
    const response = await login(apitryout, {
      grant_type: "password",
      username: ADMIN_USER.username,
      password: "admin",
    });
    expect(response.status).toBe(200);
    const token = (await response.json()) as Record<string, unknown>;
    expect(token).toMatchObject({
      token_type: "bearer",
      expires_in: 3599,
      scope: expect.stringContaining("administration"),
    });
    const me = await get("/api/v3/re-evaluation", { authorization: `bearer ${token.access_token}` });
    expect(((await me.json()) as { user_name: string }).user_name).toBe(ADMIN_USER.username);
  });

  it("wants an empty password in the Basic header, the password grant and the right password", async () => {
    const good = { grant_type: "password", username: ADMIN_USER.username, password: "admin" };
    expect((await login(Buffer.from("apitryout:x").toString("base64"), good)).status).toBe(401);
    expect((await login(apitryout, { ...good, grant_type: "client_credentials" })).status).toBe(400);
    const wrong = await login(apitryout, { ...good, password: "nope" });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ message: "Bad credentials" });
  });

  it("answers 401 with {message} without a token, with an unknown one and with an expired one", async () => {
    const missing = await get("/api/v3/users/1", {});
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({ message: "Missing or invalid Authorization header value" });
    expect((await get("/api/v3/users/1", { authorization: "bearer nope" })).status).toBe(401);

    const { access_token } = (await (
      await login(apitryout, { grant_type: "password", username: ADMIN_USER.username, password: "admin" })
    ).json()) as { access_token: string };
    expect((await get("/api/v3/users/1", { authorization: `bearer ${access_token}` })).status).toBe(200);
    sim.tokens.expireAll();
    expect((await get("/api/v3/users/1", { authorization: `bearer ${access_token}` })).status).toBe(401);
    expect((await get("/api/v3/users/1")).status).toBe(200); // the API token never expires
  });
});

describe("qTest simulator users", () => {
  it("pages 1-based with pageSize 100 by default, active users only unless asked", async () => {
    const page = await json("/api/v3/users/search");
    expect(Object.keys(page).sort()).toEqual(["items", "links", "page", "page_size", "total"]);
    expect(page).toMatchObject({ page: 1, page_size: 100 });
    expect(page.items).toHaveLength(100);
    expect(page.items.every((u) => u.status === 1)).toBe(true);
    const all = await json("/api/v3/users/search?includeInactiveUsers=true");
    expect(all.total as number).toBeGreaterThan(page.total as number);
    expect(all.links).toContainEqual({ rel: "next", href: expect.stringContaining("page=2") });
  });

  it("caps pageSize at 999 and serves later pages and pagination=false", async () => {
    const capped = await json("/api/v3/users/search?includeInactiveUsers=true&pageSize=5000");
    expect(capped.page_size).toBe(999);
    const second = await json("/api/v3/users/search?includeInactiveUsers=true&page=2&pageSize=100");
    expect(second.items[0]?.id).toBe(capped.items[100]?.id);
    const unpaged = await json("/api/v3/users/search?includeInactiveUsers=true&pagination=false");
    expect(unpaged.items).toHaveLength(unpaged.total as number);
  });

  it("searches usernames case-sensitively", async () => {
    expect((await json("/api/v3/users/search?username=example.user%40qtest.com")).items).toHaveLength(1);
    expect((await json("/api/v3/users/search?username=EXAMPLE.USER%40qtest.com")).items).toHaveLength(0);
  });

  it("renders a UserResource in snake_case with HAL-like links, and no admin_profile (no doc shows one)", async () => {
    const user = await json("/api/v3/users/789");
    expect(user).toMatchObject({
      id: 789,
      username: "example.user@qtest.com",
      first_name: "Example",
      last_name: "User",
      status: 1,
      links: [{ rel: "self", href: `${base}/api/v3/users/789` }],
    });
    expect(user).not.toHaveProperty("admin_profile");
  });

  it("lists a project's members as plain UserResources, without a profile (v3 swagger getUsers)", async () => {
    const response = await get("/api/v3/projects/1/users");
    const members = (await response.json()) as Array<Record<string, unknown>>;
    expect(Array.isArray(members)).toBe(true);
    expect(members.find((m) => m.id === 789)).toMatchObject({ username: "example.user@qtest.com" });
    expect(members.every((m) => !("profile" in m))).toBe(true);
  });

  it("plays an instance that names member and admin profiles when asked to", async () => {
    const other = createQTestSimulator({ users: 5, memberProfiles: true, adminProfiles: true });
    const url = await other.start();
    try {
      const read = async (path: string) => (await fetch(`${url}${path}`, { headers: bearer })).json();
      const members = (await read("/api/v3/projects/1/users")) as Array<{
        id: number;
        profile: { name: string };
      }>;
      expect(members.find((m) => m.id === 789)?.profile.name).toBe("Developer");
      expect(await read("/api/v3/users/789")).toMatchObject({ admin_profile: null });
      expect(await read("/api/v3/users/1")).toMatchObject({ admin_profile: { name: "Administrator" } });
    } finally {
      await other.stop();
    }
  });

  it("finds users by project name", async () => {
    const found = await json("/api/v3/search/user?projectName=qConnect");
    expect(found.items.find((u) => u.id === 789)?.assigned_projects).toEqual([1]);
    expect(found.total_project).toBe(1);
  });

  it("serves a PNG avatar for some users and 404 for others", async () => {
    const avatar = await get("/api/v3/users/789/avatar");
    expect(avatar.headers.get("content-type")).toBe("image/png");
    const none = await get("/api/v3/users/1002/avatar");
    expect(none.status).toBe(404);
    expect(await none.json()).toEqual({ message: "Avatar not found" });
  });
});

describe("qTest simulator projects, profiles and groups", () => {
  it("lists projects as a plain array with ISO 8601 dates", async () => {
    const projects = (await (await get("/api/v3/projects?assigned=false")).json()) as Array<
      Record<string, unknown>
    >;
    expect(projects.map((p) => p.name)).toContain("qConnect Sample Project");
    for (const p of projects) expect(p.start_date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
    const sample = projects[0] as { admins: string[]; admin_ids: number[] };
    expect(sample.admins[0]).toBe(ADMIN_USER.username);
    expect(sample.admin_ids[0]).toBe(1);
    expect(sample.admins).toHaveLength(sample.admin_ids.length);
  });

  it("filters profiles by type=admin and by the doc's type=use", async () => {
    const users = (await (await get("/api/v3/user-profiles?type=use")).json()) as Record<string, unknown[]>;
    expect(users.admin_profiles).toEqual([]);
    expect(users.user_profiles).toContainEqual({
      id: 3,
      name: "Developer",
      is_readonly: false,
      is_admin: false,
    });
    const admins = (await (await get("/api/v3/user-profiles?type=admin")).json()) as Record<
      string,
      unknown[]
    >;
    expect(admins.user_profiles).toEqual([]);
    expect(admins.total_admin_profiles).toBe(2);
    expect((await get("/api/v3/user-profiles?type=nope")).status).toBe(400);
  });

  it("lists groups with camelCase UserInfoVM members", async () => {
    const groups = (await (await get("/api/v3/groups")).json()) as Array<{
      users: Array<Record<string, unknown>>;
    }>;
    expect(groups[0]?.users[0]).toMatchObject({
      id: 1,
      userName: ADMIN_USER.username,
      contactEmail: ADMIN_USER.username,
    });
  });

  it("answers 404 with {message} and a non-numeric id with 400", async () => {
    const missing = await get("/api/v3/users/999999");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ message: "User not found" });
    expect((await get("/api/v3/projects/abc")).status).toBe(400);
  });

  it("rate limits with the documented body and headers", async () => {
    sim.faults.inject({ kind: "429", retryAfterSeconds: 3, times: 1 });
    const limited = await get("/api/v3/users/1");
    expect(limited.status).toBe(429);
    expect(await limited.json()).toEqual({ message: "API rate limit exceeded" });
    expect(limited.headers.get("retry-after")).toBe("3");
    expect(limited.headers.get("x-ratelimit-remaining-minute")).toBe("0");
    expect(limited.headers.get("x-ratelimit-limit-month")).toBe("1000000");
  });
});

describe("qTest simulator: request requirements (as strict as the docs, stricter where they are silent)", () => {
  // qTest API Specifications ("HTTP Headers", "Response Codes"; REFERENCE §1.1, §1.4): 405 is
  // "The data format is not supported by qTest … check the HTTP headers Content-Type and Accept-Type".
  it("refuses an Accept that admits no JSON with 405, and an avatar asked for as JSON", async () => {
    const as = (accept: string, path = "/api/v3/users/789") => get(path, { ...bearer, accept });
    expect((await as("text/html")).status).toBe(405);
    expect(await (await as("text/html")).json()).toEqual({
      message: "Accept-Type text/html is not supported: use application/json",
    });
    expect((await as("application/json")).status).toBe(200);
    expect((await as("application/*;q=0.9, text/html")).status).toBe(200);
    expect((await as("*/*")).status).toBe(200);
    expect((await as("image/*", "/api/v3/users/789/avatar")).status).toBe(200);
    expect((await as("application/json", "/api/v3/users/789/avatar")).status).toBe(405);
  });

  // [I] The v3 swagger lists each route's query parameters in camelCase; Spring would ignore others,
  // the simulator refuses them so a misspelt or mis-cased parameter cannot pass unseen.
  it("refuses query parameters the v3 swagger does not list for the route, in exact case", async () => {
    const status = async (path: string) => (await get(path)).status;
    expect(await status("/api/v3/users/search?page_size=10")).toBe(400);
    expect(await status("/api/v3/users/search?includeinactiveusers=true")).toBe(400);
    expect(await status("/api/v3/projects/1/users?includeInactiveUsers=true")).toBe(400);
    expect(await status("/api/v3/groups?page=1")).toBe(400);
    expect(await (await get("/api/v3/users/search?pageSize=10&size=3")).json()).toEqual({
      message: "Unknown parameter: size",
    });
    expect(await status("/api/v3/users/search?includeInactiveUsers=true&pageSize=10&page=2")).toBe(200);
  });

  // 400: "wrong format, wrong passed in data type" (API Specifications, "Response Codes").
  it("refuses a boolean that is not true/false and a page that is not a positive integer", async () => {
    const status = async (path: string) => (await get(path)).status;
    expect(await status("/api/v3/projects/1/users?inactive=yes")).toBe(400);
    expect(await status("/api/v3/projects?assigned=1")).toBe(400);
    expect(await status("/api/v3/users/search?page=0")).toBe(400);
    expect(await status("/api/v3/users/search?pageSize=ten")).toBe(400);
    expect(await status("/api/v3/projects/1/users?inactive=TRUE")).toBe(200);
  });

  // common_apis (REFERENCE §1.1): "Content-Type: application/x-www-form-urlencoded", form body.
  it("wants the login as a form: a JSON body has no grant type for the token endpoint", async () => {
    const issued = sim.tokens.issued;
    const response = await fetch(`${base}/oauth/token`, {
      method: "POST",
      headers: { authorization: `Basic ${apitryout}`, "content-type": "application/json" },
      body: JSON.stringify({ grant_type: "password", username: ADMIN_USER.username, password: "admin" }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: "invalid_request",
      error_description: "Missing grant type",
    });
    expect(sim.tokens.issued).toBe(issued);
  });

  it("answers GET /groups with the unknown route's 404 on an instance without user groups, and the rest as usual", async () => {
    sim.instance.groups = false;
    try {
      const groups = await get("/api/v3/groups");
      expect(groups.status).toBe(404);
      expect(await groups.json()).toEqual({ message: "No route for GET /api/v3/groups" });
      expect((await get("/api/v3/users/789")).status).toBe(200);
      expect((await get("/api/v3/projects/1/users")).status).toBe(200);
    } finally {
      sim.instance.groups = true;
    }
  });
});

describe("qTest simulator seed", () => {
  it("is deterministic", () => {
    const strip = (s: ReturnType<typeof seedQTest>) =>
      JSON.stringify([
        ...s.users.values(),
        [...s.members].map(([k, v]) => [k, [...v]]),
        [...s.groupMembers].map(([k, v]) => [k, [...v]]),
      ]);
    expect(strip(seedQTest(300))).toBe(strip(seedQTest(300)));
  });
});
