import type { DocExample } from "../vendor-module.js";
import { AUTOMATION_ENGINEER_ID } from "./simulator/state.js";

/** The "User Management" doc page's group example and its two members, seeded by the simulator. */
export const testResultsDocExamples: readonly DocExample[] = [
  {
    shows:
      "Automation Engineer grants its usage permissions and has Rudi and Tobias Röthlin with their last logins",
    type: "Group",
    remoteId: AUTOMATION_ENGINEER_ID,
    select: "name grants members { nodes { displayName lastLoginAt } }",
    holds: {
      name: "Automation Engineer",
      grants: ["Login", "Read", "Write", "Execute", "Accept", "Reject", "UserSettings", "Automation"],
      members: {
        nodes: [
          { displayName: "Rudi", lastLoginAt: "2018-08-02T14:06:39.403Z" },
          { displayName: "Tobias Röthlin", lastLoginAt: "2019-05-02T09:00:41.243Z" },
        ],
      },
    },
  },
];
