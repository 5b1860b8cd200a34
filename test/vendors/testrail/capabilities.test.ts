/** What a TestRail source says it can do (`Source.capabilities`), derived from what its connector implements. */
import { expect, it } from "vitest";
import { testRail } from "../../../src/vendors/testrail/index.js";
import { capabilitiesThroughGraphql } from "../../support/source-capabilities.js";

it("reports users, projects, groups and their members, permissions, email and login searches, and every write but deletion (no delete_user) and teams", async () => {
  expect(await capabilitiesThroughGraphql(testRail)).toEqual(
    [
      "USERS",
      "PROJECTS",
      "GROUPS",
      "GROUP_MEMBERS",
      "PERMISSIONS",
      "USER_SEARCH_BY_EMAIL",
      "USER_SEARCH_BY_LOGIN",
      "INVITE_USERS",
      "UPDATE_USERS",
      "DEACTIVATE_USERS",
      "REACTIVATE_USERS",
      "ASSIGN_PROJECTS",
      "MANAGE_GROUPS",
    ].sort(),
  );
});
