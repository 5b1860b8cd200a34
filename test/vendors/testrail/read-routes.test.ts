import { describe, expect, it } from "vitest";
import { readKindOf } from "../../../src/vendors/http/read-cache.js";
import { TESTRAIL_READ_ROUTES } from "../../../src/vendors/testrail/read-routes.js";

/** What the client asks for (client.ts), and the kind the shared read cache keeps it as (null: never). */
const PATHS: Record<string, string | null> = {
  get_users: "users",
  "get_users&limit=250&offset=0": "users",
  "get_projects&limit=250&offset=250": "projects",
  get_roles: "roles",
  "get_user_by_email&email=a%40b.c": null,
  "get_users/3": null,
  get_groups: null,
  get_current_user: null,
};

describe("the reads the shared read cache may keep (read-routes.ts)", () => {
  it("classifies the directory, project and role lists by kind, and nothing else", () => {
    for (const [path, kind] of Object.entries(PATHS))
      expect([path, readKindOf(TESTRAIL_READ_ROUTES, path)]).toEqual([path, kind]);
  });
});
