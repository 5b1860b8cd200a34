/**
 * applyPlan on replicas sharing a PostgreSQL store: the plan is marked APPLYING and offered to
 * every replica's worker through the job engine (plan-jobs.ts); the answer waits for it a while
 * (`store.jobs.waitSeconds`) and is the plan as it then is — APPLIED or PARTIAL, or still
 * APPLYING, which `plan(id:)` follows.
 *
 * An initial password is never stored, so never put in a job: an apply given one runs on the
 * replica that received it (holding the plan's lease), its job offered all the same so another
 * replica resumes the plan should this one die — without the password, which a vendor taking one
 * then does not get (the person sets theirs through the vendor's reset flow).
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { RequestContext } from "../loaders/request-context.js";
import { InputError } from "../model/errors.js";
import { isApplyingHere } from "./applies-here.js";
import { applyPlan } from "./apply-plan.js";
import type { PlanRecord } from "./plan.js";
import type { PlanJobs } from "./plan-jobs.js";
import { THIS_RUNNER } from "./plan-lease.js";
import { PlanStoppedError } from "./plan-stop.js";

export interface ThroughJobsOptions {
  /** How long the answer waits for the plan: by default `store.jobs.waitSeconds`; `rollcall
   *  apply` waits while the plan makes progress (its own bound: `--wait`, apply-through-engine.ts). */
  readonly waitSeconds?: number;
  /** Told once the plan's job is offered (`rollcall apply` has its own worker look at once). */
  readonly onOffered?: () => void;
  /** Told of the plan as it is at each look while the answer waits. */
  readonly onProgress?: (plan: PlanRecord) => void;
}

export async function applyThroughJobs(
  ctx: RequestContext,
  jobs: PlanJobs,
  planId: string,
  caller: string,
  password: string | undefined,
  options: ThroughJobsOptions = {},
): Promise<PlanRecord> {
  const plans = ctx.gateway.store.plans;
  const plan = await plans.get(planId);
  if (!plan) throw new InputError(`There is no plan "${planId}"`, "input.plan");
  if (isApplyingHere(planId))
    throw new InputError(
      `Plan "${planId}" is being applied right now: read it with plan(id:) once it is done`,
      "input.plan",
    );
  const { leaseSeconds, pollSeconds } = jobs.settings;
  if (password !== undefined) {
    await plans.setStatus(planId, "APPLYING");
    // Offered a lease from now: by then this replica holds the plan's lease (and renews it), so no
    // worker, this replica's own included, takes it without the password while this one lives.
    await jobs.enqueue({ planId, caller }, leaseSeconds);
    try {
      return await applyPlan(ctx, planId, {
        plans,
        caller,
        password,
        lease: { runner: THIS_RUNNER, ms: leaseSeconds * 1000 },
      });
    } catch (error) {
      // This replica is stopping: the plan is another's to resume now, without the password.
      if (!(error instanceof PlanStoppedError)) throw error;
      await jobs.enqueue({ planId, caller });
      return (await plans.get(planId)) as PlanRecord;
    }
  }
  await plans.setStatus(planId, "APPLYING");
  await jobs.enqueue({ planId, caller });
  options.onOffered?.();
  const waitUntil = Date.now() + (options.waitSeconds ?? jobs.settings.waitSeconds) * 1000;
  for (;;) {
    const now = (await plans.get(planId)) as PlanRecord;
    options.onProgress?.(now);
    // An operation cut short (its deadline, its client gone) answers no later than it must.
    if (now.status !== "APPLYING" || Date.now() >= waitUntil || ctx.control.signal.aborted) return now;
    await sleep(Math.min(pollSeconds * 1000, 500));
  }
}
