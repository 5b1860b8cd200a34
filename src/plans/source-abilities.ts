/**
 * What a source can do to a step, from its connector's derived capabilities and the reasons its
 * writer gives for what it declines (`connector.writes.unsupported`): never from a vendor's name.
 * Plain data, so planners stay pure functions and unit tests build it by hand.
 */
import { Capability } from "../model/capabilities.js";
import { unsupportedMessage } from "../schema/mutations/result-shape.js";
import type { Connector } from "../vendors/connector.js";
import type { ConnectorWrites, WriteOperation } from "../vendors/connector-writes.js";
import { StepAction } from "./plan.js";

export interface SourceAbilities {
  readonly id: string;
  readonly vendor: string;
  readonly capabilities: ReadonlySet<Capability>;
  /** Why the vendor declines an operation, in its connector's words. */
  readonly unsupported: ConnectorWrites["unsupported"];
  /** Whether its group writer can take a member out (some vendors keep every user in a group). */
  readonly removesGroupMembers: boolean;
}

export function abilitiesOf(connector: Connector): SourceAbilities {
  return {
    id: connector.source.id,
    vendor: connector.source.vendor,
    capabilities: connector.capabilities,
    unsupported: connector.writes?.unsupported,
    removesGroupMembers: connector.writes?.groups?.removeMembers !== undefined,
  };
}

export interface Ability {
  readonly possible: boolean;
  /** Why not (UNSUPPORTED_BY_SOURCE wording, with the vendor's reason); null when possible. */
  readonly reason: string | null;
}

interface Needs {
  readonly capability: Capability;
  readonly operation: WriteOperation;
  /** After "cannot": the UNSUPPORTED_BY_SOURCE wording the mutations use. */
  readonly what: string;
}

/** An action of the audit trail that no planner plans: it changes Rollcall's store, not a vendor. */
const NOT_A_PLAN_STEP = "not a plan step";

const NEEDS: Readonly<Record<StepAction, Needs | typeof NOT_A_PLAN_STEP>> = {
  [StepAction.CREATE_ACCOUNT]: {
    capability: Capability.INVITE_USERS,
    operation: "inviteUser",
    what: "invite users",
  },
  [StepAction.DEACTIVATE_ACCOUNT]: {
    capability: Capability.DEACTIVATE_USERS,
    operation: "deactivateUser",
    what: "deactivate users",
  },
  [StepAction.REACTIVATE_ACCOUNT]: {
    capability: Capability.REACTIVATE_USERS,
    operation: "reactivateUser",
    what: "reactivate users",
  },
  [StepAction.DELETE_ACCOUNT]: {
    capability: Capability.DELETE_USERS,
    operation: "deleteUsers",
    what: "delete users",
  },
  [StepAction.UPDATE_ACCOUNT]: {
    capability: Capability.UPDATE_USERS,
    operation: "updateUser",
    what: "update users",
  },
  [StepAction.ASSIGN_ROLE]: {
    capability: Capability.ASSIGN_PROJECTS,
    operation: "projectAccess",
    what: "assign users to projects",
  },
  [StepAction.CHANGE_ROLE]: {
    capability: Capability.ASSIGN_PROJECTS,
    operation: "projectAccess",
    what: "assign users to projects",
  },
  [StepAction.REMOVE_FROM_PROJECT]: {
    capability: Capability.ASSIGN_PROJECTS,
    operation: "projectAccess",
    what: "unassign users from projects",
  },
  [StepAction.ADD_TO_GROUP]: {
    capability: Capability.MANAGE_GROUPS,
    operation: "groups",
    what: "manage groups",
  },
  [StepAction.REMOVE_FROM_GROUP]: {
    capability: Capability.MANAGE_GROUPS,
    operation: "removeUsersFromGroup",
    what: "take users out of a group",
  },
  [StepAction.ADD_TO_TEAM]: {
    capability: Capability.MANAGE_TEAM_MEMBERS,
    operation: "teamMembership",
    what: "change team memberships",
  },
  [StepAction.REMOVE_FROM_TEAM]: {
    capability: Capability.MANAGE_TEAM_MEMBERS,
    operation: "teamMembership",
    what: "change team memberships",
  },
  [StepAction.CREATE_GROUP]: {
    capability: Capability.MANAGE_GROUPS,
    operation: "groups",
    what: "manage groups",
  },
  [StepAction.UPDATE_GROUP]: {
    capability: Capability.MANAGE_GROUPS,
    operation: "groups",
    what: "manage groups",
  },
  [StepAction.DELETE_GROUP]: {
    capability: Capability.MANAGE_GROUPS,
    operation: "groups",
    what: "delete groups",
  },
  [StepAction.LINK_ACCOUNT]: NOT_A_PLAN_STEP,
  [StepAction.UNLINK_ACCOUNT]: NOT_A_PLAN_STEP,
  [StepAction.REPLACE_ROSTER]: NOT_A_PLAN_STEP,
};

/** Whether `source` can do `action`, and when not, why in the vendor's words. */
export function abilityFor(source: SourceAbilities, action: StepAction): Ability {
  const needs = NEEDS[action];
  if (needs === NOT_A_PLAN_STEP)
    return {
      possible: false,
      reason: `${action} is not a plan step: it changes Rollcall's store, never a source`,
    };
  const held =
    source.capabilities.has(needs.capability) &&
    source.unsupported?.[needs.operation] === undefined &&
    (action !== StepAction.REMOVE_FROM_GROUP || source.removesGroupMembers);
  if (held) return { possible: true, reason: null };
  return {
    possible: false,
    reason: unsupportedMessage(source, source.unsupported, needs.operation, needs.what),
  };
}
