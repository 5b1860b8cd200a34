import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createQacSimulator, type QacSimulator } from "../../../src/vendors/qacomplete/simulator/index.js";
import { putUser } from "../../../src/vendors/qacomplete/simulator/state.js";
import { fixture } from "./fixtures.js";

const basic = (login: string, password: string) =>
  `Basic ${Buffer.from(`${login}:${password}`).toString("base64")}`;
const ADMIN = basic("john@example.com", "p@ssword");

type Body = Record<string, unknown>;

describe("QAComplete simulator write routes, over HTTP", () => {
  let sim: QacSimulator;
  const call = async (method: string, path: string, body?: unknown, authorization = ADMIN) => {
    const response = await fetch(`${sim.url}/rest-api/service/api/v1${path}`, {
      method,
      headers: { authorization, accept: "application/json", "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, text, body: (text ? JSON.parse(text) : undefined) as Body };
  };
  const groupsOf = async (userId: number) =>
    ((await call("GET", `/depts/8162/users/${userId}/securitygroups`)).body.results as Body[]).map(
      (g) => `${g.proj_id}:${g.group_name}`,
    );

  beforeAll(async () => {
    sim = createQacSimulator({ users: 60 });
    await sim.start();
  });
  afterAll(() => sim.stop());

  describe("POST /depts/{DeptId}/users", () => {
    it("creates the seed page's request body's user and answers 200 with the seed page's response fields", async () => {
      const request = { ...fixture<Body>("add-user-request.json"), Email: "jane.roe@example.com" };
      const { status, body } = await call("POST", "/depts/8162/users", request);
      expect(status).toBe(200);
      expect(Object.keys(body)).toEqual(Object.keys(fixture<Body>("add-user-response.json")));
      expect(body).toMatchObject({
        first_name: "John",
        last_name: "Doe",
        email: "jane.roe@example.com",
        is_active: true,
        is_security_admin: false,
        primary_dept_id: 8162,
        update_user_id: 0,
      });
      expect(body.date_created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}$/);
      const listed = await call(
        "GET",
        `/depts/8162/users?Filter=${encodeURIComponent("Email = 'jane.roe@example.com'")}`,
      );
      expect((listed.body.results as Body[]).map((u) => u.id)).toEqual([body.id]);
      expect((await call("GET", `/depts/8162/users/${body.id}`)).status).toBe(200);
    });

    it("refuses missing required fields with 400 and every problem in ASP.NET's ModelState", async () => {
      const { status, body } = await call("POST", "/depts/8162/users", {
        FirstName: " ",
        IsSecurityAdmin: "yes",
      });
      expect(status).toBe(400);
      expect(body.Message).toBe("The request is invalid.");
      expect(Object.keys(body.ModelState as Body).sort()).toEqual([
        "user.Email",
        "user.FirstName",
        "user.IsSecurityAdmin",
        "user.LastName",
      ]);
      expect((body.ModelState as Record<string, string[]>)["user.LastName"]).toEqual([
        "The LastName field is required.",
      ]);
    });

    it("refuses a body that is not an object, and an email that is already someone's login (in any department)", async () => {
      expect((await call("POST", "/depts/8162/users")).body.ModelState).toEqual({
        user: ["The user field is required."],
      });
      const taken = await call("POST", "/depts/8162/users", {
        FirstName: "P",
        LastName: "R",
        Email: "Priya.Raman@contractor.example",
      });
      expect(taken.status).toBe(400);
      expect(Object.keys(taken.body.ModelState as Body)).toEqual(["user.Email"]);
    });

    it("creates a user without a password: it can't log in until Forgot Password (seed page)", async () => {
      const { status, body } = await call("POST", "/depts/8162/users", {
        LastName: "Pass",
        FirstName: "Word",
        Email: "pass.word@example.com",
        IsSecurityAdmin: true,
      });
      expect(status).toBe(200);
      expect(body).toMatchObject({ first_name: "Word", last_name: "Pass", is_security_admin: true });
      const login = await call("GET", "/depts/8162", undefined, basic("pass.word@example.com", "password"));
      expect(login.status).toBe(401);
    });

    it("keeps user administration to security administrators (403)", async () => {
      const { status } = await call(
        "POST",
        "/depts/8162/users",
        { FirstName: "A", LastName: "B", Email: "a.b@example.com" },
        basic("ada.lovelace@example.com", "password"),
      );
      expect(status).toBe(403);
    });
  });

  describe("PATCH and PUT /depts/{DeptId}/users/{UserId}", () => {
    it("PATCH changes only the properties sent; PUT resets the ones it is not sent", async () => {
      const before = sim.state.users.get(30003);
      const patched = await call("PATCH", "/depts/8162/users/30003", {
        FirstName: "Kathy",
        Phone: "555-0100",
      });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({ id: 30003, first_name: "Kathy", last_name: before?.last_name });
      expect(sim.state.users.get(30003)).toMatchObject({
        title: before?.title,
        company_name: before?.company_name,
        work_phone: "555-0100",
        update_user_id: 24700,
      });
      const put = await call("PUT", "/depts/8162/users/30003", {
        FirstName: "Katherine",
        LastName: "Johnson",
        Email: before?.email,
      });
      expect(put.status).toBe(200);
      expect(sim.state.users.get(30003)).toMatchObject({ first_name: "Katherine", work_phone: null });
    });

    it("PUT requires the names and the email; PATCH refuses an empty one", async () => {
      const put = await call("PUT", "/depts/8162/users/30003", { FirstName: "K" });
      expect(Object.keys(put.body.ModelState as Body).sort()).toEqual(["user.Email", "user.LastName"]);
      const patch = await call("PATCH", "/depts/8162/users/30003", { LastName: "" });
      expect(patch.status).toBe(400);
      expect(Object.keys(patch.body.ModelState as Body)).toEqual(["user.LastName"]);
    });

    it("changes a user only through the user's primary department (users/deptid-userid-patch.html)", async () => {
      const stored = sim.state.users.get(29002);
      if (!stored) throw new Error("seed changed");
      putUser(sim.state, stored, [8162]); // now listed under 8162 too, primary still 9001
      const { status, body } = await call("PATCH", "/depts/8162/users/29002", { FirstName: "M" });
      expect(status).toBe(400);
      expect(body.Message).toMatch(/primary department \(9001\)/);
    });

    it("answers 404 for a user of another department", async () => {
      expect((await call("PATCH", "/depts/8162/users/29001", { FirstName: "X" })).status).toBe(404);
    });
  });

  describe("DELETE /depts/{DeptId}/users/{UserId}", () => {
    it("disables the profile: 200 with an empty body, the row and its security groups stay", async () => {
      const groups = await groupsOf(30004);
      const { status, text } = await call("DELETE", "/depts/8162/users/30004");
      expect(status).toBe(200);
      expect(text).toBe("");
      const { body } = await call("GET", "/depts/8162/users/30004");
      expect(body).toMatchObject({ id: 30004, is_active: false, update_user_id: 24700 });
      expect(await groupsOf(30004)).toEqual(groups);
      const inactive = await call(
        "GET",
        `/depts/8162/users?Filter=${encodeURIComponent("IsActive = false AND Id = 30004")}`,
      );
      expect((inactive.body.metadata as { result_set: { total: number } }).result_set.total).toBe(1);
      expect((await call("DELETE", "/depts/8162/users/30004")).status).toBe(200);
    });

    it("has no way back: RequestUserPatch has no IsActive (refused here; see simulator-strictness)", async () => {
      await call("DELETE", "/depts/8162/users/30005");
      const { status } = await call("PATCH", "/depts/8162/users/30005", { IsActive: true });
      expect(status).toBe(400);
      expect(sim.state.users.get(30005)?.is_active).toBe(false);
    });

    it("answers 404 for an unknown user", async () => {
      const { status, body } = await call("DELETE", "/depts/8162/users/999999");
      expect(status).toBe(404);
      expect(body).toEqual({ Message: "User 999999 was not found." });
    });
  });

  describe("PUT and PATCH /depts/{DeptId}/users/{UserId}/securitygroups", () => {
    it("PATCH sets the group of each project named and keeps the others (the docs' sample body)", async () => {
      const { status, body } = await call("PATCH", "/depts/8162/users/24793/securitygroups", {
        Groups: [{ ProjId: 12345, GroupName: "Security Administrator" }],
      });
      expect(status).toBe(200);
      expect(body.results).toEqual([
        { proj_id: 11873, proj_name: "Sample Project", group_name: "Testers" },
        { proj_id: 12345, proj_name: "Security Review", group_name: "Security Administrator" },
      ]);
      await call("PATCH", "/depts/8162/users/30006/securitygroups", {
        Groups: [
          { ProjId: "11874", GroupName: "read only" },
          { ProjId: 11875, GroupName: "Testers" },
        ],
      });
      expect(await groupsOf(30006)).toEqual(expect.arrayContaining(["11874:Read Only", "11875:Testers"]));
      const members = await call("GET", "/projects/11875/users?limit=100");
      expect((members.body.results as Body[]).map((u) => u.id)).toContain(30006);
    });

    it("PUT replaces the user's list in the department (an empty list takes every project away)", async () => {
      await call("PUT", "/depts/8162/users/30007/securitygroups", {
        Groups: [{ ProjId: 11876, GroupName: "Developers" }],
      });
      expect(await groupsOf(30007)).toEqual(["11876:Developers"]);
      const { body } = await call("PUT", "/depts/8162/users/30007/securitygroups", { Groups: [] });
      expect(body.results).toEqual([]);
      expect(await groupsOf(30007)).toEqual([]);
      const members = await call("GET", "/projects/11876/users?limit=100");
      expect((members.body.results as Body[]).map((u) => u.id)).not.toContain(30007);
    });

    it("refuses unknown groups, projects of other departments, repeats and a missing list, changing nothing", async () => {
      const before = await groupsOf(30008);
      const { status, body } = await call("PATCH", "/depts/8162/users/30008/securitygroups", {
        Groups: [
          { ProjId: 11873, GroupName: "Chiefs" },
          { ProjId: 11900, GroupName: "Testers" },
          { ProjId: 11874, GroupName: "Testers" },
          { ProjId: 11874, GroupName: "Developers" },
        ],
      });
      expect(status).toBe(400);
      expect(Object.keys(body.ModelState as Body)).toEqual([
        "request.Groups[0].GroupName",
        "request.Groups[1].ProjId",
        "request.Groups[3].ProjId",
      ]);
      expect(await groupsOf(30008)).toEqual(before);
      const missing = await call("PUT", "/depts/8162/users/30008/securitygroups", {});
      expect(missing.body.ModelState).toEqual({ "request.Groups": ["The Groups field is required."] });
    });
  });
});
