/**
 * `rollcall apply` on a PostgreSQL store: the plan goes through the job engine the gateway's
 * replicas apply plans through (src/plans/plan-jobs.ts, apply-through-jobs.ts), so it is applied
 * by whichever worker takes its job first — a replica's, or this process's own, started for the
 * while — holding the plan's lease, each step taken once. The command waits until the plan is
 * done, telling each step's outcome as it lands.
 */
import { withAuditContext } from "../audit/audit-context.js";
import { applyThroughJobs } from "../plans/apply-through-jobs.js";
import type { PlanRecord, StepState } from "../plans/plan.js";
import { PlanJobs } from "../plans/plan-jobs.js";
import type { CliIo } from "./cli-io.js";
import { CLI_CALLER, type LocalGateway } from "./local-gateway.js";
import { stepOutcome } from "./plan-report.js";

/** The states a step ends an apply in: told as they land. */
const LANDED: ReadonlySet<StepState> = new Set(["APPLIED", "SKIPPED", "FAILED"]);

export async function applyThroughEngine(
  local: LocalGateway,
  plan: PlanRecord,
  password: string | undefined,
  io: CliIo,
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
        },
      }),
    );
  } finally {
    // Whatever this process's worker took (this plan, or another offered meanwhile) is finished
    // before the store and connectors close under it.
    await jobs.stop(undefined, Number.POSITIVE_INFINITY);
  }
}
