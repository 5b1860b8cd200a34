import { Capability } from "../../../model/capabilities.js";
import type { ConnectorWrites } from "../../connector-writes.js";
import { squashAccessWriter } from "./access.js";
import type { WriteContext } from "./context.js";
import { squashTeamWriter } from "./teams.js";
import { squashUserWriter } from "./users.js";

/** What the writers below support. Squash TM has no user groups, hence no MANAGE_GROUPS. */
export const SQUASH_WRITE_CAPABILITIES = [
  Capability.INVITE_USERS,
  Capability.UPDATE_USERS,
  Capability.DEACTIVATE_USERS,
  Capability.REACTIVATE_USERS,
  Capability.DELETE_USERS,
  Capability.ASSIGN_PROJECTS,
  Capability.MANAGE_TEAM_MEMBERS,
] as const;

export function squashWrites(ctx: WriteContext): ConnectorWrites {
  return {
    // Squash TM takes the initial password on create (and requires one, seed page "Create user").
    users: { ...squashUserWriter(ctx), setsPassword: true },
    access: squashAccessWriter(ctx),
    teams: squashTeamWriter(ctx),
    unsupported: { groups: "Squash TM has no user groups (it has teams: use subscribeUserToTeams)" },
  };
}
