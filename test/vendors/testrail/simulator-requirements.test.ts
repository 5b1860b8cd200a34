/**
 * What the TestRail simulator refuses, as TestRail does, so that a request TestRail would refuse
 * never passes a test. Each requirement names the page that states it:
 * - "Accessing the TestRail API" (support.testrail.com/hc/en-us/articles/7077039051284, REFERENCE
 *   §5.1): HTTP Basic with email and password or API key; JSON in UTF-8; every example sends
 *   `Content-Type: application/json`; writes are POST, reads GET; methods under `index.php?/api/v2/`.
 * - TestRail's refusal of a request without that header, GET or POST, body or none:
 *   `{"error":"Content-Type header missing (use Content-Type: application\/json)"}` [C2]
 *   (github.com/mvndaai/testrail-promise/issues/20 for a GET of get_user_by_email,
 *   github.com/peterservice-rnd/robotframework-testrail/issues/6 for a POST).
 * - Errors (REFERENCE §5.3): `{"error": "..."}`, 400 bad request, 401 auth failed, 404 unknown method.
 * Where the docs are silent the simulator refuses on purpose ([I]): parameters and body fields the
 * method does not document (so a miscased `Limit` or `roleId` is a 400, never silently ignored).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTestRailSimulator,
  type TestRailSimulator,
} from "../../../src/vendors/testrail/simulator/index.js";
import { DEMO_API_KEY, DEMO_EMAIL } from "../../../src/vendors/testrail/simulator/state.js";

let sim: TestRailSimulator;
let base: string;

const basic = (user: string, secret: string) =>
  `Basic ${Buffer.from(`${user}:${secret}`).toString("base64")}`;
const ADMIN = basic(DEMO_EMAIL, DEMO_API_KEY);
const JSON_TYPE = { "content-type": "application/json" };
const CONTENT_TYPE_MISSING = "Content-Type header missing (use Content-Type: application/json)";

interface Sent {
  readonly method?: "GET" | "POST";
  readonly headers?: Record<string, string>;
  readonly body?: string;
  readonly url?: string;
}

async function send(route: string, { method = "GET", headers, body, url }: Sent = {}) {
  const response = await fetch(url ?? `${base}/index.php?/api/v2/${route}`, {
    method,
    headers: headers ?? { authorization: ADMIN, ...JSON_TYPE },
    body,
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
}

beforeAll(async () => {
  sim = createTestRailSimulator({ users: 10 });
  base = await sim.start();
});
afterAll(() => sim?.stop());

describe("TestRail simulator: Content-Type: application/json on every request", () => {
  it("refuses a body-less POST without it (delete_group), changing nothing", async () => {
    const groups = sim.state.groups.size;
    const refused = await send("delete_group/5", { method: "POST", headers: { authorization: ADMIN } });
    expect(refused).toEqual({ status: 400, body: { error: CONTENT_TYPE_MISSING } });
    expect(sim.state.groups.size).toBe(groups);
  });

  it("refuses a POST with a JSON body but no content type", async () => {
    const refused = await send("update_group/5", {
      method: "POST",
      headers: { authorization: ADMIN },
      body: JSON.stringify({ name: "Renamed" }),
    });
    expect(refused).toEqual({ status: 400, body: { error: CONTENT_TYPE_MISSING } });
    expect(sim.state.groups.get(5)?.name).toBe("Automation Guild");
  });

  it("refuses a GET without it", async () => {
    expect(await send("get_user/1", { headers: { authorization: ADMIN } })).toEqual({
      status: 400,
      body: { error: CONTENT_TYPE_MISSING },
    });
  });

  it("refuses another content type, such as a form", async () => {
    const refused = await send("update_group/5", {
      method: "POST",
      headers: { authorization: ADMIN, "content-type": "application/x-www-form-urlencoded" },
      body: "name=Renamed",
    });
    expect(refused).toEqual({ status: 400, body: { error: CONTENT_TYPE_MISSING } });
  });

  it("takes it in any header casing and with a charset, body or none", async () => {
    const headers = { authorization: ADMIN, "Content-Type": "Application/JSON; charset=utf-8" };
    expect((await send("get_user/1", { headers })).status).toBe(200);
    const created = await send("add_group", { method: "POST", headers, body: '{"name":"Casing"}' });
    expect(created.status).toBe(200);
    const deleted = await send(`delete_group/${created.body?.id}`, { method: "POST", headers });
    expect(deleted.status).toBe(200);
  });
});

describe("TestRail simulator: authentication", () => {
  it("takes only HTTP Basic in the Authorization header: 401 with TestRail's words otherwise", async () => {
    const failed = {
      status: 401,
      body: { error: "Authentication failed: invalid or missing user/password or session cookie." },
    };
    expect(await send("get_current_user", { headers: JSON_TYPE })).toEqual(failed);
    const bearer = { authorization: `Bearer ${DEMO_API_KEY}`, ...JSON_TYPE };
    expect(await send("get_current_user", { headers: bearer })).toEqual(failed);
    const keyAlone = { authorization: `Basic ${Buffer.from(DEMO_API_KEY).toString("base64")}`, ...JSON_TYPE };
    expect(await send("get_current_user", { headers: keyAlone })).toEqual(failed);
    const inQuery = `${base}/index.php?/api/v2/get_current_user&key=${DEMO_API_KEY}`;
    expect((await send("", { url: inQuery, headers: JSON_TYPE })).status).toBe(401);
  });
});

describe("TestRail simulator: routing through index.php?/api/v2/", () => {
  it("serves methods only in the query string of index.php at the instance root", async () => {
    expect((await send("get_user/1")).status).toBe(200);
    for (const url of [
      `${base}/api/v2/get_user/1`,
      `${base}/index.php/api/v2/get_user/1`,
      `${base}/index.php?api/v2/get_user/1`,
      `${base}/index.php?/api/v1/get_user/1`,
      `${base}/testrail/index.php?/api/v2/get_user/1`,
    ])
      expect((await send("", { url })).status, url).toBe(404);
  });

  it("serves an on-premise instance under its own root path, and nothing outside it", async () => {
    const onPremise = createTestRailSimulator({ users: 0, rootPath: "/testrail" });
    const root = await onPremise.start();
    try {
      expect(root).toMatch(/\/testrail$/);
      expect((await send("", { url: `${root}/index.php?/api/v2/get_user/1` })).status).toBe(200);
      expect(
        (await send("", { url: `${root.replace(/\/testrail$/, "")}/index.php?/api/v2/get_user/1` })).status,
      ).toBe(404);
    } finally {
      await onPremise.stop();
    }
  });

  it("knows method names only as documented, in lower case: 404 for an unknown method", async () => {
    expect((await send("Get_User/1")).status).toBe(404);
    expect((await send("get_user_by_mail&email=x@example.com")).status).toBe(404);
  });

  it("reads with GET and writes with POST only", async () => {
    expect((await send("get_user/1", { method: "POST", body: "{}" })).status).toBe(405);
    expect((await send("delete_group/5")).status).toBe(405);
    expect(sim.state.groups.has(5)).toBe(true);
  });
});

describe("TestRail simulator: parameter and field names [I]", () => {
  it("refuses a query parameter the method does not take, or in another casing", async () => {
    expect(await send("get_users&Limit=5")).toEqual({
      status: 400,
      body: { error: "Field :Limit is not a supported parameter." },
    });
    expect((await send("get_user_by_email&Email=alexis.gonzalez@example.com")).status).toBe(400);
    expect((await send("get_roles&project_id=1")).status).toBe(400);
    expect((await send("get_users&limit=5&offset=0")).status).toBe(200);
  });

  it("refuses a body field the method does not take, or in another casing, changing nothing", async () => {
    const post = (route: string, body: unknown) =>
      send(route, { method: "POST", body: JSON.stringify(body) });
    expect(await post("update_user/1", { roleId: 2 })).toEqual({
      status: 400,
      body: { error: "Field :roleId is not a supported field." },
    });
    expect((await post("add_user", { Name: "X", email: "x@example.org" })).status).toBe(400);
    expect((await post("update_project/2", { users: [{ userId: 1, role_id: 2 }] })).body).toEqual({
      error: "Field :users contains an unsupported field :userId.",
    });
    expect((await post("add_group", { name: "X", members: [1] })).status).toBe(400);
    expect(sim.state.users.get(1)?.role_id).toBe(1);
    expect([...sim.state.groups.values()].some((g) => g.name === "X")).toBe(false);
  });

  it("refuses a body that is not a JSON object", async () => {
    const malformed = await send("update_group/5", { method: "POST", body: "{name:" });
    expect(malformed.status).toBe(400);
    expect((await send("update_group/5", { method: "POST", body: "[1]" })).status).toBe(400);
  });

  it("refuses an id that is not a positive integer", async () => {
    expect((await send("get_user/abc")).status).toBe(400);
    expect((await send("get_user/-1")).status).toBe(400);
    expect((await send("update_user/1.5", { method: "POST", body: "{}" })).status).toBe(400);
  });
});
