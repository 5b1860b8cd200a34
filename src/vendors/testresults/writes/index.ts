import type { ConnectorWrites } from "../../connector-writes.js";
import type { WriteContext } from "./context.js";
import { testResultsGroupWriter } from "./groups.js";
import { testResultsUserWriter } from "./users.js";

/**
 * User and group administration. There are no projects and no teams, so no access or team writer;
 * users have no status flag and no deactivate route, so no `setActive` (README, "Writes").
 */
export function testResultsWrites(ctx: WriteContext): ConnectorWrites {
  const { vendor } = ctx;
  return {
    users: testResultsUserWriter(ctx),
    groups: testResultsGroupWriter(ctx),
    unsupported: {
      removeUsersFromGroup: `${vendor} keeps every user in exactly one user group, so nobody can leave a group without joining another: use addUsersToGroup with the group they should move to`,
      deactivateUser: `${vendor} has no account status and no deactivate route: delete the account (deleteUsers archives it) or move it to a group without the Login permission`,
      reactivateUser: `${vendor} has no account status and no reactivate route`,
      projectAccess: `${vendor} has no projects`,
      teamMembership: `${vendor} has no teams`,
    },
  };
}
