/**
 * Which Rollcall audit event made a change: an APPLIED event of the same source, recorded between
 * the two snapshots, on the same account (or the group or team a grant came through), whose action
 * makes that kind of change. No such event: the change was made outside Rollcall.
 * The events are read per page of changes (the candidates' targets), never the whole trail.
 */
import { StepAction } from "../../plans/plan.js";
import { toGlobalId } from "../../schema/common/global-id.js";
import type { AuditEvent, ReviewStore } from "../../store/store.js";
import { type AccessChange, ChangeKind as K } from "./access-change.js";

/** What an event's `after` names, as the audited writers record it (src/audit/audited-*.ts). */
interface AfterState {
  readonly project?: unknown;
  readonly group?: unknown;
  readonly team?: unknown;
  readonly groups?: unknown;
}

const userId = (c: AccessChange) => toGlobalId(c.sourceId, "User", c.remoteId);

/** The group or team a change is about, as a global id and a name (a group made with its members
 *  is recorded by name: its id did not exist yet). */
function containerOf(c: AccessChange): { kind: "GROUP" | "TEAM"; id: string; name: string | null } | null {
  const container = c.container ?? (c.via && { kind: c.via.type, id: c.via.id, name: c.via.name });
  if (!container) return null;
  return {
    kind: container.kind,
    id: toGlobalId(c.sourceId, container.kind === "GROUP" ? "Group" : "Team", container.id),
    name: container.name,
  };
}

/** The actions that can make a change of this kind. */
function actionsFor(c: AccessChange): StepAction[] {
  const via = c.via?.type;
  switch (c.kind) {
    case K.ACCOUNT_CREATED:
      return [StepAction.CREATE_ACCOUNT];
    case K.ACCOUNT_REMOVED:
      return [StepAction.DELETE_ACCOUNT];
    case K.ACCOUNT_ACTIVATED:
      return [StepAction.REACTIVATE_ACCOUNT];
    case K.ACCOUNT_DEACTIVATED:
      // Where the vendor's delete archives, the account stays, inactive.
      return [StepAction.DEACTIVATE_ACCOUNT, StepAction.DELETE_ACCOUNT];
    case K.PERMISSION_GAINED:
    case K.PERMISSION_CHANGED:
      if (via === "GROUP") return [StepAction.ADD_TO_GROUP, StepAction.UPDATE_GROUP, StepAction.CREATE_GROUP];
      if (via === "TEAM") return [StepAction.ADD_TO_TEAM];
      return c.project?.id === null
        ? [StepAction.CREATE_ACCOUNT, StepAction.UPDATE_ACCOUNT]
        : [StepAction.ASSIGN_ROLE, StepAction.CHANGE_ROLE];
    case K.PERMISSION_LOST:
      if (via === "GROUP")
        return [
          StepAction.REMOVE_FROM_GROUP,
          StepAction.UPDATE_GROUP,
          StepAction.DELETE_GROUP,
          StepAction.DELETE_ACCOUNT,
        ];
      if (via === "TEAM") return [StepAction.REMOVE_FROM_TEAM, StepAction.DELETE_ACCOUNT];
      return [StepAction.REMOVE_FROM_PROJECT, StepAction.UPDATE_ACCOUNT, StepAction.DELETE_ACCOUNT];
    case K.GROUP_JOINED:
      return [StepAction.ADD_TO_GROUP, StepAction.CREATE_ACCOUNT];
    case K.GROUP_LEFT:
      return [StepAction.REMOVE_FROM_GROUP, StepAction.DELETE_GROUP, StepAction.DELETE_ACCOUNT];
    case K.TEAM_JOINED:
      return [StepAction.ADD_TO_TEAM];
    case K.TEAM_LEFT:
      return [StepAction.REMOVE_FROM_TEAM, StepAction.DELETE_ACCOUNT];
  }
}

/** The targets an event making this change would name: the account, its email when it was being
 *  created, the group or team itself. */
function targetsOf(c: AccessChange): string[] {
  const targets = [userId(c)];
  if (c.email) targets.push(c.email, c.email.trim().toLowerCase());
  const container = containerOf(c);
  if (container) targets.push(container.id);
  return targets;
}

const sameText = (a: unknown, b: string | null | undefined) =>
  typeof a === "string" && typeof b === "string" && a.trim().toLowerCase() === b.trim().toLowerCase();

/** Whether `event` (already of the right source, window and outcome) made `change`. */
export function explains(event: AuditEvent, c: AccessChange): boolean {
  if (event.sourceId !== c.sourceId) return false;
  if (!actionsFor(c).includes(event.action as StepAction)) return false;
  const user = userId(c);
  const after = (event.after ?? {}) as AfterState;
  const container = containerOf(c);
  const onContainer = (named: unknown) =>
    container !== null && (named === container.id || sameText(named, container.name));
  switch (event.action) {
    case StepAction.CREATE_ACCOUNT: {
      const created = sameText(event.target, c.email) || (event.result?.message ?? "").includes(user);
      if (!created) return false;
      if (c.kind === K.GROUP_JOINED)
        return Array.isArray(after.groups) && after.groups.some((g) => onContainer(g));
      return true;
    }
    case StepAction.ASSIGN_ROLE:
    case StepAction.CHANGE_ROLE:
    case StepAction.REMOVE_FROM_PROJECT:
      return (
        event.target === user &&
        c.project?.id != null &&
        after.project === toGlobalId(c.sourceId, "Project", c.project.id)
      );
    case StepAction.ADD_TO_GROUP:
    case StepAction.REMOVE_FROM_GROUP:
      return event.target === user && onContainer(after.group);
    case StepAction.ADD_TO_TEAM:
    case StepAction.REMOVE_FROM_TEAM:
      return event.target === user && onContainer(after.team);
    case StepAction.UPDATE_GROUP:
    case StepAction.DELETE_GROUP:
    case StepAction.CREATE_GROUP:
      return container !== null && (event.target === container.id || sameText(event.target, container.name));
    default:
      return event.target === user;
  }
}

export interface Linked<T extends AccessChange = AccessChange> {
  readonly change: T;
  /** The latest APPLIED event that made it; null: made outside Rollcall. */
  readonly event: AuditEvent | null;
}

/** Each change with the audit event that made it, read for the whole batch at once. */
export async function linkToAudit<T extends AccessChange>(
  review: Pick<ReviewStore, "auditCandidates">,
  changes: readonly T[],
  window: { readonly since: Date; readonly until: Date },
): Promise<Linked<T>[]> {
  if (changes.length === 0) return [];
  const events = await review.auditCandidates({
    sourceIds: [...new Set(changes.map((c) => c.sourceId))],
    targets: changes.flatMap(targetsOf),
    actions: [...new Set(changes.flatMap(actionsFor))],
    since: window.since,
    until: window.until,
  });
  // Newest first: the last change made is the one the snapshot shows.
  const newestFirst = [...events].sort((a, b) => Number(b.id) - Number(a.id));
  return changes.map((change) => ({
    change,
    event: newestFirst.find((e) => explains(e, change)) ?? null,
  }));
}
