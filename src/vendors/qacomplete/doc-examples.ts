import type { DocExample } from "../vendor-module.js";
import { DOC_DEPT_ID, DOC_USER_ID } from "./simulator/seed.js";

/** The seed page's created user (`POST …/depts/8162/users`), seeded by the simulator. */
export const qacDocExamples: readonly DocExample[] = [
  {
    shows: "the user created in department 8162 shows that department",
    type: "User",
    remoteId: String(DOC_USER_ID),
    select: "displayName department { remoteId name }",
    holds: {
      displayName: "John Doe",
      department: { remoteId: String(DOC_DEPT_ID), name: "Quality Engineering" },
    },
  },
];
