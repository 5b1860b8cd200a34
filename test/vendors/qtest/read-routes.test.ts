import { describe, expect, it } from "vitest";
import { QTestClient } from "../../../src/vendors/qtest/client.js";
import { QTEST_READ_ROUTES } from "../../../src/vendors/qtest/read-routes.js";
import { readKindsOf } from "../../support/recording-http.js";

describe("the reads the shared read cache may keep (read-routes.ts)", () => {
  it("classifies the directory, project and role lists by kind, and nothing else, by the routes the client asks for", async () => {
    const kinds = await readKindsOf(QTEST_READ_ROUTES, {
      searchUsers: (http) =>
        new QTestClient(http).searchUsers({ page: 1, pageSize: 100, includeInactiveUsers: true }),
      findUsersByLogin: (http) => new QTestClient(http).findUsersByLogin("users"),
      allUsers: (http) => new QTestClient(http).allUsers(),
      listProjects: (http) => new QTestClient(http).listProjects(),
      listProfiles: (http) => new QTestClient(http).listProfiles(),
      // A user named like a route word is still one user, not the directory.
      getUser: (http) => new QTestClient(http).getUser("search"),
      getProjectUsers: (http) => new QTestClient(http).getProjectUsers("7"),
      listGroups: (http) => new QTestClient(http).listGroups(),
      currentUser: (http) => new QTestClient(http).currentUser(),
    });
    expect(kinds).toEqual({
      searchUsers: "users",
      findUsersByLogin: "users",
      allUsers: "users",
      listProjects: "projects",
      listProfiles: "roles",
      getUser: null,
      getProjectUsers: null,
      listGroups: null,
      currentUser: null,
    });
  });
});
