/**
 * The Squash TM simulator refuses every request the doc page (seed-pages/squash-tm-rest-users.txt)
 * does not show as accepted, the way Squash's Spring stack refuses it, so no connector test passes
 * with a request the vendor could refuse. Each case names the page section that shows the rule.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createSquashSimulator,
  type SquashSimulator,
} from "../../../src/vendors/squash-tm/simulator/index.js";

let sim: SquashSimulator;
let api: string;
const ADMIN = `Basic ${Buffer.from("admin:admin").toString("base64")}`;
const JSON_TYPE = "application/json";

async function call(method: string, path: string, headers: Record<string, string>, body?: string) {
  const response = await fetch(`${api}${path}`, { method, headers, body });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}
/** A request as the page's examples send it, with `changes` to its headers (undefined drops one). */
const as = (changes: Record<string, string | undefined> = {}) =>
  Object.fromEntries(
    Object.entries({ authorization: ADMIN, accept: JSON_TYPE, ...changes }).filter(
      (e): e is [string, string] => e[1] !== undefined,
    ),
  );

beforeAll(async () => {
  sim = createSquashSimulator({ users: 5 });
  api = `${await sim.start()}/api/rest/latest`;
});
afterAll(() => sim?.stop());

describe("Squash TM simulator: authentication (REFERENCE §2.1 [C2]: Basic or Bearer)", () => {
  it("answers 401 without credentials, with Spring's challenge", async () => {
    const response = await fetch(`${api}/users`, { headers: { accept: JSON_TYPE } });
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/^Basic /);
  });

  it("takes the token only as `Authorization: Bearer <token>`: not another scheme spelling, not another header", async () => {
    expect((await call("GET", "/users", as({ authorization: "Bearer squash-demo-token" }))).status).toBe(200);
    for (const headers of [
      as({ authorization: "bearer squash-demo-token" }),
      as({ authorization: "Token squash-demo-token" }),
      as({ authorization: "squash-demo-token" }),
      as({ authorization: undefined, "x-api-token": "squash-demo-token" }),
    ])
      expect((await call("GET", "/users", headers)).status, JSON.stringify(headers)).toBe(401);
  });
});

describe("Squash TM simulator: Accept (every request example sends `Accept: application/json`)", () => {
  it("answers 406 HttpMediaTypeNotAcceptableException to another Accept, or none", async () => {
    for (const accept of ["text/html", undefined]) {
      const { status, body } = await call("GET", "/users/486", as({ accept }));
      expect(status, String(accept)).toBe(406);
      expect(body.exception).toBe("org.springframework.web.HttpMediaTypeNotAcceptableException");
    }
    expect((await call("GET", "/users/486", as({ accept: "application/json;charset=UTF-8" }))).status).toBe(
      200,
    );
  });
});

describe("Squash TM simulator: Content-Type", () => {
  const refused = (status: number, body: { exception: string }) => {
    expect(status).toBe(415);
    expect(body.exception).toBe("org.springframework.web.HttpMediaTypeNotSupportedException");
  };

  it("refuses a create or a modification whose JSON body is not sent as application/json (Create user, Modify user)", async () => {
    const user = JSON.stringify({
      _type: "user",
      login: "Typed-1",
      password: "x",
      last_name: "T",
      group: "user",
    });
    const create = await call("POST", "/users", as({ "content-type": "text/plain" }), user);
    refused(create.status, create.body);
    const patch = await call("PATCH", "/users/486", as(), JSON.stringify({ _type: "user", active: true }));
    refused(patch.status, patch.body);
    expect((await call("GET", "/users/login/Typed-1", as())).status).toBe(404);
  });

  it("refuses DELETE /users/{ids} and the team routes without the content type their examples carry (Delete user, Subscribe to teams, Unsubscribe from teams)", async () => {
    const cases: Array<[string, string]> = [
      ["DELETE", "/users/486"],
      ["POST", "/users/login/User-1/teams?teamNames=QA%20Web"],
      ["DELETE", "/users/login/User-1/teams?teamNames=Team%20A"],
    ];
    for (const [method, path] of cases) {
      const { status, body } = await call(method, path, as());
      refused(status, body);
    }
    const charles = (await call("GET", "/users/486", as())).body;
    expect(charles.teams.map((t: { name: string }) => t.name)).toEqual(["Team A", "Team B"]);
  });

  it("refuses a body on the permission routes, whose examples send none (Add permissions to user)", async () => {
    const { status } = await call(
      "POST",
      "/users/486/permissions/validator?ids=370",
      as({ "content-type": JSON_TYPE }),
      JSON.stringify({ ids: [370] }),
    );
    expect(status).toBe(400);
    expect((await call("GET", "/users/486/permissions", as())).body.content.validator).toHaveLength(1);
  });
});

describe("Squash TM simulator: parameters, ids and methods", () => {
  it("refuses a parameter the route does not take, or one in another casing (Get all users: page, size, sort, fields, type)", async () => {
    for (const query of ["Size=5", "pageSize=5", "login=User-1"]) {
      const { status, body } = await call("GET", `/users?${query}`, as());
      expect(status, query).toBe(400);
      expect(body.message, query).toMatch(/Unknown parameter/);
    }
    expect((await call("GET", "/users?page=0&size=5&sort=id&fields=login&type=user", as())).status).toBe(200);
    // "Get user subscribed teams" takes page, size and fields, and no sort.
    expect((await call("GET", "/users/login/User-1/teams?sort=id", as())).status).toBe(400);
  });

  it("answers 400 MethodArgumentTypeMismatchException to an id that is not a number, like Spring's long path variables", async () => {
    for (const path of ["/users/abc", "/teams/T-1", "/projects/1e3", "/users/abc/permissions"]) {
      const { status, body } = await call("GET", path, as());
      expect(status, path).toBe(400);
      expect(body.exception, path).toBe(
        "org.springframework.web.method.annotation.MethodArgumentTypeMismatchException",
      );
    }
  });

  it("answers 405 to a method the route does not have", async () => {
    const { status, body } = await call("PUT", "/users/486", as({ "content-type": JSON_TYPE }), "{}");
    expect(status).toBe(405);
    expect(body.exception).toBe("org.springframework.web.HttpRequestMethodNotSupportedException");
  });

  it("lists projects as summaries unless fields asks for more [I], like the team list (REFERENCE §2.2 [C2])", async () => {
    const bare = (await call("GET", "/projects?size=20", as())).body._embedded.projects[0];
    expect(Object.keys(bare).sort()).toEqual(["_links", "_type", "id", "name"]);
    const full = (await call("GET", "/projects?size=20&fields=name,label,active", as())).body._embedded
      .projects[0];
    expect(full).toMatchObject({ id: 367, name: "proj1", label: "Main Sample Project", active: true });
  });
});
