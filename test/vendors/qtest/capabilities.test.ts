/** What a qTest source says it can do (`Source.capabilities`), derived from what its connector implements. */
import { expect, it } from "vitest";
import { qtest } from "../../../src/vendors/qtest/index.js";
import { capabilitiesThroughGraphql } from "../../support/source-capabilities.js";

it("reports users, projects, permissions, groups and their members, email and login searches, and user writes but deletion and group management", async () => {
  expect(await capabilitiesThroughGraphql(qtest)).toEqual(
    [
      "USERS",
      "PROJECTS",
      "PERMISSIONS",
      "GROUPS",
      "GROUP_MEMBERS",
      "USER_SEARCH_BY_EMAIL",
      "USER_SEARCH_BY_LOGIN",
      "INVITE_USERS",
      "UPDATE_USERS",
      "DEACTIVATE_USERS",
      "REACTIVATE_USERS",
      "ASSIGN_PROJECTS",
    ].sort(),
  );
});
