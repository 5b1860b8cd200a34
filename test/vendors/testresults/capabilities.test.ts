/** What a TestResults.io source says it can do (`Source.capabilities`), derived from what its connector implements. */
import { expect, it } from "vitest";
import { testResults } from "../../../src/vendors/testresults/index.js";
import { capabilitiesThroughGraphql } from "../../support/source-capabilities.js";

it("reports users, groups and their members, permissions, invite, update, deletion and group management — no search (the whole directory is read) and no account status", async () => {
  expect(await capabilitiesThroughGraphql(testResults)).toEqual(
    [
      "USERS",
      "GROUPS",
      "GROUP_MEMBERS",
      "PERMISSIONS",
      "INVITE_USERS",
      "UPDATE_USERS",
      "DELETE_USERS",
      "MANAGE_GROUPS",
    ].sort(),
  );
});
