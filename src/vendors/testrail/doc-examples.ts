import type { DocExample } from "../vendor-module.js";

/** The users doc page's `get_user` example, seeded by the simulator (simulator/state.ts). */
export const testRailDocExamples: readonly DocExample[] = [
  {
    shows: "user 1 Alexis Gonzalez holds the Lead role",
    type: "User",
    remoteId: "1",
    select: "displayName permissions { role level project { name } }",
    holds: {
      displayName: "Alexis Gonzalez",
      permissions: [{ role: "Lead", level: "MANAGE", project: null }],
    },
  },
];
