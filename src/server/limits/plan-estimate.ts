/**
 * What the plan fields cost, for the estimate: planning reads the person's accounts (as `person`
 * does), their access where it is needed and the lists names resolve against; applying reads each
 * remaining step's target afresh just before its write (a write clears the request's reads), so the
 * plan applied is read from the store first and its steps counted. The writes themselves are not
 * estimated, as no mutation's are.
 */
import {
  type FragmentDefinitionNode,
  type GraphQLSchema,
  getArgumentValues,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import { MAX_EMAIL_MATCHES } from "../../loaders/accounts-by-email.js";
import { type PlanRecord, StepAction, type StepRecord } from "../../plans/plan.js";
import type { PlanStore } from "../../store/store.js";
import type { Calls, CostedRelation, SourceCosts, SourceSize } from "../../vendors/costs.js";

/** The plans an operation applies, read before it is estimated (by id). */
export type AppliedPlans = ReadonlyMap<string, PlanRecord>;

export const NO_PLANS: AppliedPlans = new Map();

/** Every call of a read, its shared ones too: after a write nothing read before is reused. */
export const callsOf = (c: Calls): number =>
  (c.calls ?? 0) +
  Object.values(c.shared ?? {}).reduce<number>((n, s) => n + (typeof s === "number" ? s : s.calls), 0);

/** The relation a step's live check reads, by what the step acts on. */
function checkOf(step: StepRecord): CostedRelation | "user" | null {
  switch (step.action) {
    case StepAction.CREATE_ACCOUNT:
    case StepAction.DEACTIVATE_ACCOUNT:
    case StepAction.REACTIVATE_ACCOUNT:
    case StepAction.DELETE_ACCOUNT:
      return "user";
    case StepAction.ASSIGN_ROLE:
    case StepAction.CHANGE_ROLE:
    case StepAction.REMOVE_FROM_PROJECT:
      return "User.permissions";
    case StepAction.ADD_TO_GROUP:
    case StepAction.REMOVE_FROM_GROUP:
      return "User.groups";
    case StepAction.ADD_TO_TEAM:
    case StepAction.REMOVE_FROM_TEAM:
      return "User.teams";
    default:
      return null;
  }
}

/** Calls per source for applying what is left of `plan`: each step's live check, afresh. */
export function applyReads(
  plan: PlanRecord,
  costsOf: (sourceId: string) => SourceCosts | undefined,
  size: SourceSize,
): Map<string, number> {
  const bySource = new Map<string, number>();
  for (const step of plan.steps) {
    const costs = costsOf(step.sourceId);
    if (!costs || !step.possible || step.state === "APPLIED" || step.state === "SKIPPED") continue;
    let calls = 0;
    // An account the plan did not know yet is looked up by email first.
    if (step.target.userId === null && step.target.email !== null)
      calls += callsOf(
        costs.list.users(MAX_EMAIL_MATCHES, { email: step.target.email, includeArchived: true }, size),
      );
    const check = checkOf(step);
    if (check === "user") calls += callsOf(costs.byIds.users(1, size));
    else if (check) calls += callsOf(costs.relations[check](1, size));
    bySource.set(step.sourceId, (bySource.get(step.sourceId) ?? 0) + calls);
  }
  return bySource;
}

/** The ids the operation's `applyPlan` fields name (aliases and fragments followed). */
export function appliedPlanIds(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
): string[] {
  const field = schema.getMutationType()?.getFields().applyPlan;
  if (operation.operation !== "mutation" || !field) return [];
  const ids: string[] = [];
  const walk = (set: SelectionSetNode, seen: Set<string>) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value !== field.name) continue;
        const input = getArgumentValues(field, selection, variables).input as { plan?: unknown } | undefined;
        if (typeof input?.plan === "string") ids.push(input.plan);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) walk(selection.selectionSet, seen);
      else {
        const fragment = fragments.get(selection.name.value);
        if (fragment && !seen.has(fragment.name.value))
          walk(fragment.selectionSet, new Set([...seen, fragment.name.value]));
      }
    }
  };
  walk(operation.selectionSet, new Set());
  return [...new Set(ids)];
}

/** The plans, from the store; one it can't find (or read) is left out: applyPlan answers for it. */
export async function readAppliedPlans(plans: PlanStore, ids: readonly string[]): Promise<AppliedPlans> {
  const found = await Promise.all(ids.map((id) => plans.get(id).catch(() => null)));
  return new Map(found.filter((p): p is PlanRecord => p !== null).map((p) => [p.id, p]));
}
