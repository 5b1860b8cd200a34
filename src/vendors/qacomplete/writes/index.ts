import type { ConnectorWrites } from "../../connector-writes.js";
import { createQacAccessWriter } from "./access.js";
import type { QacWriteContext } from "./context.js";
import { setActive } from "./deactivate.js";
import { invite } from "./invite.js";
import { update } from "./update.js";

/**
 * What QAComplete's API lets Rollcall change. Not here, so UNSUPPORTED_BY_SOURCE: reactivation
 * (no route, see deactivate.ts), deleting users (DELETE only disables: use setUserActive), teams
 * and groups (QAComplete has neither; security groups are per-project roles, written by access).
 */
export function createQacWrites(ctx: QacWriteContext): ConnectorWrites {
  return {
    users: {
      invite: (user, scope) => invite(ctx, user, scope),
      update: (userId, changes, scope) => update(ctx, userId, changes, scope),
      setActive: (userIds, active, scope) => setActive(ctx, userIds, active, scope),
    },
    access: createQacAccessWriter(ctx),
    unsupported: {
      reactivateUser: `${ctx.vendor}'s API only disables profiles: reactivate the user in ${ctx.vendor}'s Setup > Security > Users`,
      deleteUsers: `${ctx.vendor} only disables accounts (its DELETE disables): use setUserActive(active: false)`,
      teamMembership: `${ctx.vendor} has no teams`,
      groups: `${ctx.vendor}'s security groups are per-project roles: use assignUsersToProject`,
    },
  };
}
