import { describe, expect, it } from "vitest";
import { readKindOf } from "../../../src/vendors/http/read-cache.js";
import { TESTRESULTS_READ_ROUTES } from "../../../src/vendors/testresults/read-routes.js";

/** What the client asks for (client.ts), and the kind the shared read cache keeps it as (null: never). */
const PATHS: Record<string, string | null> = {
  "management/customers/current/groups/0f8e/users": "users",
  "management/customers/current": null,
  "users/current": null,
};

describe("the reads the shared read cache may keep (read-routes.ts)", () => {
  it("classifies the directory, project and role lists by kind, and nothing else", () => {
    for (const [path, kind] of Object.entries(PATHS))
      expect([path, readKindOf(TESTRESULTS_READ_ROUTES, path)]).toEqual([path, kind]);
  });
});
