/**
 * Applying plans through a job engine, for replicas sharing a PostgreSQL store: pg-boss, in its own
 * schema of the store's database. `applyPlan` enqueues the plan; whichever replica's worker fetches
 * the job applies it, holding the plan's lease (plan-lease.ts) and renewing it as it goes. A job
 * runs at most a lease before pg-boss counts it expired and offers it again: while its replica is
 * alive that offer finds the lease held and is retried a lease later; once the replica has died its
 * lease runs out and the offer resumes the plan from the first step not done (apply-plan.ts). A
 * replica that stops gracefully lets go of its plan (plan-stop.ts) and offers it again at once.
 *
 * The job holds the plan's id and who applies it, never a password (see plan.mutation.ts).
 */
import pg from "pg";
import PgBoss from "pg-boss";
import { withAuditContext } from "../audit/audit-context.js";
import type { Gateway } from "../gateway.js";
import { RequestContext, type RequestSettings } from "../loaders/request-context.js";
import type { PlanStore } from "../store/store.js";
import { isApplyingHere } from "./applies-here.js";
import { applyPlan } from "./apply-plan.js";
import { PlanBusyError, THIS_RUNNER } from "./plan-lease.js";
import { PlanStoppedError, stopApplies } from "./plan-stop.js";

export const APPLY_QUEUE = "rollcall-apply-plan";

/** Offers of a plan a live replica holds are retried this many times at most (a lease apart). */
const RETRIES = 1_000_000;

export interface PlanJobSettings {
  /** The PostgreSQL store's URL: the engine's tables go in `schema` of the same database. */
  readonly url: string;
  /** Default: the store's schema (its connection's current one) followed by `_jobs`. */
  readonly schema?: string;
  readonly leaseSeconds: number;
  readonly pollSeconds: number;
  /** How long applyPlan waits for the plan before answering it as it is (apply-through-jobs.ts). */
  readonly waitSeconds: number;
}

export interface ApplyJob {
  readonly planId: string;
  /** Who asked for the apply: what the audit trail records of each write. */
  readonly caller: string;
}

export class PlanJobs {
  /** This process's worker, once started. */
  private workerId: string | undefined;

  private constructor(
    /** The engine, which snapshots' jobs share (src/history/snapshot-jobs.ts). */
    readonly boss: PgBoss,
    readonly settings: PlanJobSettings,
  ) {}

  /** Starts the engine (creating its schema once) and this replica's worker. */
  static async start(
    gateway: Gateway,
    settings: PlanJobSettings,
    requestSettings: RequestSettings,
    trouble: (error: unknown, doing: string) => void,
  ): Promise<PlanJobs> {
    const schema = settings.schema ?? `${await currentSchema(settings.url)}_jobs`;
    const boss = new PgBoss({
      connectionString: settings.url,
      schema,
      max: 2,
      // Expired jobs are looked for this often: a dead replica's plan is offered again within it.
      maintenanceIntervalSeconds: settings.leaseSeconds,
      schedule: false,
    });
    boss.on("error", (error) => trouble(error, "the plan job engine"));
    await boss.start();
    await boss.createQueue(APPLY_QUEUE, { name: APPLY_QUEUE, policy: "standard" });
    const jobs = new PlanJobs(boss, { ...settings, schema });
    jobs.workerId = await boss.work<ApplyJob>(
      APPLY_QUEUE,
      { batchSize: 1, pollingIntervalSeconds: settings.pollSeconds },
      async ([job]) => {
        if (job) await jobs.run(gateway, job.data, requestSettings);
      },
    );
    return jobs;
  }

  /** Offers the plan to every replica's worker (after `delaySeconds`, when given). */
  async enqueue(job: ApplyJob, delaySeconds = 0): Promise<void> {
    await this.boss.send(APPLY_QUEUE, job, {
      ...(delaySeconds > 0 && { startAfter: delaySeconds }),
      expireInSeconds: this.settings.leaseSeconds,
      retryLimit: RETRIES,
      retryDelay: this.settings.leaseSeconds,
    });
  }

  /** This process's worker looks for a job now rather than at its next poll (`rollcall apply`). */
  lookNow(): void {
    if (this.workerId) this.boss.notifyWorker(this.workerId);
  }

  /**
   * Applies the job's plan while it is APPLYING (a plan applied since, by this job's earlier
   * offer or another's, is left as it is). A plan held elsewhere throws: the job is retried.
   */
  private async run(gateway: Gateway, job: ApplyJob, requestSettings: RequestSettings): Promise<void> {
    const plans = gateway.store.plans;
    const plan = await plans.get(job.planId);
    if (plan?.status !== "APPLYING") return;
    if (isApplyingHere(job.planId)) throw new PlanBusyError(job.planId);
    const ctx = new RequestContext(gateway, requestSettings);
    try {
      await withAuditContext({ caller: job.caller, operation: "applyPlan" }, () =>
        applyPlan(ctx, job.planId, {
          plans,
          caller: job.caller,
          lease: { runner: THIS_RUNNER, ms: this.settings.leaseSeconds * 1000 },
        }),
      );
    } catch (error) {
      // This replica is stopping and let go of it: offered again now, not a retry's delay later.
      if (!(error instanceof PlanStoppedError)) throw error;
      await this.enqueue(job);
    }
  }

  /** Plans waiting in the queue to be applied (for /metrics). */
  queued(): Promise<number> {
    return this.boss.getQueueSize(APPLY_QUEUE);
  }

  /**
   * Stops fetching; an apply in progress on `plans` starts no more steps, finishes those in flight
   * and lets go of its plan, offered again for another replica (plan-stop.ts). What is still
   * running after that gets `graceMs` (by default a lease, at most 10 s), then the engine counts
   * its job failed (retried a lease later). Without `plans`, an apply in progress is not let go:
   * `rollcall apply` finishes what its worker took, with no time limit.
   */
  async stop(plans?: PlanStore, graceMs = Math.min(this.settings.leaseSeconds, 10) * 1000): Promise<void> {
    await this.boss.offWork(APPLY_QUEUE);
    if (plans) await stopApplies(plans);
    await this.boss.stop({ graceful: true, wait: true, timeout: graceMs });
  }
}

/** The schema the store's tables are in: its connection's current one (its `search_path`). */
async function currentSchema(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ schema: string | null }>("select current_schema() as schema");
    const schema = rows[0]?.schema;
    if (!schema) throw new Error("the store's connection has no current schema for the job engine's");
    return schema;
  } finally {
    await client.end();
  }
}
