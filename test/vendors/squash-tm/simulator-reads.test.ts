/**
 * The Squash TM simulator's read routes the connector's batching relies on, spoken to directly:
 * `fields` on the users and teams lists, and a project's clearances in the shape REFERENCE §2.2
 * [C2] documents (profiles by key, user and team holders).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { USER_FIELDS } from "../../../src/vendors/squash-tm/client.js";
import {
  createSquashSimulator,
  type SquashSimulator,
} from "../../../src/vendors/squash-tm/simulator/index.js";

let sim: SquashSimulator;
let api: string;
const ADMIN = `Basic ${Buffer.from("admin:admin").toString("base64")}`;

async function get(path: string) {
  const response = await fetch(`${api}${path}`, {
    headers: { authorization: ADMIN, accept: "application/json" },
  });
  return { status: response.status, body: JSON.parse(await response.text()) };
}

beforeAll(async () => {
  sim = createSquashSimulator({ users: 10 });
  api = `${await sim.start()}/api/rest/latest`;
});
afterAll(() => sim?.stop());

describe("Squash TM simulator: lists and fields", () => {
  it("puts each user's team summaries on a users page when fields names teams", async () => {
    const { body } = await get(`/users?page=0&size=5&sort=id&fields=${USER_FIELDS}`);
    const charles = body._embedded.users.find((u: { id: number }) => u.id === 486);
    expect(charles.teams).toEqual([
      { _type: "team", id: 567, name: "Team A", _links: { self: { href: `${api}/teams/567` } } },
      { _type: "team", id: 568, name: "Team B", _links: { self: { href: `${api}/teams/568` } } },
    ]);
    expect(charles.first_name).toBe("Charles");
  });

  it("leaves teams off a users page that does not ask for them (seed page, Get all users)", async () => {
    const { body } = await get("/users?page=0&size=5");
    expect(Object.keys(body._embedded.users[1]).sort()).toEqual([
      "_links",
      "_type",
      "active",
      "group",
      "id",
      "login",
    ]);
  });

  it("lists teams as summaries unless fields asks for more (REFERENCE §2.2 [C2])", async () => {
    const bare = (await get("/teams?size=20")).body._embedded.teams[0];
    expect(Object.keys(bare).sort()).toEqual(["_links", "_type", "id", "name"]);
    const full = (await get("/teams?size=20&fields=name,description,created_on")).body._embedded.teams[0];
    expect(full).toMatchObject({ id: 567, name: "Team A", description: "<p>black panther</p>" });
  });

  it("answers 'Get user subscribed teams' for User-1 as the doc page does", async () => {
    const { readFileSync } = await import("node:fs");
    const expected = JSON.parse(
      readFileSync(
        new URL("../../../src/vendors/squash-tm/__fixtures__/user-teams-User-1.json", import.meta.url),
        "utf8",
      ),
    );
    const local = (json: unknown) =>
      JSON.stringify(json).replaceAll(/http:\/\/[^/]+(\/squash)?\/api/g, "API");
    expect(local((await get("/users/login/User-1/teams")).body)).toBe(local(expected));
  });

  it("still answers GET /users/{id} and /users/login/{login} with the user's teams", async () => {
    for (const path of ["/users/486", "/users/login/User-1"])
      expect(
        (await get(path)).body.teams.map((t: { name: string }) => t.name),
        path,
      ).toEqual(["Team A", "Team B"]);
  });
});

describe("Squash TM simulator: GET /projects/{id}/clearances", () => {
  it("groups the holders of project 369 under their profile key, User-1 as validator", async () => {
    const { status, body } = await get("/projects/369/clearances");
    expect(status).toBe(200);
    expect(body._links.self.href).toBe(`${api}/projects/369/clearances`);
    expect(body.content.validator).toMatchObject({ _type: "profile", type: "system", name: "Validator" });
    expect(typeof body.content.validator.id).toBe("number");
    expect(body.content.validator.users).toContainEqual({
      _type: "user",
      id: 486,
      login: "User-1",
      _links: { self: { href: `${api}/users/486` } },
    });
  });

  it("lists a team holder with _type team and its name", async () => {
    const { body } = await get("/projects/371/clearances");
    expect(body.content.project_viewer.users).toContainEqual({
      _type: "team",
      id: 570,
      name: "QA Web",
      _links: { self: { href: `${api}/teams/570` } },
    });
  });

  it("answers 404 with Squash's error body for an unknown project", async () => {
    const { status, body } = await get("/projects/999999/clearances");
    expect(status).toBe(404);
    expect(body).toMatchObject({ exception: "javax.persistence.EntityNotFoundException" });
  });
});

describe("Squash TM simulator: the permission reads each kind of instance serves", () => {
  const kinds = {
    clearances: { clearances: 200, projectPermissions: 404, userPermissions: 200 },
    "project-permissions": { clearances: 404, projectPermissions: 200, userPermissions: 405 },
    "user-permissions": { clearances: 404, projectPermissions: 404, userPermissions: 200 },
  } as const;

  for (const [kind, expected] of Object.entries(kinds)) {
    it(`serves ${kind === "clearances" ? "clearances and the per-user read" : `only ${kind}`} as a ${kind} instance`, async () => {
      const other = createSquashSimulator({ users: 3, permissionModel: kind as keyof typeof kinds });
      const base = `${await other.start()}/api/rest/latest`;
      try {
        const status = async (path: string) =>
          (await fetch(`${base}${path}`, { headers: { authorization: ADMIN, accept: "application/json" } }))
            .status;
        expect({
          clearances: await status("/projects/369/clearances"),
          projectPermissions: await status("/projects/369/permissions"),
          userPermissions: await status("/users/486/permissions"),
        }).toEqual(expected);
        // A route the instance lacks answers like a missing object: only a read tells them apart.
        if (expected.clearances === 404)
          expect(
            await (
              await fetch(`${base}/projects/369/clearances`, {
                headers: { authorization: ADMIN, accept: "application/json" },
              })
            ).json(),
          ).toMatchObject({ exception: "javax.persistence.EntityNotFoundException" });
      } finally {
        await other.stop();
      }
    });
  }

  it("answers the older GET /projects/{id}/permissions per permission group, users and teams [I]", async () => {
    const other = createSquashSimulator({ users: 3, permissionModel: "project-permissions" });
    const base = `${await other.start()}/api/rest/latest`;
    try {
      // biome-ignore lint/suspicious/noExplicitAny: a JSON body read in a test
      const read = async (id: number): Promise<any> =>
        (
          await fetch(`${base}/projects/${id}/permissions`, {
            headers: { authorization: ADMIN, accept: "application/json" },
          })
        ).json();
      const p369 = await read(369);
      expect(p369._links.self.href).toBe(`${base}/projects/369/permissions`);
      expect(p369.content.validator).toContainEqual({
        _type: "user",
        id: 486,
        login: "User-1",
        _links: { self: { href: `${base}/users/486` } },
      });
      expect((await read(371)).content.project_viewer).toContainEqual(
        expect.objectContaining({ _type: "team", id: 570, name: "QA Web" }),
      );
    } finally {
      await other.stop();
    }
  });
});
