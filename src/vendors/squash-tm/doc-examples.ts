import type { DocExample } from "../vendor-module.js";

/** The seed page's "Get user permissions" example (user 486), seeded by the simulator. */
export const squashDocExamples: readonly DocExample[] = [
  {
    shows: "user 486 holds validator on proj3 and advanced_tester on proj1 and proj2",
    type: "User",
    remoteId: "486",
    select: "displayName permissions { role project { name } }",
    holds: {
      displayName: "Charles Dupond",
      permissions: [
        { role: "advanced_tester", project: { name: "proj1" } },
        { role: "advanced_tester", project: { name: "proj2" } },
        { role: "validator", project: { name: "proj3" } },
      ],
    },
  },
];
