/**
 * An audit event read as the plan step it amounts to, so settling asks the plan engine's live check
 * (plans/live-state.ts) — one definition of "this change is in the live state" for steps and events.
 * Only actions a plan can take map; the rest (an account's names, a group's own changes, a member
 * of a group that had no id yet) are checked in live-state.ts, and a link (LINK_ACCOUNT,
 * UNLINK_ACCOUNT: Rollcall's store, not a vendor) is read from the store there (`linkState`).
 */
import { StepAction, type StepRecord } from "../plans/plan.js";
import { ACTIVE, INACTIVE, MEMBER, UNNAMED_ROLE } from "../plans/step-values.js";
import { fromGlobalId } from "../schema/common/global-id.js";
import type { AuditIntent } from "../store/store.js";

type Fields = Readonly<Record<string, unknown>>;

/** The remote id of a global id in an event's target or state, if it names this type. */
export function remoteIdOf(id: unknown, type: "User" | "Project" | "Group" | "Team"): string | null {
  const parsed = typeof id === "string" ? fromGlobalId(id) : null;
  return parsed && parsed.type === type ? parsed.remoteId : null;
}

/** The state each action makes, in the words of a step's `to` (plans/step-values.ts). */
function toOf(action: StepAction, after: Fields): string | null | undefined {
  switch (action) {
    case StepAction.CREATE_ACCOUNT:
    case StepAction.REACTIVATE_ACCOUNT:
      return ACTIVE;
    case StepAction.DEACTIVATE_ACCOUNT:
      return INACTIVE;
    case StepAction.ASSIGN_ROLE:
    case StepAction.CHANGE_ROLE:
      // No role named: the vendor's default, which any role held shows.
      return typeof after.role === "string" ? after.role : UNNAMED_ROLE;
    case StepAction.ADD_TO_GROUP:
    case StepAction.ADD_TO_TEAM:
      return MEMBER;
    case StepAction.DELETE_ACCOUNT:
    case StepAction.REMOVE_FROM_PROJECT:
    case StepAction.REMOVE_FROM_GROUP:
    case StepAction.REMOVE_FROM_TEAM:
      return null;
    default:
      return undefined;
  }
}

/** The step an event amounts to, or null when no plan step takes its action on its target. */
export function eventAsStep(event: AuditIntent & { readonly id?: string }): StepRecord | null {
  const action = event.action as StepAction;
  const after = (event.after && typeof event.after === "object" ? event.after : {}) as Fields;
  const to = toOf(action, after);
  if (to === undefined) return null;
  const creates = action === StepAction.CREATE_ACCOUNT;
  const userId = creates ? null : remoteIdOf(event.target, "User");
  const email = creates ? String(after.email ?? event.target) : null;
  const projectId = remoteIdOf(after.project, "Project");
  const groupId = remoteIdOf(after.group, "Group");
  const teamId = remoteIdOf(after.team, "Team");
  const needs: Partial<Record<StepAction, unknown>> = {
    [StepAction.ASSIGN_ROLE]: projectId,
    [StepAction.CHANGE_ROLE]: projectId,
    [StepAction.REMOVE_FROM_PROJECT]: projectId,
    [StepAction.ADD_TO_GROUP]: groupId,
    [StepAction.REMOVE_FROM_GROUP]: groupId,
    [StepAction.ADD_TO_TEAM]: teamId,
    [StepAction.REMOVE_FROM_TEAM]: teamId,
  };
  if ((!creates && userId === null) || (action in needs && needs[action] === null)) return null;
  return {
    id: `audit-${event.id ?? "event"}`,
    sourceId: event.sourceId,
    action,
    target: { userId, email, projectId, groupId, teamId, label: event.target },
    from: null,
    to,
    possible: true,
    reason: null,
    dependsOn: [],
    state: "PENDING",
    result: null,
    attempts: 0,
    finishedAt: null,
  };
}
