/** What a QAComplete source says it can do (`Source.capabilities`), derived from what its connector implements. */
import { expect, it } from "vitest";
import { qacomplete } from "../../../src/vendors/qacomplete/index.js";
import { capabilitiesThroughGraphql } from "../../support/source-capabilities.js";

it("reports users, projects, permissions, email and login searches, invite, update, deactivation and project access — no reactivation (its API only disables)", async () => {
  expect(await capabilitiesThroughGraphql(qacomplete)).toEqual(
    [
      "USERS",
      "PROJECTS",
      "PERMISSIONS",
      "USER_SEARCH_BY_EMAIL",
      "USER_SEARCH_BY_LOGIN",
      "INVITE_USERS",
      "UPDATE_USERS",
      "DEACTIVATE_USERS",
      "ASSIGN_PROJECTS",
    ].sort(),
  );
});
