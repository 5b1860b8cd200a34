/**
 * What the access planner's parts share: the steps being built with what each source can do, and
 * the few words and shapes both the listed people's steps and the exclusive ones are written in.
 */
import { StepAction } from "../plan.js";
import type { Ability } from "../source-abilities.js";
import { groupLabel, teamLabel } from "../step-labels.js";
import type { StepList } from "../step-list.js";
import {
  isUnchecked,
  type Resolved,
  type ResolvedMembership,
  type ResolvedPerson,
} from "./resolved-state.js";

export type Kind = "group" | "team";

/** The plan being built: its steps, and what a source can do to one. */
export interface Planning {
  readonly steps: StepList;
  can(sourceId: string, action: StepAction): Ability;
}

export const IMPOSSIBLE = (reason: string): Ability => ({ possible: false, reason });

/** A group's or a team's membership steps, label and target field. */
export const MEMBERSHIP = {
  group: {
    add: StepAction.ADD_TO_GROUP,
    remove: StepAction.REMOVE_FROM_GROUP,
    label: groupLabel,
    id: "groupId",
  },
  team: { add: StepAction.ADD_TO_TEAM, remove: StepAction.REMOVE_FROM_TEAM, label: teamLabel, id: "teamId" },
} as const;

export const nameOf = (ref: Resolved): string => (isUnchecked(ref) ? ref.written : ref.name);
export const idOf = (ref: Resolved): string | null => (isUnchecked(ref) ? null : ref.id);

/** The person's groups or teams in one source. */
export function membershipsIn(
  person: ResolvedPerson,
  kind: Kind,
  sourceId: string,
): readonly ResolvedMembership[] {
  return (kind === "group" ? person.groups : person.teams).filter((m) => m.target.sourceId === sourceId);
}
