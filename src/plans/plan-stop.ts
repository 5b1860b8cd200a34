/**
 * A replica's graceful stop while it applies plans under a lease (a shared PostgreSQL store,
 * src/app.ts close): it starts no more steps and lets those in flight finish — a write cut half way
 * would only be an unknown for the next applier to settle — then leaves the plan APPLYING with its
 * lease released, for another replica to resume at once (plan-jobs.ts). Nothing the stop cut short
 * is recorded FAILED, and no step waiting on one is marked as waiting.
 */
import { stopSignal, stopWork, tracked } from "../store/graceful-stop.js";
import type { PlanStore } from "../store/store.js";

/** The plan was left APPLYING because this process is stopping: another resumes it. */
export class PlanStoppedError extends Error {
  constructor(planId: string) {
    super(`plan "${planId}" was left APPLYING: this Rollcall process is stopping`);
    this.name = "PlanStoppedError";
  }
}

/** Aborted once the process stops applying plans of `plans`. */
export const planStopSignal = (plans: PlanStore): AbortSignal => stopSignal(plans);

/** Counts an apply among those a stop waits for. */
export const trackedApply = <T>(plans: PlanStore, run: Promise<T>): Promise<T> => tracked(plans, run);

/** Starts no more steps and waits until every apply has let go of its plan. */
export const stopApplies = (plans: PlanStore): Promise<void> => stopWork(plans);
