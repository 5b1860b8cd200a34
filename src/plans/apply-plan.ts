/**
 * Applies a stored plan. Independent steps run concurrently across sources (a few at a time per
 * source, one at a time per account), a step after the steps it depends on. Just before it runs, each step reads its target:
 * already as wanted → SKIPPED, nothing sent; different from what the plan saw → it still goes to
 * what the plan wants, and its result says what differed (a stale plan). Each step's outcome is
 * stored as it finishes, so an apply that stops half way (a crash) resumes on the next: applying
 * runs only the steps not APPLIED or SKIPPED, and twice changes nothing. A vendor failing fails its
 * own steps; the steps waiting on them stay PENDING with the reason, and the plan ends PARTIAL.
 *
 * With a lease (a shared PostgreSQL store, src/plans/plan-jobs.ts), the plan is this process's
 * while it applies it: each step is taken by a compare-and-set on its stored state, and a step a
 * stopped apply left RUNNING is settled from the audit trail and the live state before anything is
 * sent (resume-step.ts): a step is never sent twice. A graceful stop of the process starts no more
 * steps, lets those in flight finish and leaves the plan APPLYING for another (plan-stop.ts).
 */
import { withAuditContext } from "../audit/audit-context.js";
import type { RequestContext } from "../loaders/request-context.js";
import { ErrorCode, InputError } from "../model/errors.js";
import { toMutationError } from "../schema/mutations/result-shape.js";
import type { PlanStore } from "../store/store.js";
import { freshReads } from "../vendors/http/fresh-reads.js";
import { createLimiter, type Limiter } from "../vendors/http/limiter.js";
import { applyingHere, isApplyingHere, stepInFlight } from "./applies-here.js";
import { isDone, type LiveState, readLiveState } from "./live-state.js";
import { type PlanRecord, StepAction, type StepRecord, type StepResult, type StepState } from "./plan.js";
import { type HeldLease, holdLease, LeaseLostError, type LeaseSettings } from "./plan-lease.js";
import { newAccountOf, personKeyOf } from "./plan-request.js";
import { PlanStoppedError, planStopSignal, trackedApply } from "./plan-stop.js";
import { type StoppedApply, whatAStoppedApplyDid } from "./resume-step.js";
import { runStep, wasSent } from "./run-step.js";
import { isAsWanted, shown } from "./step-values.js";

/** Steps of one source sent at once: enough to overlap round trips, few enough to be gentle. */
export const STEPS_PER_SOURCE = 4;

export interface ApplyOptions {
  readonly plans: PlanStore;
  /** Who applies (a caller id, or `cli`): what the audit trail records of each write. */
  readonly caller: string;
  readonly perSource?: number;
  /** The initial password of accounts created where the vendor takes one; never stored. */
  readonly password?: string;
  /** Hold the plan's lease while applying (a store other processes share): PlanBusyError when
   *  another holds it. */
  readonly lease?: LeaseSettings;
}

/** The states a step is done in: nothing left to do. */
const DONE: ReadonlySet<StepState> = new Set(["APPLIED", "SKIPPED"]);

/** Applies a plan; its live checks read the vendors themselves, never a cached read (fresh-reads.ts). */
export function applyPlan(ctx: RequestContext, planId: string, options: ApplyOptions): Promise<PlanRecord> {
  const work = freshReads(() => applyFresh(ctx, planId, options));
  // Under a lease another replica resumes the plan: a stop lets go of it (plan-stop.ts).
  return options.lease ? trackedApply(options.plans, work) : work;
}

async function applyFresh(ctx: RequestContext, planId: string, options: ApplyOptions): Promise<PlanRecord> {
  const { plans } = options;
  const plan = await plans.get(planId);
  if (!plan) throw new InputError(`There is no plan "${planId}"`, "input.plan");
  if (isApplyingHere(planId))
    throw new InputError(
      `Plan "${planId}" is being applied right now: read it with plan(id:) once it is done`,
      "input.plan",
    );
  checkOrder(plan);
  const stop = options.lease ? planStopSignal(plans) : undefined;
  if (stop?.aborted) throw new PlanStoppedError(planId);
  return applyingHere(planId, () => applyHere(ctx, plan, options, stop));
}

