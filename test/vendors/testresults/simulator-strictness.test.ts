import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TESTRESULTS_DEMO_TOKEN } from "../../../src/vendors/testresults/simulator/auth.js";
import {
  createTestResultsSimulator,
  type TestResultsSimulator,
} from "../../../src/vendors/testresults/simulator/index.js";
import { DEMO_ADMIN } from "../../../src/vendors/testresults/simulator/state.js";
import { DEVELOPER_ID, liveMembers } from "./sim-picks.js";

/**
 * The simulator refuses every request the "User Management" doc page (and REFERENCE §4) would not
 * show as accepted, so a test passing against it passes against a server that holds us to the
 * docs. Where the docs are silent it refuses on purpose: ASP.NET binds members in any case and
 * ignores unknown ones, but a client relying on that relies on something the docs never promised.
 */

const JSON_TYPE = "application/json";
const GROUPS = "/management/customers/current/groups";
type Body = Record<string, unknown>;

describe("TestResults.io simulator strictness (what the docs require of a request)", () => {
  let sim: TestResultsSimulator;
  let api: string;
  const call = async (
    method: string,
    path: string,
    options: { headers?: Record<string, string>; body?: unknown; raw?: string } = {},
  ) => {
    const response = await fetch(`${api}${path}`, {
      method,
      headers: {
        authentication: TESTRESULTS_DEMO_TOKEN,
        ...(options.body !== undefined ? { "content-type": JSON_TYPE } : {}),
        ...options.headers,
      },
      body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as Body };
  };
  const aUser = () => {
    const [user] = liveMembers(sim, DEVELOPER_ID);
    if (!user) throw new Error("seed changed");
    return user;
  };

  beforeAll(async () => {
    sim = createTestResultsSimulator({ users: 20 });
    api = `${await sim.start()}/api`;
  });
  afterAll(() => sim.stop());

  describe("the token: in the `Authentication` header, as it is (every endpoint of the doc page; REFERENCE §4.1)", () => {
    it("refuses it in `Authorization`, with a scheme, or in another header's scheme", async () => {
      const tries: Record<string, string>[] = [
        { authentication: "", authorization: TESTRESULTS_DEMO_TOKEN },
        { authentication: "", authorization: `Bearer ${TESTRESULTS_DEMO_TOKEN}` },
        { authentication: `Bearer ${TESTRESULTS_DEMO_TOKEN}` },
      ];
      for (const headers of tries) {
        const { status } = await call("GET", "/users/current", { headers });
        expect(status, JSON.stringify(headers)).toBe(401);
      }
    });
  });

  describe("JSON content types (every doc page's request body is JSON)", () => {
    it("refuses a body not declared JSON (415), writing nothing", async () => {
      const users = sim.state.users.size;
      const tries: Record<string, string>[] = [{}, { "content-type": "text/plain" }];
      for (const headers of tries) {
        const { status, body } = await call("POST", "/users", {
          headers,
          raw: JSON.stringify({
            DisplayName: "X",
            Email: "x.ct@example.com",
            UserGroup: { Id: DEVELOPER_ID },
          }),
        });
        expect(status, JSON.stringify(headers)).toBe(415);
        expect(body.Message).toMatch(/media type/);
      }
      expect(sim.state.users.size).toBe(users);
      const login = await call("POST", "/token/login", {
        headers: { authentication: "", "content-type": "application/x-www-form-urlencoded" },
        raw: `Email=${encodeURIComponent(DEMO_ADMIN.email)}&Password=${DEMO_ADMIN.password}`,
      });
      expect(login.status).toBe(415);
    });

    it("refuses a request that won't accept JSON (406), and takes one that says nothing", async () => {
      expect((await call("GET", "/users/current", { headers: { accept: "application/xml" } })).status).toBe(
        406,
      );
      expect((await call("GET", "/users/current", { headers: { accept: "*/*" } })).status).toBe(200);
      expect((await call("GET", "/users/current")).status).toBe(200);
    });

    it("refuses a body on GET and DELETE (the doc page shows none)", async () => {
      const user = aUser();
      const del = await call("DELETE", `/users/${user.Id}`, { body: {} });
      expect(del.status).toBe(400);
      expect(user.Archived).toBe(false);
      const getStatus = await new Promise<number>((resolve, reject) => {
        const request = http.request(
          `${api}/users/current`,
          { method: "GET", headers: { authentication: TESTRESULTS_DEMO_TOKEN, "content-type": JSON_TYPE } },
          (response) => {
            response.resume();
            resolve(response.statusCode ?? 0);
          },
        );
        request.on("error", reject);
        request.end("{}");
      });
      expect(getStatus).toBe(400);
    });
  });

  describe("no query parameters: no route on the doc page takes any (no paging, no filter; REFERENCE §4.3)", () => {
    it("refuses them rather than ignoring them", async () => {
      for (const path of ["/management/customers/current?page=2", `${GROUPS}/${DEVELOPER_ID}/users?top=5`]) {
        const { status, body } = await call("GET", path);
        expect(status, path).toBe(400);
        expect(body.Message).toMatch(/query parameter/);
      }
    });
  });

  describe("PascalCase bodies with the doc page's members only", () => {
    it("refuses a member in another case (Create new User), naming it", async () => {
      const { status, body } = await call("POST", "/users", {
        body: { displayName: "Lower", email: "lower@example.com", UserGroup: { id: DEVELOPER_ID } },
      });
      expect(status).toBe(400);
      const keys = Object.keys(body.ModelState as Body);
      expect(keys).toEqual(expect.arrayContaining(["displayName", "email", "UserGroup.id"]));
      expect(JSON.stringify(body.ModelState)).toContain(
        "Could not find member 'email' on object of type 'User'",
      );
    });

    it("refuses members the doc page doesn't show (a Password on Create User, an Archived on Update User)", async () => {
      const created = await call("POST", "/users", {
        body: {
          DisplayName: "P",
          Email: "p.w@example.com",
          UserGroup: { Id: DEVELOPER_ID },
          Password: "s3cret",
        },
      });
      expect(created.status).toBe(400);
      expect(Object.keys(created.body.ModelState as Body)).toEqual(["Password"]);
      const user = aUser();
      const updated = await call("PUT", `/users/${user.Id}`, {
        body: { UserData: { DisplayName: user.DisplayName, Email: user.Email, Archived: true } },
      });
      expect(updated.status).toBe(400);
      expect(Object.keys(updated.body.ModelState as Body)).toEqual(["UserData.Archived"]);
      expect(user.Archived).toBe(false);
    });

    it("refuses the group bodies' strangers too (Create/Update User Group: Name, Description, UsagePermission)", async () => {
      const { status, body } = await call("POST", GROUPS, {
        body: { name: "lower", Description: null, UsagePermission: "Login", Archived: false },
      });
      expect(status).toBe(400);
      expect(Object.keys(body.ModelState as Body).sort()).toEqual(["Archived", "Name", "name"]);
    });

    it("takes the login body only as { Email, Password }", async () => {
      const lower = await call("POST", "/token/login", {
        headers: { authentication: "" },
        body: { email: DEMO_ADMIN.email, password: DEMO_ADMIN.password },
      });
      expect(lower.status).toBe(400);
      const doc = await call("POST", "/token/login", {
        headers: { authentication: "" },
        body: { Email: DEMO_ADMIN.email, Password: DEMO_ADMIN.password },
      });
      expect(doc.status).toBe(200);
    });
  });

  describe("DataVersion: the base64 rowversion every answer carries, sent back where the entity holds it", () => {
    it("refuses one that is not a rowversion, and one outside UserData", async () => {
      const user = aUser();
      for (const DataVersion of ["not-base64!", "AAAA", 12]) {
        const { status, body } = await call("PUT", `/users/${user.Id}`, {
          body: { UserData: { DisplayName: user.DisplayName, Email: user.Email, DataVersion } },
        });
        expect(status, String(DataVersion)).toBe(400);
        expect(Object.keys(body.ModelState as Body)).toEqual(["UserData.DataVersion"]);
      }
      const outside = await call("PUT", `/users/${user.Id}`, {
        body: {
          UserData: { DisplayName: user.DisplayName, Email: user.Email },
          DataVersion: user.DataVersion,
        },
      });
      expect(outside.status).toBe(400);
      expect(Object.keys(outside.body.ModelState as Body)).toEqual(["DataVersion"]);
    });

    it("is no member of a create: a new entity has no version yet", async () => {
      const { status, body } = await call("POST", GROUPS, {
        body: { Name: "Versioned", Description: null, UsagePermission: "Login", DataVersion: "AAAAAAAzlGM=" },
      });
      expect(status).toBe(400);
      expect(Object.keys(body.ModelState as Body)).toEqual(["DataVersion"]);
    });
  });
});
