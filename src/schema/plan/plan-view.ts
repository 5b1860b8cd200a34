/** A stored plan as GraphQL shows it: ids as global ids, the source as it is configured now. */
import type { RequestContext } from "../../loaders/request-context.js";
import type { PlanRecord, StepRecord } from "../../plans/plan.js";
import { toGlobalId } from "../common/global-id.js";
import { sourceView } from "../source/source-view.js";
import type {
  Plan,
  PlanCounts,
  PlanKindValue,
  PlanStatusValue,
  PlanStep,
  StepStateValue,
} from "./plan.type.js";

function stepView(ctx: RequestContext, step: StepRecord): PlanStep {
  const connector = ctx.gateway.connector(step.sourceId);
  const id = (type: "User" | "Project" | "Group" | "Team", remoteId: string | null) =>
    remoteId === null ? null : toGlobalId(step.sourceId, type, remoteId);
  const { target } = step;
  return {
    id: step.id,
    sourceId: step.sourceId,
    source: connector ? sourceView(connector) : null,
    action: step.action,
    target: {
      label: target.label,
      user: id("User", target.userId),
      email: target.email,
      project: id("Project", target.projectId),
      group: id("Group", target.groupId),
      team: id("Team", target.teamId),
    },
    from: step.from,
    to: step.to,
    possible: step.possible,
    reason: step.reason,
    dependsOn: [...step.dependsOn],
    state: step.state as StepStateValue,
    result: step.result,
    attempts: step.attempts,
    finishedAt: step.finishedAt,
  };
}

function countsOf(steps: readonly StepRecord[]): PlanCounts {
  const count = (state: StepRecord["state"]) => steps.filter((s) => s.state === state).length;
  return {
    total: steps.length,
    pending: count("PENDING"),
    impossible: count("IMPOSSIBLE"),
    running: count("RUNNING"),
    applied: count("APPLIED"),
    skipped: count("SKIPPED"),
    failed: count("FAILED"),
  };
}

export function planView(ctx: RequestContext, plan: PlanRecord): Plan {
  return {
    id: plan.id,
    kind: plan.kind as PlanKindValue,
    status: plan.status as PlanStatusValue,
    createdAt: plan.createdAt,
    createdBy: plan.createdBy,
    summary: plan.summary,
    steps: plan.steps.map((s) => stepView(ctx, s)),
    counts: countsOf(plan.steps),
  };
}
