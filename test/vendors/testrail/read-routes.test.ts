import { describe, expect, it } from "vitest";
import { TestRailClient } from "../../../src/vendors/testrail/client.js";
import { TESTRAIL_READ_ROUTES } from "../../../src/vendors/testrail/read-routes.js";
import { readKindsOf } from "../../support/recording-http.js";

const SOURCE = { sourceId: "rail", vendor: "TestRail" };
const PAGE = { offset: 250, limit: 250 };

describe("the reads the shared read cache may keep (read-routes.ts)", () => {
  it("classifies the directory, project and role lists by kind, and nothing else, by the routes the client asks for", async () => {
    const kinds = await readKindsOf(TESTRAIL_READ_ROUTES, {
      getUsers: (http) => new TestRailClient(http, SOURCE).getUsers(),
      getUsersPage: (http) => new TestRailClient(http, SOURCE).getUsers(PAGE),
      getProjectsPage: (http) => new TestRailClient(http, SOURCE).getProjects(PAGE),
      getRoles: (http) => new TestRailClient(http, SOURCE).getRoles(),
      findUserByEmail: (http) => new TestRailClient(http, SOURCE).findUserByEmail("a@b.c"),
      getProjectUsers: (http) => new TestRailClient(http, SOURCE).getProjectUsers("3", PAGE),
      getUser: (http) => new TestRailClient(http, SOURCE).getUser("1"),
      getGroups: (http) => new TestRailClient(http, SOURCE).getGroups(),
      getCurrentUser: (http) => new TestRailClient(http, SOURCE).getCurrentUser(),
    });
    expect(kinds).toEqual({
      getUsers: "users",
      getUsersPage: "users",
      getProjectsPage: "projects",
      getRoles: "roles",
      findUserByEmail: null,
      getProjectUsers: null,
      getUser: null,
      getGroups: null,
      getCurrentUser: null,
    });
  });
});
