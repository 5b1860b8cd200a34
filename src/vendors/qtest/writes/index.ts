import type { ConnectorWrites } from "../../connector-writes.js";
import { createAccessWriter } from "./access.js";
import type { WriteContext } from "./context.js";
import { createUserWriter } from "./users.js";

/**
 * qTest user administration (README, "Writes"): invite, update, deactivate/reactivate, project
 * access. No delete (no documented DELETE for users, REFERENCE §1.2), no teams, no group writes.
 */
export function createQTestWrites(ctx: WriteContext): ConnectorWrites {
  return {
    users: { ...createUserWriter(ctx), setsPassword: true },
    access: createAccessWriter(ctx),
    unsupported: {
      deleteUsers: `${ctx.vendor} has no documented user delete: deactivate the account with setUserActive(active: false)`,
      teamMembership: `${ctx.vendor} has no teams`,
      groups: `${ctx.vendor}'s user groups are read-only through Rollcall`,
    },
  };
}