async function applyHere(
  ctx: RequestContext,
  plan: PlanRecord,
  options: ApplyOptions,
  stop: AbortSignal | undefined,
): Promise<PlanRecord> {
  const { plans } = options;
  const planId = plan.id;
  let lease: HeldLease | undefined;
  try {
    if (options.lease) lease = await holdLease(plans, planId, options.lease);
    await plans.setStatus(planId, "APPLYING");
    const byId = new Map(plan.steps.map((s) => [s.id, s]));
    const limiters = new Map<string, Limiter>();
    const limiterOf = (key: string, concurrency: number) => {
      const limiter = limiters.get(key) ?? createLimiter(concurrency);
      limiters.set(key, limiter);
      return limiter;
    };
    // One account's steps go one at a time: a vendor that writes a user's whole list of roles would
    // otherwise have two concurrent changes each put back what the other took away. The account's
    // turn comes first, then a slot of its source, so a step holding a slot never waits on another.
    const inTurn = <T>(step: StepRecord, work: () => Promise<T>) =>
      limiterOf(
        `account\u0000${step.sourceId}\u0000${step.target.userId ?? step.target.email}`,
        1,
      )(() => limiterOf(`source\u0000${step.sourceId}`, options.perSource ?? STEPS_PER_SOURCE)(work));
    const outcomes = new Map<string, Promise<boolean>>();
    const record = (
      step: StepRecord,
      state: StepState,
      result: StepResult | null,
      attempts = step.attempts,
    ) => plans.updateStep(planId, step.id, { state, result, attempts, finishedAt: new Date() });

    /** Runs a step once its dependencies are done; true when it is done (applied or skipped). */
    const settle = (step: StepRecord): Promise<boolean> => {
      let outcome = outcomes.get(step.id);
      if (!outcome) {
        outcome = (async () => {
          if (DONE.has(step.state)) return true;
          if (!step.possible) return false;
          const deps = step.dependsOn.map((id) => byId.get(id));
          const ready = await Promise.all(deps.map((dep) => (dep ? settle(dep) : Promise.resolve(false))));
          const waiting = step.dependsOn.filter((_id, i) => !ready[i]);
          if (waiting.length > 0) {
            // Not run because this process stops: the next applier runs it, nothing to say.
            if (stop?.aborted) return false;
            await record(step, "PENDING", {
              code: null,
              message: `Not run: it waits for step${waiting.length > 1 ? "s" : ""} ${waiting.join(", ")}, not done`,
              drift: null,
            });
            return false;
          }
          return inTurn(step, () =>
            // A process that lost the plan's lease, or is stopping, starts nothing more: another
            // resumes it. (A step in flight finishes: its outcome is recorded as usual.)
            lease?.lost || stop?.aborted
              ? Promise.resolve(false)
              : withAuditContext(
                  {
                    caller: options.caller,
                    operation: "applyPlan",
                    planId,
                    stepId: step.id,
                    personKey: personKeyOf(plan, step),
                  },
                  () => execute(step),
                ),
          );
        })();
        outcomes.set(step.id, outcome);
      }
      return outcome;
    };

    const execute = async (step: StepRecord): Promise<boolean> => {
      // Taken only as it was read: another apply that got to it first keeps it.
      if (!(await plans.startStep(planId, step))) return false;
      return stepInFlight(planId, step.id, () => executeTaken(step));
    };

    /** Runs a step this apply has taken (stored RUNNING) and records its outcome. */
    const executeTaken = async (step: StepRecord): Promise<boolean> => {
      const attempts = step.attempts + 1;
      if (step.state === "RUNNING") {
        // Left RUNNING by an apply that stopped: what it sent is settled before anything is sent.
        let stopped: StoppedApply;
        try {
          stopped = await whatAStoppedApplyDid(ctx.gateway, planId, step.id);
        } catch {
          // The trail itself can't be read: nothing tells whether it was sent, so it is not sent.
          // (The store's own error may name its URL: it stays out of the plan.)
          stopped = { kind: "unknown", why: "the audit trail can't be read" };
        }
        if (stopped.kind === "applied") {
          await record(
            step,
            "APPLIED",
            {
              code: null,
              message: "Sent by an apply that stopped before recording it; the live state shows it done",
              drift: null,
            },
            attempts,
          );
          return true;
        }
        if (stopped.kind === "unknown") {
          await record(
            step,
            "FAILED",
            {
              code: ErrorCode.SOURCE_UNAVAILABLE,
              message: `An apply that stopped sent it and its outcome is unknown (${stopped.why}): not sent again; apply again once the source can be read`,
              drift: null,
            },
            attempts,
          );
          return false;
        }
      }
      const failed = (error: unknown, drift: string | null = null) => {
        const { code, message } = toMutationError(error, step.sourceId);
        return record(step, "FAILED", { code, message, drift }, attempts).then(() => false);
      };
      let live: LiveState;
      try {
        live = await readLiveState(ctx.session(step.sourceId), step);
      } catch (error) {
        return failed(error);
      }
      const drift = driftOf(step, live);
      if (isDone(step, live)) {
        await record(
          step,
          "SKIPPED",
          { code: null, message: "Already so: nothing was sent", drift },
          attempts,
        );
        return true;
      }
      const account = newAccountOf(plan, step);
      const run = await runStep(
        ctx,
        step,
        live.userId,
        account && { ...account, ...(options.password !== undefined && { password: options.password }) },
      );
      if (run.error) {
        await record(step, "FAILED", { code: run.error.code, message: run.error.message, drift }, attempts);
        return false;
      }
      const sent = wasSent(run);
      const words = [
        sent ? null : "The vendor found it already so: nothing was sent",
        ...run.warnings,
      ].filter(Boolean);
      await record(
        step,
        sent ? "APPLIED" : "SKIPPED",
        { code: null, message: words.join("; ") || null, drift },
        attempts,
      );
      return true;
    };

    const settled = await Promise.all(plan.steps.map(settle));
    if (lease?.lost) throw new LeaseLostError(planId);
    if (stop?.aborted && settled.some((done, i) => !done && plan.steps[i]?.possible))
      throw new PlanStoppedError(planId);
    const after = (await plans.get(planId)) as PlanRecord;
    const status = after.steps.every((s) => !s.possible || DONE.has(s.state)) ? "APPLIED" : "PARTIAL";
    await plans.setStatus(planId, status);
    return { ...after, status };
  } finally {
    await lease?.release().catch(() => undefined);
  }
}

