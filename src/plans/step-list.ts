/**
 * Builds a plan's steps in order: each gets the next id ("s1", "s2"…), so a later step can name
 * the earlier ones it depends on, and a dependency cycle can't be written.
 */
import type { StepAction, StepRecord, StepTarget } from "./plan.js";
import type { Ability } from "./source-abilities.js";

export interface NewStep {
  readonly sourceId: string;
  readonly action: StepAction;
  readonly target: StepTarget;
  readonly from: string | null;
  readonly to: string | null;
  readonly ability: Ability;
  /** Steps added earlier that must be APPLIED or SKIPPED first. */
  readonly after?: ReadonlyArray<StepRecord | null>;
}

export class StepList {
  private readonly steps: StepRecord[] = [];

  add(step: NewStep): StepRecord {
    const after = (step.after ?? []).filter((s): s is StepRecord => s !== null);
    // A step waiting on one that can never run can't run either: it says so, rather than staying
    // PENDING for ever and keeping the plan from being APPLIED.
    const blocked = after.find((s) => !s.possible);
    const ability = blocked
      ? {
          possible: false,
          reason: `It needs step ${blocked.id} (${blocked.target.label}), which can't be done: ${blocked.reason}`,
        }
      : step.ability;
    const record: StepRecord = {
      id: `s${this.steps.length + 1}`,
      sourceId: step.sourceId,
      action: step.action,
      target: step.target,
      from: step.from,
      to: step.to,
      possible: ability.possible,
      reason: ability.reason,
      dependsOn: after.map((s) => s.id),
      state: ability.possible ? "PENDING" : "IMPOSSIBLE",
      result: null,
      attempts: 0,
      finishedAt: null,
    };
    this.steps.push(record);
    return record;
  }

  all(): StepRecord[] {
    return [...this.steps];
  }
}

/** A target with only what is given set (the rest null). */
export function targetOf(target: Partial<StepTarget> & { label: string }): StepTarget {
  return {
    userId: target.userId ?? null,
    email: target.email ?? null,
    projectId: target.projectId ?? null,
    groupId: target.groupId ?? null,
    teamId: target.teamId ?? null,
    label: target.label,
  };
}
