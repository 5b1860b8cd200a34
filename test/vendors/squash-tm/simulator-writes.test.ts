/**
 * The Squash TM simulator's write routes, spoken to directly: the doc page's requests and answers,
 * Squash's `{exception, message}` errors, and reads that see the writes.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createSquashSimulator,
  type SquashSimulator,
} from "../../../src/vendors/squash-tm/simulator/index.js";

const fixture = (name: string) =>
  JSON.parse(
    readFileSync(new URL(`../../../src/vendors/squash-tm/__fixtures__/${name}`, import.meta.url), "utf8"),
  );

let sim: SquashSimulator;
let api: string;
const ADMIN = `Basic ${Buffer.from("admin:admin").toString("base64")}`;

/** The content type the page's examples carry on DELETE /users/{ids} and the team routes, bodiless. */
const JSON_TYPE = { "content-type": "application/json" };

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${api}${path}`, {
    method,
    headers: {
      authorization: ADMIN,
      accept: "application/json",
      ...(body === undefined || typeof body === "string" ? {} : { "content-type": "application/json" }),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** The doc example's body with a valid email (the page's own "charlesdupond@aaaa@aa" is a typo). */
const createBody = (login: string) => ({
  ...fixture("create-user-request.json"),
  login,
  email: `${login.toLowerCase()}@example.org`,
});

beforeAll(async () => {
  sim = createSquashSimulator({ users: 10 });
  api = `${await sim.start()}/api/rest/latest`;
});
afterAll(() => sim?.stop());

describe("Squash TM simulator: users", () => {
  it("creates with the doc page's request: 201 and the full user, group capitalised, no password", async () => {
    const { status, body } = await call("POST", "/users", createBody("Created-1"));
    expect(status).toBe(201);
    const expected = fixture("create-user-response.json");
    expect(Object.keys(body).sort()).toEqual(Object.keys(expected).sort());
    expect(body).toMatchObject({ _type: "user", login: "Created-1", group: "User", active: true, teams: [] });
    expect(body).not.toHaveProperty("password");
    expect((await call("GET", "/users/login/Created-1")).body.id).toBe(body.id);
    // The password set is the one the account now signs in with.
    const own = `Basic ${Buffer.from("Created-1:123456").toString("base64")}`;
    expect((await call("GET", "/users/login/Created-1", undefined, { authorization: own })).status).toBe(200);
  });

  it.each([
    ["without a login", { login: undefined }, /login is required/],
    ["without a password", { password: undefined }, /password is required/],
    ["with an unknown group", { group: "superuser" }, /Unknown group "superuser"/],
    ["without _type", { _type: undefined }, /_type/],
  ])("answers 400 {exception, message} to a create %s", async (_what, change, message) => {
    const { status, body } = await call("POST", "/users", { ...createBody("Bad-1"), ...change });
    expect(status).toBe(400);
    expect(body).toEqual({
      exception: "java.lang.IllegalArgumentException",
      message: expect.stringMatching(message),
    });
  });

  it("answers 409 LoginAlreadyExistsException to a taken login", async () => {
    const { status, body } = await call("POST", "/users", createBody("User-1"));
    expect(status).toBe(409);
    expect(body.exception).toBe("org.squashtest.tm.exception.user.LoginAlreadyExistsException");
  });

  it("modifies with PATCH: 200, the user as it now is, the new login findable and the old one gone", async () => {
    const { body: created } = await call("POST", "/users", createBody("Patch-1"));
    const { status, body } = await call("PATCH", `/users/${created.id}`, {
      _type: "user",
      login: "Patch-42",
      active: false,
      group: "admin",
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      login: "Patch-42",
      active: false,
      group: "Admin",
      last_modified_by: "admin",
    });
    expect((await call("GET", "/users/login/Patch-42")).status).toBe(200);
    expect((await call("GET", "/users/login/Patch-1")).status).toBe(404);
  });

  it("modifies with the doc page's own request ('Modify user'): 200 and the user in the page's answer shape", async () => {
    const { body: created } = await call("POST", "/users", createBody("Doc-Patch"));
    const { status, body } = await call("PATCH", `/users/${created.id}`, fixture("modify-user-request.json"));
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(Object.keys(fixture("modify-user-response.json")).sort());
    expect(body).toMatchObject({ login: "User-42", active: false, can_delete_from_front: false });
    expect(body).not.toHaveProperty("password");
  });

  it("deletes several ids in one DELETE /users/{ids} (204); one unknown id refuses all of them", async () => {
    const a = (await call("POST", "/users", createBody("Del-1"))).body.id;
    const b = (await call("POST", "/users", createBody("Del-2"))).body.id;
    const refused = await call("DELETE", `/users/${a},999999`, undefined, JSON_TYPE);
    expect(refused.status).toBe(404);
    expect(refused.body.exception).toBe("javax.persistence.EntityNotFoundException");
    expect((await call("GET", `/users/${a}`)).status).toBe(200);
    expect((await call("DELETE", `/users/${a},${b}`, undefined, JSON_TYPE)).status).toBe(204);
    expect((await call("GET", `/users/${a}`)).status).toBe(404);
    expect((await call("GET", "/users/login/Del-2")).status).toBe(404);
  });
});

describe("Squash TM simulator: permissions and teams", () => {
  it("adds a permission group as the doc page shows (only what the call granted) and replaces the old one", async () => {
    const { status, body } = await call("POST", "/users/486/permissions/advanced_tester?ids=369");
    expect(status).toBe(200);
    const expected = fixture("add-permissions-response.json");
    const local = (json: unknown) =>
      JSON.stringify(json).replaceAll(/http:\/\/[^/]+(\/squash)?\/api/g, "API");
    expect(local(body)).toBe(local(expected));
    const all = (await call("GET", "/users/486/permissions")).body.content;
    expect(all.validator).toBeUndefined();
    expect(all.advanced_tester.map((p: { id: number }) => p.id).sort()).toEqual([367, 368, 369]);
  });

  it("refuses an unknown group (400) and an unknown project (404) without granting anything", async () => {
    expect((await call("POST", "/users/486/permissions/boss?ids=370")).status).toBe(400);
    expect((await call("POST", "/users/486/permissions/validator?ids=370,999")).status).toBe(404);
    expect((await call("GET", "/users/486/permissions")).body.content.validator).toBeUndefined();
  });

  it("deletes permissions by project ids (204)", async () => {
    expect((await call("DELETE", "/users/486/permissions?ids=367,368")).status).toBe(204);
    const all = (await call("GET", "/users/486/permissions")).body.content;
    expect(all.advanced_tester.map((p: { id: number }) => p.id)).toEqual([369]);
  });

  it("subscribes to teams by name with the doc page's own request (form text under a JSON content type), and unsubscribes", async () => {
    const subscribe = await call(
      "POST",
      "/users/login/User-1/teams",
      "teamNames=QA+Mobile%2C+QA+Web",
      JSON_TYPE,
    );
    expect(subscribe.status).toBe(204);
    const names = async () =>
      (await call("GET", "/users/login/User-1/teams")).body._embedded.teams.map(
        (t: { name: string }) => t.name,
      );
    expect(await names()).toEqual(["Team A", "Team B", "QA Mobile", "QA Web"]);
    expect(
      (await call("DELETE", "/users/login/User-1/teams?teamNames=QA%20Mobile,QA%20Web", undefined, JSON_TYPE))
        .status,
    ).toBe(204);
    expect(await names()).toEqual(["Team A", "Team B"]);
  });

  it("answers 404 for an unknown team name and changes nothing", async () => {
    expect(
      (await call("POST", "/users/login/User-1/teams?teamNames=QA%20Web,Nope", undefined, JSON_TYPE)).status,
    ).toBe(404);
    expect((await call("GET", "/users/login/User-1")).body.teams).toHaveLength(2);
  });
});
