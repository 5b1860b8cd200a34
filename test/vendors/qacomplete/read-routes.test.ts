import { describe, expect, it } from "vitest";
import { readKindOf } from "../../../src/vendors/http/read-cache.js";
import { QAC_READ_ROUTES } from "../../../src/vendors/qacomplete/read-routes.js";

/** What the client asks for (client.ts), and the kind the shared read cache keeps it as (null: never). */
const PATHS: Record<string, string | null> = {
  "depts/1/users": "users",
  projects: "projects",
  "depts/1/securitygroups": "roles",
  "depts/1/users/9/securitygroups": null,
  "projects/3/users": null,
  "depts/1": null,
};

describe("the reads the shared read cache may keep (read-routes.ts)", () => {
  it("classifies the directory, project and role lists by kind, and nothing else", () => {
    for (const [path, kind] of Object.entries(PATHS))
      expect([path, readKindOf(QAC_READ_ROUTES, path)]).toEqual([path, kind]);
  });
});
