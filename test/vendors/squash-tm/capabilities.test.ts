/** What a Squash TM source says it can do (`Source.capabilities`), derived from what its connector implements. */
import { expect, it } from "vitest";
import { squashTm } from "../../../src/vendors/squash-tm/index.js";
import { capabilitiesThroughGraphql } from "../../support/source-capabilities.js";

it("reports users, teams and their members, projects, permissions, a login search, and every user write but groups (Squash TM has none)", async () => {
  expect(await capabilitiesThroughGraphql(squashTm)).toEqual(
    [
      "USERS",
      "TEAMS",
      "TEAM_MEMBERS",
      "PROJECTS",
      "PERMISSIONS",
      "USER_SEARCH_BY_LOGIN",
      "INVITE_USERS",
      "UPDATE_USERS",
      "DEACTIVATE_USERS",
      "REACTIVATE_USERS",
      "DELETE_USERS",
      "ASSIGN_PROJECTS",
      "MANAGE_TEAM_MEMBERS",
    ].sort(),
  );
});
