import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createQacSimulator, type QacSimulator } from "../../../src/vendors/qacomplete/simulator/index.js";

const basic = (login: string, password: string) =>
  `Basic ${Buffer.from(`${login}:${password}`).toString("base64")}`;
const ADMIN = basic("john@example.com", "p@ssword");

describe("QAComplete simulator, over HTTP", () => {
  let sim: QacSimulator;
  const get = async (path: string, authorization = ADMIN) => {
    const response = await fetch(`${sim.url}/rest-api/service/api/v1${path}`, {
      headers: { authorization, accept: "application/json" },
    });
    return {
      status: response.status,
      headers: response.headers,
      body: (await response.json()) as Record<string, unknown>,
    };
  };

  beforeAll(async () => {
    sim = createQacSimulator({ users: 60 });
    await sim.start();
  });
  afterAll(() => sim.stop());

  it("serves the API at its real path below the instance root, and nothing outside it", async () => {
    expect(new URL(sim.url).pathname).toBe("/");
    expect((await get("/depts/8162")).status).toBe(200);
    // The vendor's server has no /depts at its root, nor under the service root alone (REFERENCE §3.1).
    for (const outside of ["/depts/8162", "/rest-api/service/depts/8162", "/api/v1/depts/8162"]) {
      const response = await fetch(`${sim.url}${outside}`, {
        headers: { authorization: ADMIN, accept: "application/json" },
      });
      expect(response.status, outside).toBe(404);
    }
  });

  it("answers the doc's authenticating account (john@example.com:p@ssword = the doc's Basic header)", async () => {
    expect(basic("john@example.com", "p@ssword")).toBe("Basic am9obkBleGFtcGxlLmNvbTpwQHNzd29yZA==");
    expect((await get("/depts/8162")).status).toBe(200);
  });

  it("rejects bad credentials with 401, an ASP.NET Message body and a Basic challenge", async () => {
    const { status, headers, body } = await get("/depts/8162/users", basic("john@example.com", "nope"));
    expect(status).toBe(401);
    expect(body).toEqual({ Message: "Authorization has been denied for this request." });
    expect(headers.get("www-authenticate")).toMatch(/^Basic/);
  });

  it("keeps user lists to administrators (403 for a regular user)", async () => {
    const { status, body } = await get("/depts/8162/users", basic("ada.lovelace@example.com", "password"));
    expect(status).toBe(403);
    expect(typeof body.Message).toBe("string");
  });

  it("returns the seed page's user 24793 field for field", async () => {
    const { body } = await get("/depts/8162/users/24793");
    expect(Object.keys(body)).toEqual([
      "id",
      "first_name",
      "last_name",
      "email",
      "is_logged_on",
      "is_security_admin",
      "is_active",
      "nbr_times_logon",
      "date_of_anniv",
      "is_selected",
      "update_user_id",
      "date_created",
      "date_updated",
      "discount",
      "import_id",
      "primary_dept_id",
      "logon_attempts",
      "is_a_d_account",
    ]);
    expect(body).toMatchObject({ id: 24793, first_name: "John", last_name: "Doe", primary_dept_id: 8162 });
    expect(body.date_created).toBe("2016-01-01T00:00:00.0000000");
  });

  it("wraps lists in metadata.result_set with offset/limit paging (default limit 25)", async () => {
    const { body } = await get("/depts/8162/users");
    const metadata = body.metadata as { result_set: Record<string, number>; permissions: { acl: number } };
    expect(metadata.result_set).toEqual({ count: 25, offset: 0, limit: 25, total: 62 });
    expect(metadata.permissions).toEqual({ acl: 7 });
    const results = body.results as Array<Record<string, unknown>>;
    expect(results).toHaveLength(25);
    expect(Object.keys(results[0] ?? {}).slice(0, 10)).toEqual([
      "id",
      "first_name",
      "middle_name",
      "last_name",
      "work_phone",
      "title",
      "company_name",
      "grouping",
      "sub_grouping",
      "email",
    ]);
    expect(results[0]?.__permissions).toEqual({ acl: 7 });
    const next = await get("/depts/8162/users?offset=60&limit=25");
    expect((next.body.results as unknown[]).length).toBe(2);
  });

  it("answers limit=0 with metadata only", async () => {
    const { body } = await get("/depts/8162/users?limit=0");
    expect(body).toEqual({
      metadata: { result_set: { count: 0, offset: 0, limit: 0, total: 62 }, permissions: { acl: 7 } },
    });
  });

  it("filters with Filter= and answers 400 to an expression it can't parse", async () => {
    const filter = encodeURIComponent("Id in {24793,24700}");
    const { body } = await get(`/depts/8162/users?Filter=${filter}`);
    expect((body.results as Array<{ id: number }>).map((u) => u.id)).toEqual([24700, 24793]);
    const bad = await get(`/depts/8162/users?Filter=${encodeURIComponent("Email = 'x")}`);
    expect(bad.status).toBe(400);
    expect(bad.body.Message).toMatch(/filter/i);
  });

  it("sends project ids and department ids as strings, and 00001-01-01 for unset dates", async () => {
    const { body } = await get("/projects?limit=100");
    const sample = (body.results as Array<Record<string, unknown>>).find((p) => p.id === "11873");
    expect(sample).toMatchObject({
      id: "11873",
      dept_id: "8162",
      date_begin_actual: "00001-01-01T00:00:00.0000000",
    });
  });

  it("lists a user's security group per project (the doc PUT sample's group on project 12345)", async () => {
    const { body } = await get("/depts/8162/users/24793/securitygroups");
    expect(body.results).toEqual([
      { proj_id: 11873, proj_name: "Sample Project", group_name: "Testers" },
      { proj_id: 12345, proj_name: "Security Review", group_name: "Security Administrator" },
    ]);
  });

  it("lists the department's security groups by name", async () => {
    const { body } = await get(`/depts/8162/securitygroups?Filter=${encodeURIComponent("Name ~ 'test'")}`);
    expect(body.results).toEqual([{ name: "Testers" }]);
  });

  it("keeps departments apart: users of 9001 are not under 8162", async () => {
    const other = await get("/depts/8162/users/29001");
    expect(other.status).toBe(404);
    expect((await get("/depts/9001/users/29001")).status).toBe(200);
  });

  it("can represent a disabled user (is_active false) in state", () => {
    const user = sim.state.users.get(24793);
    expect(user?.is_active).toBe(true);
    const disabled = [...sim.state.users.values()].filter((u) => !u.is_active);
    expect(disabled.length).toBeGreaterThan(0);
  });
});

describe("QAComplete simulator at 5,000 users", () => {
  it("seeds deterministically and answers pages and filters quickly", async () => {
    const a = createQacSimulator({ users: 5000 });
    const b = createQacSimulator({ users: 5000 });
    expect([...a.state.users.values()].slice(-3)).toEqual([...b.state.users.values()].slice(-3));
    await a.start();
    try {
      const started = performance.now();
      for (let i = 0; i < 20; i++) {
        const filter = encodeURIComponent(`Id in {${30000 + i},${30100 + i}} OR Email = 'nobody@x'`);
        const response = await fetch(
          `${a.url}/rest-api/service/api/v1/depts/8162/users?offset=${i * 200}&limit=200&Filter=${filter}`,
          {
            headers: { authorization: ADMIN, accept: "application/json" },
          },
        );
        expect(response.status).toBe(200);
      }
      expect(performance.now() - started).toBeLessThan(2000);
    } finally {
      await a.stop();
    }
  });
});