/**
 * How the live state differs from what the plan saw; null when it does not. A step on an account
 * the plan creates saw nothing of it: what its earlier steps did there (a group that brings a role)
 * is no drift.
 */
function driftOf(step: StepRecord, live: LiveState): string | null {
  if (step.target.userId === null && step.action !== StepAction.CREATE_ACCOUNT) return null;
  if (live.gone) return `The plan saw ${shown(step.from)}; the account no longer exists`;
  if (isAsWanted(live.value, step.from)) return null;
  return `The plan saw ${shown(step.from)}; the live state was ${shown(live.value)}`;
}

/** A step depends only on steps of its plan, and never on itself through others (no cycle). */
function checkOrder(plan: PlanRecord): void {
  const byId = new Map(plan.steps.map((s) => [s.id, s]));
  const state = new Map<string, "visiting" | "done">();
  const visit = (step: StepRecord) => {
    if (state.get(step.id) === "done") return;
    if (state.get(step.id) === "visiting")
      throw new Error(`plan ${plan.id}: step ${step.id} depends on itself`);
    state.set(step.id, "visiting");
    for (const id of step.dependsOn) {
      const dep = byId.get(id);
      if (!dep)
        throw new Error(`plan ${plan.id}: step ${step.id} depends on a step it does not hold (${id})`);
      visit(dep);
    }
    state.set(step.id, "done");
  };
  for (const step of plan.steps) visit(step);
}
