import { describe, expect, it } from "vitest";
import type { HttpClient } from "../../../src/vendors/http/http-client.js";
import { QacClient } from "../../../src/vendors/qacomplete/client.js";
import { QAC_READ_ROUTES } from "../../../src/vendors/qacomplete/read-routes.js";
import { readKindsOf } from "../../support/recording-http.js";

const RANGE = { offset: 0, limit: 100 };
const client = (http: HttpClient) => new QacClient(http, "1");

describe("the reads the shared read cache may keep (read-routes.ts)", () => {
  it("classifies the directory, project and role lists by kind, and nothing else, by the routes the client asks for", async () => {
    const kinds = await readKindsOf(QAC_READ_ROUTES, {
      listUsers: (http) => client(http).listUsers(RANGE),
      listUsersFiltered: (http) => client(http).listUsers(RANGE, "IsActive = true"),
      listProjects: (http) => client(http).listProjects(RANGE),
      listSecurityGroups: (http) => client(http).listSecurityGroups(RANGE),
      listUserSecurityGroups: (http) => client(http).listUserSecurityGroups("9", RANGE),
      listProjectUsers: (http) => client(http).listProjectUsers("3", RANGE),
      getDept: (http) => client(http).getDept(),
    });
    expect(kinds).toEqual({
      listUsers: "users",
      listUsersFiltered: "users",
      listProjects: "projects",
      listSecurityGroups: "roles",
      listUserSecurityGroups: null,
      listProjectUsers: null,
      getDept: null,
    });
  });
});
