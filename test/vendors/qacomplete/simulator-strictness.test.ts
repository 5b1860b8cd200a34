import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createQacSimulator, type QacSimulator } from "../../../src/vendors/qacomplete/simulator/index.js";

/**
 * The simulator refuses every request QAComplete's docs would not show as accepted, so a test
 * passing against it passes against a server that holds us to the docs. Each refusal cites the
 * page that shows the requirement; where the docs are silent, the simulator refuses on purpose
 * (ASP.NET itself is lenient about case and unknown members, but a client relying on that relies
 * on something the docs never promised).
 */

const basic = (login: string, password: string) =>
  `Basic ${Buffer.from(`${login}:${password}`).toString("base64")}`;
const ADMIN = basic("john@example.com", "p@ssword");
const JSON_TYPE = "application/json";

type Body = Record<string, unknown>;

describe("QAComplete simulator strictness (what the docs require of a request)", () => {
  let sim: QacSimulator;
  const call = async (
    method: string,
    path: string,
    options: { headers?: Record<string, string>; body?: string } = {},
  ) => {
    const response = await fetch(`${sim.url}/rest-api/service/api/v1${path}`, {
      method,
      headers: { authorization: ADMIN, accept: JSON_TYPE, ...options.headers },
      body: options.body,
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as Body };
  };
  const json = (value: unknown, headers: Record<string, string> = { "content-type": JSON_TYPE }) => ({
    headers,
    body: JSON.stringify(value),
  });

  beforeAll(async () => {
    sim = createQacSimulator({ users: 3 });
    await sim.start();
  });
  afterAll(() => sim.stop());

  describe("authentication: `Authorization: Basic base64(login:password)` (REFERENCE §3.1, seed page sample request)", () => {
    it("accepts the doc's own header", async () => {
      expect((await call("GET", "/depts/8162")).status).toBe(200);
    });

    it("refuses another scheme, the scheme in another case, and credentials in another header", async () => {
      const token = Buffer.from("john@example.com:p@ssword").toString("base64");
      const tries: Record<string, string>[] = [
        { authorization: `Bearer ${token}` },
        { authorization: `basic ${token}` },
        { authorization: "", authentication: `Basic ${token}` },
      ];
      for (const headers of tries) {
        const { status, body } = await call("GET", "/depts/8162", { headers });
        expect(status, JSON.stringify(headers)).toBe(401);
        expect(body.Message).toBe("Authorization has been denied for this request.");
      }
    });
  });

  describe("content types: the seed page's sample request sends `Accept: application/json` and `Content-Type: application/json`", () => {
    it("refuses a request that does not accept JSON (406), with or without a body", async () => {
      for (const accept of ["", "application/xml", "text/html"]) {
        const { status, body } = await call("GET", "/depts/8162", { headers: { accept } });
        expect(status, accept).toBe(406);
        expect(body.Message).toContain("application/json");
      }
      const users = sim.state.users.size;
      const post = await call("POST", "/depts/8162/users", {
        ...json({ FirstName: "A", LastName: "B", Email: "a.b.accept@example.com" }),
        headers: { "content-type": JSON_TYPE, accept: "application/xml" },
      });
      expect(post.status).toBe(406);
      expect(sim.state.users.size).toBe(users);
    });

    it("accepts JSON among other media types and with parameters", async () => {
      for (const accept of ["application/json; charset=utf-8", "text/plain, application/json;q=0.9"])
        expect((await call("GET", "/depts/8162", { headers: { accept } })).status, accept).toBe(200);
    });

    it("refuses a body that is not declared JSON (415), changing nothing", async () => {
      const person = { FirstName: "Con", LastName: "Type", Email: "con.type@example.com" };
      const tries: Record<string, string>[] = [
        {},
        { "content-type": "text/plain" },
        { "content-type": "application/x-www-form-urlencoded" },
      ];
      for (const headers of tries) {
        const { status, body } = await call("POST", "/depts/8162/users", json(person, headers));
        expect(status, JSON.stringify(headers)).toBe(415);
        expect(body.Message).toMatch(/media type/);
      }
      expect(
        (
          await call(
            "POST",
            "/depts/8162/users",
            json(person, { "content-type": "application/json; charset=utf-8" }),
          )
        ).status,
      ).toBe(200);
    });

    it("refuses a body on a request that takes none (GET, DELETE): the docs show none", async () => {
      // fetch() won't send a GET with a body; node:http will.
      const getStatus = await new Promise<number>((resolve, reject) => {
        const request = http.request(
          `${sim.url}/rest-api/service/api/v1/depts/8162`,
          { method: "GET", headers: { authorization: ADMIN, accept: JSON_TYPE, "content-type": JSON_TYPE } },
          (response) => {
            response.resume();
            resolve(response.statusCode ?? 0);
          },
        );
        request.on("error", reject);
        request.end(JSON.stringify({ Filter: "Id = 1" }));
      });
      expect(getStatus).toBe(400);
      const del = await call("DELETE", "/depts/8162/users/30000", json({}));
      expect(del.status).toBe(400);
      expect(sim.state.users.get(30000)?.is_active).toBe(true);
    });
  });

  describe("query parameters: `offset`, `limit` and `Filter`, spelled as the reference pages spell them (…/reference/paging.html, filters.html)", () => {
    it("refuses them in another case, and parameters a route does not take", async () => {
      for (const query of [
        "filter=Id%20%3D%201",
        "Offset=0",
        "LIMIT=5",
        "sort=Id",
        "Filter=Id%20%3D%201&pageSize=5",
      ]) {
        const { status, body } = await call("GET", `/depts/8162/users?${query}`);
        expect(status, query).toBe(400);
        expect(body.Message).toMatch(/query parameter/);
      }
      // GET /projects takes offset and limit, no Filter (REFERENCE §3.2).
      expect((await call("GET", "/projects?Filter=Id%20%3D%201")).status).toBe(400);
      expect((await call("GET", "/projects?offset=0&limit=5")).status).toBe(200);
      // A user's security groups page with offset and limit, no Filter.
      expect((await call("GET", "/depts/8162/users/24793/securitygroups?Filter=x")).status).toBe(400);
      // One object takes no parameters at all.
      expect((await call("GET", "/depts/8162?limit=1")).status).toBe(400);
    });
  });

  describe("the Filter= language as filters.html writes it: PascalCase fields, AND/OR/NOT, in {…}, is [not] empty", () => {
    it("takes the doc's forms", async () => {
      for (const filter of [
        "Id in {24793,24700}",
        "(FirstName ~ 'john' OR LastName ~ 'doe') AND (IsActive = true)",
        "NOT (Id = 24700)",
        "Id not in {24700}",
        "MiddleName is empty",
      ])
        expect(
          (await call("GET", `/depts/8162/users?Filter=${encodeURIComponent(filter)}`)).status,
          filter,
        ).toBe(200);
    });

    it("refuses field names and connectives in another case", async () => {
      for (const filter of [
        "id in {24793}",
        "Email = 'x' and Id = 1",
        "Id = 1 or Id = 2",
        "not (Id = 1)",
        "Id IN {1}",
      ]) {
        const { status, body } = await call("GET", `/depts/8162/users?Filter=${encodeURIComponent(filter)}`);
        expect(status, filter).toBe(400);
        expect(body.Message, filter).toMatch(/filter/i);
      }
    });
  });

  describe("request bodies: the request type's members, in their PascalCase (seed page RequestUserPost, REFERENCE §3.2)", () => {
    it("refuses a member in another case, naming it, and creates nothing", async () => {
      const { status, body } = await call(
        "POST",
        "/depts/8162/users",
        json({ lastName: "Case", FirstName: "Camel", EMAIL: "camel.case@example.com" }),
      );
      expect(status).toBe(400);
      // Every problem at once, as ModelState reports them: the strangers, and the members left missing.
      expect(Object.keys(body.ModelState as Body).sort()).toEqual([
        "user.EMAIL",
        "user.Email",
        "user.LastName",
        "user.lastName",
      ]);
      expect(JSON.stringify(body.ModelState)).toContain(
        "Could not find member 'lastName' on object of type 'RequestUserPost'",
      );
    });

    it("refuses a member the request type doesn't have (a Password, an IsActive), rather than dropping it", async () => {
      const post = await call(
        "POST",
        "/depts/8162/users",
        json({ LastName: "Pass", FirstName: "Word", Email: "pass.word@example.com", Password: "secret-1" }),
      );
      expect(post.status).toBe(400);
      expect(Object.keys(post.body.ModelState as Body)).toEqual(["user.Password"]);
      const patch = await call("PATCH", "/depts/8162/users/30001", json({ IsActive: true }));
      expect(patch.status).toBe(400);
      expect(Object.keys(patch.body.ModelState as Body)).toEqual(["user.IsActive"]);
      // POST-only members are not members of RequestUserPatch.
      const company = await call("PATCH", "/depts/8162/users/30001", json({ CompanyName: "X" }));
      expect(Object.keys(company.body.ModelState as Body)).toEqual(["user.CompanyName"]);
    });

    it("holds the security-groups body to `Groups: [{ProjId, GroupName}]`", async () => {
      const { status, body } = await call(
        "PATCH",
        "/depts/8162/users/24793/securitygroups",
        json({ Groups: [{ projId: 11873, GroupName: "Testers" }] }),
      );
      expect(status).toBe(400);
      expect(Object.keys(body.ModelState as Body)).toContain("request.Groups[0].projId");
    });
  });
});
