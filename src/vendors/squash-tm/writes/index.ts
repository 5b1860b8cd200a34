import type { ConnectorWrites } from "../../connector-writes.js";
import { squashAccessWriter } from "./access.js";
import type { WriteContext } from "./context.js";
import { squashTeamWriter } from "./teams.js";
import { squashUserWriter } from "./users.js";

export function squashWrites(ctx: WriteContext): ConnectorWrites {
  return {
    // Squash TM takes the initial password on create (and requires one, seed page "Create user").
    users: { ...squashUserWriter(ctx), setsPassword: true },
    access: squashAccessWriter(ctx),
    teams: squashTeamWriter(ctx),
    unsupported: { groups: "Squash TM has no user groups (it has teams: use subscribeUserToTeams)" },
  };
}
