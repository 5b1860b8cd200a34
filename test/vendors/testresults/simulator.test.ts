import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RawCustomer, RawUser } from "../../../src/vendors/testresults/raw-types.js";
import { CLAIMS, TESTRESULTS_DEMO_TOKEN } from "../../../src/vendors/testresults/simulator/auth.js";
import {
  createTestResultsSimulator,
  type TestResultsSimulator,
} from "../../../src/vendors/testresults/simulator/index.js";
import { decodeJwt } from "../../../src/vendors/testresults/simulator/jwt.js";
import {
  AUTOMATION_ENGINEER_ID,
  DEMO_ADMIN,
  seedTestResults,
  trioDate,
} from "../../../src/vendors/testresults/simulator/state.js";
import { fixture } from "./fixtures.js";

const DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/;
const ROWVERSION = /^[A-Za-z0-9+/]{11}=$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("TestResults.io simulator", () => {
  let sim: TestResultsSimulator;
  let api: string;
  const get = (path: string, headers: Record<string, string> = { authentication: TESTRESULTS_DEMO_TOKEN }) =>
    fetch(`${api}${path}`, { headers });
  const login = (body: unknown) =>
    fetch(`${api}/token/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    sim = createTestResultsSimulator({ users: 40 });
    api = `${await sim.start()}/api`;
  });
  afterAll(() => sim.stop());

  it("serves the API under /api on the customer's host, and nothing outside it", async () => {
    expect(new URL(sim.url).pathname).toBe("/");
    expect((await get("/users/current")).status).toBe(200);
    for (const outside of ["/users/current", "/api/api/users/current"]) {
      const response = await fetch(`${sim.url}${outside}`, {
        headers: { authentication: TESTRESULTS_DEMO_TOKEN },
      });
      expect(response.status, outside).toBe(404);
    }
  });

  it("issues an HS256 JWT with the documented claims on POST /api/token/login", async () => {
    const answer = await login({ Email: DEMO_ADMIN.email, Password: DEMO_ADMIN.password });
    expect(answer.status).toBe(200);
    const { token } = (await answer.json()) as { token: string };
    expect(decodeJwt(`x.${token.split(".")[0]}`)).toEqual({ alg: "HS256", typ: "JWT" });
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({
      [CLAIMS.email]: DEMO_ADMIN.email,
      [CLAIMS.userId]: DEMO_ADMIN.id,
      [CLAIMS.customerId]: "00000000-0000-0000-0000-000000000010",
      [CLAIMS.management]: "true",
      [CLAIMS.administration]: "true",
      iss: "TestResultsIO",
      aud: "API-G-V1",
    });
    expect(claims?.[CLAIMS.usage]).toMatch(/^\d+$/);
    expect(claims?.exp).toBeGreaterThan(Date.now() / 1000);
    expect((await get("/users/current", { authentication: token })).status).toBe(200);
  });

  it("refuses a wrong password with 401 and an ASP.NET-style Message", async () => {
    const answer = await login({ Email: DEMO_ADMIN.email, Password: "nope" });
    expect(answer.status).toBe(401);
    expect(await answer.json()).toEqual({ Message: "Invalid email or password." });
  });

  it("accepts the token only as the raw value of the `Authentication` header", async () => {
    expect((await get("/users/current")).status).toBe(200);
    expect((await get("/users/current", { authorization: TESTRESULTS_DEMO_TOKEN })).status).toBe(401);
    expect((await get("/users/current", { authorization: `Bearer ${TESTRESULTS_DEMO_TOKEN}` })).status).toBe(
      401,
    );
    const bearer = await get("/users/current", { authentication: `Bearer ${TESTRESULTS_DEMO_TOKEN}` });
    expect(bearer.status).toBe(401);
    expect(await bearer.json()).toEqual({ Message: "Authorization has been denied for this request." });
  });

  it("serves the doc page's customer and groups verbatim", async () => {
    const doc = fixture<RawCustomer>("customers-current.json");
    const served = (await (await get("/management/customers/current")).json()) as RawCustomer;
    expect(served.UserGroups.slice(0, 2)).toEqual(doc.UserGroups);
    expect({ ...served, UserGroups: [] }).toEqual({ ...doc, UserGroups: [] });
    expect(Object.keys(served)).toEqual(Object.keys(doc));
  });

  it("serves the Automation Engineer users of the doc page verbatim, as a bare array", async () => {
    const doc = fixture<RawUser[]>("group-users-automation-engineer.json");
    const served = (await (
      await get(`/management/customers/current/groups/${AUTOMATION_ENGINEER_ID}/users`)
    ).json()) as RawUser[];
    expect(Array.isArray(served)).toBe(true);
    expect(served.slice(0, 2)).toEqual(doc);
    expect(served.slice(0, 2).map((u) => Object.keys(u))).toEqual(doc.map((u) => Object.keys(u)));
  });

  it("keeps its conventions: GUID ids, base64 rowversions, 7-digit UTC dates", async () => {
    const customer = (await (await get("/management/customers/current")).json()) as RawCustomer;
    for (const group of customer.UserGroups) {
      expect(group.Id).toMatch(GUID);
      if (group.DataVersion !== null) expect(group.DataVersion).toMatch(ROWVERSION);
      const users = (await (
        await get(`/management/customers/current/groups/${group.Id}/users`)
      ).json()) as RawUser[];
      for (const u of users) {
        expect(u.Id).toMatch(GUID);
        expect(u.DataVersion).toMatch(ROWVERSION);
        for (const date of [u.LastLogin, u.PreviousLogin]) if (date !== null) expect(date).toMatch(DATE);
        expect(u.UsagePermission).toBe(group.UsagePermission);
      }
    }
  });

  it("prints datetimes the way SQL Server's 1/300 s ticks come out", () => {
    expect(trioDate(new Date("2018-08-02T14:06:39.403Z"))).toBe("2018-08-02T14:06:39.4033333Z");
    expect(trioDate(new Date("2019-05-02T09:00:41.177Z"))).toBe("2019-05-02T09:00:41.1766667Z");
    expect(trioDate(new Date("2019-05-02T09:00:59.999Z"))).toBe("2019-05-02T09:01:00.0000000Z");
  });

  it("answers an unknown group with 404 and a Message", async () => {
    const answer = await get(
      "/management/customers/current/groups/00000000-0000-4000-8000-00000000dead/users",
    );
    expect(answer.status).toBe(404);
    expect(await answer.json()).toEqual({ Message: "User group not found." });
  });

  it("seeds the same data every time, with the generated people spread over the groups", () => {
    const a = seedTestResults(40);
    const b = seedTestResults(40);
    expect(JSON.stringify([...a.users.values()])).toBe(JSON.stringify([...b.users.values()]));
    const sizes = [...a.members.values()].map((m) => m.size);
    expect(sizes.filter((n) => n > 0).length).toBe(a.groups.size);
    expect(a.users.size).toBe(43);
    expect(a.users.get("5eed0001-0000-4000-8000-000000000000")?.Email).toBe("ada.lovelace@example.com");
  });

  it("stays fast at 5,000 users", async () => {
    const big = createTestResultsSimulator({ users: 5000 });
    const url = `${await big.start()}/api`;
    try {
      const started = performance.now();
      const headers = { authentication: TESTRESULTS_DEMO_TOKEN };
      const customer = (await (
        await fetch(`${url}/management/customers/current`, { headers })
      ).json()) as RawCustomer;
      const lists = await Promise.all(
        customer.UserGroups.map(async (g) =>
          (await fetch(`${url}/management/customers/current/groups/${g.Id}/users`, { headers })).json(),
        ),
      );
      expect((lists as RawUser[][]).flat()).toHaveLength(5003);
      expect(performance.now() - started).toBeLessThan(2000);
    } finally {
      await big.stop();
    }
  });
});
