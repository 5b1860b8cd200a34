/** A computed plan stored with an id: nothing changed at any vendor, everything said in its steps. */
import { randomUUID } from "node:crypto";
import { InputError } from "../model/errors.js";
import type { PlanStore } from "../store/store.js";
import type { PlanKind, PlanRecord, StepRecord } from "./plan.js";

/**
 * The most steps one plan holds. What a plan's answer may cost is bounded by it (the estimate
 * counts `Plan.steps` this long), and a desired state bigger than this is split into several.
 */
export const MAX_PLAN_STEPS = 5000;

export interface NewPlan {
  readonly kind: PlanKind;
  readonly createdBy: string;
  /** What it is about, e.g. "offboard dana@example.com (DEACTIVATE)"; the counts are added. */
  readonly about: string;
  readonly request: unknown;
  readonly steps: readonly StepRecord[];
}

/** "4 steps, 1 impossible" / "nothing to do". */
export function countsOf(steps: readonly StepRecord[]): string {
  if (steps.length === 0) return "nothing to do";
  const impossible = steps.filter((s) => !s.possible).length;
  return `${steps.length} step${steps.length === 1 ? "" : "s"}${impossible > 0 ? `, ${impossible} impossible` : ""}`;
}

export async function storePlan(plans: PlanStore, plan: NewPlan, field = "input"): Promise<PlanRecord> {
  if (plan.steps.length > MAX_PLAN_STEPS)
    throw new InputError(
      `This plan would hold ${plan.steps.length} steps, more than ${MAX_PLAN_STEPS}: plan fewer sources or people at a time`,
      field,
    );
  const record: PlanRecord = {
    id: randomUUID(),
    kind: plan.kind,
    status: "PLANNED",
    createdAt: new Date(),
    createdBy: plan.createdBy,
    summary: `${plan.about}: ${countsOf(plan.steps)}`,
    request: plan.request,
    steps: plan.steps,
  };
  await plans.create(record);
  return record;
}
