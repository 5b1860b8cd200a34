/**
 * `rollcall apply` on a PostgreSQL store: the plan goes through the job engine the gateway's
 * replicas apply plans through (src/plans/plan-jobs.ts, apply-through-jobs.ts), so it is applied
 * by whichever worker takes its job first — a replica's, or this process's own, started for the
 * while — holding the plan's lease, each step taken once. The command waits until the plan is
 * done, telling each step's outcome as it lands — or until the plan has made no progress (no step
 * landed, its status unchanged) for `--wait` seconds: a plan whose job can never run (it keeps
 * failing, or a stuck process holds its lease) would otherwise keep the command waiting for good.
 * It then stops waiting and exits non-zero, the plan left APPLYING and offered to the job engine,
 * for a replica (or a later `rollcall apply`) to resume.
 */
import { withAuditContext } from "../audit/audit-context.js";
import { applyThroughJobs } from "../plans/apply-through-jobs.js";
import type { PlanRecord, StepState } from "../plans/plan.js";
import { PlanJobs } from "../plans/plan-jobs.js";
import type { CliIo } from "./cli-io.js";
import { CLI_CALLER, type LocalGateway } from "./local-gateway.js";
import { stepOutcome } from "./plan-report.js";

/** How long the command waits, by default, for a plan that makes no progress (see `idleWaitSeconds`). */
export const DEFAULT_IDLE_WAIT_SECONDS = 300;

/**
 * The wait for progress: `--wait`, else the default — at least three lease periods either way, so
 * a replica that died holding the plan's lease has had time to lose it and the plan to be taken
 * again (plan-jobs.ts) before the command calls the plan stalled.
 */
export function idleWaitSeconds(given: number | undefined, leaseSeconds: number): number {
  return Math.max(given ?? DEFAULT_IDLE_WAIT_SECONDS, 3 * leaseSeconds);
}

/** The plan made no progress for the wait: the command stops waiting for it. */
class PlanStalled extends Error {
  constructor(readonly plan: PlanRecord) {
    super("the plan made no progress");
  }
}

/** What changes as a plan progresses: its status and each step's state. */
const progressOf = (plan: PlanRecord) => `${plan.status} ${plan.steps.map((s) => s.state).join(",")}`;

/** The states a step ends an apply in: told as they land. */
const LANDED: ReadonlySet<StepState> = new Set(["APPLIED", "SKIPPED", "FAILED"]);

export async function applyThroughEngine(
  local: LocalGateway,
  plan: PlanRecord,
  password: string | undefined,
  io: CliIo,
  /** `--wait`: seconds without progress before the command stops waiting (idleWaitSeconds). */
  waitSeconds?: number,
): Promise<PlanRecord> {
  const { config, ctx, requestSettings } = local;
  const jobs = await PlanJobs.start(
    ctx.gateway,
    { url: config.store.url, ...config.store.jobs },
    requestSettings,
    (error, doing) =>
      io.err(`rollcall apply: ${doing}: ${error instanceof Error ? error.message : String(error)}`),
  );
  // What each step was before: a step is told when it lands in another state.
  const told = new Map(plan.steps.map((step) => [step.id, step.state]));
  const idleSeconds = idleWaitSeconds(waitSeconds, jobs.settings.leaseSeconds);
  let progress = progressOf(plan);
  let progressedAt = Date.now();
  let stalled = false;
  try {
    io.err(
      `Plan ${plan.id}: offered to the job engine (schema "${jobs.settings.schema}"); the first Rollcall process to take it applies it, this one included.`,
    );
    return await withAuditContext({ caller: CLI_CALLER, operation: "applyPlan" }, () =>
      applyThroughJobs(ctx, jobs, plan.id, CLI_CALLER, password, {
        waitSeconds: Number.POSITIVE_INFINITY,
        onOffered: () => jobs.lookNow(),
        onProgress: (now) => {
          for (const step of now.steps) {
            if (!LANDED.has(step.state) || told.get(step.id) === step.state) continue;
            told.set(step.id, step.state);
            io.err(`  ${stepOutcome(step)}`);
          }
          if (progressOf(now) !== progress) {
            progress = progressOf(now);
            progressedAt = Date.now();
          } else if (now.status === "APPLYING" && Date.now() - progressedAt >= idleSeconds * 1000)
            throw new PlanStalled(now);
        },
      }),
    );
  } catch (error) {
    if (!(error instanceof PlanStalled)) throw error;
    stalled = true;
    io.err(
      `rollcall apply: plan ${plan.id} made no progress for ${idleSeconds} s (no step landed), so this command stopped waiting for it (--wait). ` +
        "Its job keeps failing, or a process that does not progress holds its lease: see the Rollcall replicas' logs. " +
        `The plan stays APPLYING and offered to the job engine: a running replica resumes it, or run \`rollcall apply ${plan.id}\` again.`,
    );
    return error.plan;
  } finally {
    // Whatever this process's worker took (this plan, or another offered meanwhile) is finished
    // before the store and connectors close under it; after a stall, an apply it holds stops
    // starting steps and is offered again rather than kept (plan-jobs.ts `stop`).
    await (stalled ? jobs.stop(ctx.gateway.store.plans) : jobs.stop(undefined, Number.POSITIVE_INFINITY));
  }
}
