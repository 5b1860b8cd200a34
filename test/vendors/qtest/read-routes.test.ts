import { describe, expect, it } from "vitest";
import { readKindOf } from "../../../src/vendors/http/read-cache.js";
import { QTEST_READ_ROUTES } from "../../../src/vendors/qtest/read-routes.js";

/** What the client asks for (client.ts), and the kind the shared read cache keeps it as (null: never). */
const PATHS: Record<string, string | null> = {
  "api/v3/users/search": "users",
  "api/v3/projects": "projects",
  "api/v3/user-profiles": "roles",
  "api/v3/users/42": null,
  "api/v3/projects/7/users": null,
  "api/v3/groups": null,
  "api/v3/re-evaluation": null,
};

describe("the reads the shared read cache may keep (read-routes.ts)", () => {
  it("classifies the directory, project and role lists by kind, and nothing else", () => {
    for (const [path, kind] of Object.entries(PATHS))
      expect([path, readKindOf(QTEST_READ_ROUTES, path)]).toEqual([path, kind]);
  });
});
