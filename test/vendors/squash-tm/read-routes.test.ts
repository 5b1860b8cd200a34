import { describe, expect, it } from "vitest";
import { SquashClient } from "../../../src/vendors/squash-tm/client.js";
import { SQUASH_READ_ROUTES } from "../../../src/vendors/squash-tm/read-routes.js";
import { readKindsOf } from "../../support/recording-http.js";

describe("the reads the shared read cache may keep (read-routes.ts)", () => {
  it("classifies the directory, project and role lists by kind, and nothing else, by the routes the client asks for", async () => {
    const kinds = await readKindsOf(SQUASH_READ_ROUTES, {
      listUsers: (http) => new SquashClient(http).listUsers(0, 50),
      listUserEmails: (http) => new SquashClient(http).listUserEmails(0, 50),
      listUserLogins: (http) => new SquashClient(http).listUserLogins(0, 50),
      listProjects: (http) => new SquashClient(http).listProjects(0, 50),
      getUser: (http) => new SquashClient(http).getUser("4"),
      // A login that reads like a word is still one person.
      getUserByLogin: (http) => new SquashClient(http).getUserByLogin("users"),
      getUserTeams: (http) => new SquashClient(http).getUserTeams("jdoe", 50),
      getUserPermissions: (http) => new SquashClient(http).getUserPermissions("4"),
      getProject: (http) => new SquashClient(http).getProject("2"),
      getProjectClearances: (http) => new SquashClient(http).getProjectClearances("2"),
      listTeams: (http) => new SquashClient(http).listTeams(0, 50),
    });
    expect(kinds).toEqual({
      listUsers: "users",
      listUserEmails: "users",
      listUserLogins: "users",
      listProjects: "projects",
      getUser: null,
      getUserByLogin: null,
      getUserTeams: null,
      getUserPermissions: null,
      getProject: null,
      getProjectClearances: null,
      listTeams: null,
    });
  });
});
