import { describe, expect, it } from "vitest";
import { readKindOf } from "../../../src/vendors/http/read-cache.js";
import { SQUASH_READ_ROUTES } from "../../../src/vendors/squash-tm/read-routes.js";

/** What the client asks for (client.ts), and the kind the shared read cache keeps it as (null: never). */
const PATHS: Record<string, string | null> = {
  users: "users",
  projects: "projects",
  "users/4": null,
  "users/login/jdoe/teams": null,
  "users/4/permissions": null,
  "projects/2/clearances": null,
  teams: null,
};

describe("the reads the shared read cache may keep (read-routes.ts)", () => {
  it("classifies the directory, project and role lists by kind, and nothing else", () => {
    for (const [path, kind] of Object.entries(PATHS))
      expect([path, readKindOf(SQUASH_READ_ROUTES, path)]).toEqual([path, kind]);
  });
});
