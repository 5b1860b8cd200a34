import type { DocExample } from "../vendor-module.js";
import { EXAMPLE_USER } from "./simulator/seed.js";

/** The seed page's example user (`user_id = 789`) in the swagger's sample project. */
export const qtestDocExamples: readonly DocExample[] = [
  {
    shows: "user 789 is a member of the sample project, its profile unknown (the member list names none)",
    type: "User",
    remoteId: String(EXAMPLE_USER.id),
    select: "permissions { role level project { name } }",
    holds: {
      permissions: [{ role: null, level: "UNKNOWN", project: { name: "qConnect Sample Project" } }],
    },
  },
];
