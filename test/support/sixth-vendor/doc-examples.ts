import type { DocExample } from "../../../src/vendors/vendor-module.js";

/** The doc example (`__fixtures__/user-1.json`), seeded by the simulator. */
export const sixthDocExamples: readonly DocExample[] = [
  {
    shows: "user 1 is the instance's owner",
    type: "User",
    remoteId: "1",
    select: "displayName permissions { role level project { name } }",
    holds: { displayName: "Sixth Owner", permissions: [{ role: "owner", level: "ADMIN", project: null }] },
  },
];
