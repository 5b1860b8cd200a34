import type { ConnectorWrites } from "../../connector-writes.js";
import { testRailAccessWriter } from "./access.js";
import type { WriteContext } from "./context.js";
import { testRailGroupWriter } from "./groups.js";
import { testRailUserWriter } from "./users.js";

/** TestRail's user administration (README "Writes"). No team writer: TestRail has no teams. */
export function testRailWrites(ctx: WriteContext): ConnectorWrites {
  return {
    users: testRailUserWriter(ctx),
    access: testRailAccessWriter(ctx),
    groups: testRailGroupWriter(ctx),
    unsupported: {
      deleteUsers: `${ctx.vendor} has no delete_user: deactivate the account with setUserActive(active: false)`,
      teamMembership: `${ctx.vendor} has no teams`,
    },
  };
}
