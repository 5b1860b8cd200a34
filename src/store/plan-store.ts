import type { Kysely, Selectable } from "kysely";
import { InputError } from "../model/errors.js";
import type {
  PlanKind,
  PlanRecord,
  PlanStatus,
  StepAction,
  StepRecord,
  StepResult,
  StepState,
} from "../plans/plan.js";
import { leaseFreeFor } from "./lease-sql.js";
import {
  fromFlag,
  fromJson,
  fromSqlDate,
  fromSqlDateOrNull,
  inChunks,
  toFlag,
  toInt,
  toJson,
  toSqlDate,
} from "./sql-values.js";
import type { PlanStore } from "./store.js";
import type { PlanStepsTable, PlansTable, StoreTables } from "./store-tables.js";

/** Steps per INSERT: 21 columns each stays well under SQLite's and PostgreSQL's parameter limits. */
const STEPS_PER_INSERT = 200;

type StepChange = Parameters<PlanStore["updateStep"]>[2];

export class SqlPlanStore implements PlanStore {
  constructor(private readonly db: Kysely<StoreTables>) {}

  async create(plan: PlanRecord): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto("plans")
        .values({
          id: plan.id,
          kind: plan.kind,
          status: plan.status,
          created_at: toSqlDate(plan.createdAt),
          created_by: plan.createdBy,
          summary: plan.summary,
          request: toJson(plan.request),
        })
        .execute();
      const rows = plan.steps.map((step, position) => stepRow(plan.id, step, position));
      for (const chunk of inChunks(rows, STEPS_PER_INSERT))
        await trx.insertInto("plan_steps").values(chunk).execute();
    });
  }

  async get(id: string): Promise<PlanRecord | null> {
    const row = await this.db.selectFrom("plans").selectAll().where("id", "=", id).executeTakeFirst();
    if (!row) return null;
    const [plan] = await this.withSteps([row]);
    return plan ?? null;
  }

  async list(options: { readonly first: number; readonly after?: string }): Promise<PlanRecord[]> {
    if (options.first <= 0) return [];
    const after = options.after;
    if (after !== undefined) {
      const cursor = await this.db
        .selectFrom("plans")
        .select("id")
        .where("id", "=", after)
        .executeTakeFirst();
      if (!cursor) throw new InputError(`No plan "${after}" to page after`, "after");
    }
    let query = this.db.selectFrom("plans").selectAll();
    if (after !== undefined) {
      // Newest first: what comes after the cursor was created before it (or at once, with a lower id).
      const cursorAt = this.db.selectFrom("plans").select("created_at").where("id", "=", after);
      query = query.where((eb) =>
        eb.or([
          eb("created_at", "<", cursorAt),
          eb.and([eb("created_at", "=", cursorAt), eb("id", "<", after)]),
        ]),
      );
    }
    const rows = await query
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .limit(options.first)
      .execute();
    return this.withSteps(rows);
  }

  async setStatus(id: string, status: PlanStatus): Promise<void> {
    const result = await this.db.updateTable("plans").set({ status }).where("id", "=", id).executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new Error(`No plan "${id}" in the store`);
  }

  async updateStep(planId: string, stepId: string, change: StepChange): Promise<void> {
    const result = await this.db
      .updateTable("plan_steps")
      .set({
        state: change.state,
        ...(change.result !== undefined && {
          result: change.result === null ? null : JSON.stringify(change.result),
        }),
        ...(change.attempts !== undefined && { attempts: change.attempts }),
        ...(change.finishedAt !== undefined && {
          finished_at: change.finishedAt === null ? null : toSqlDate(change.finishedAt),
        }),
      })
      .where("plan_id", "=", planId)
      .where("step_id", "=", stepId)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0)
      throw new Error(`No step "${stepId}" in plan "${planId}" in the store`);
  }

  async lease(planId: string, runner: string, now: Date, until: Date): Promise<boolean> {
    const result = await this.db
      .updateTable("plans")
      .set({ runner, lease_until: toSqlDate(until) })
      .where("id", "=", planId)
      .where(leaseFreeFor(runner, now))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async release(planId: string, runner: string): Promise<void> {
    await this.db
      .updateTable("plans")
      .set({ runner: null, lease_until: null })
      .where("id", "=", planId)
      .where("runner", "=", runner)
      .execute();
  }

  async startStep(planId: string, step: Pick<StepRecord, "id" | "state" | "attempts">): Promise<boolean> {
    const result = await this.db
      .updateTable("plan_steps")
      .set({ state: "RUNNING", attempts: step.attempts + 1 })
      .where("plan_id", "=", planId)
      .where("step_id", "=", step.id)
      .where("state", "=", step.state)
      .where("attempts", "=", step.attempts)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  private async withSteps(plans: Selectable<PlansTable>[]): Promise<PlanRecord[]> {
    if (plans.length === 0) return [];
    const steps = await this.db
      .selectFrom("plan_steps")
      .selectAll()
      .where(
        "plan_id",
        "in",
        plans.map((p) => p.id),
      )
      .orderBy("plan_id")
      .orderBy("position")
      .execute();
    const byPlan = new Map<string, StepRecord[]>();
    for (const step of steps) {
      const list = byPlan.get(step.plan_id) ?? [];
      list.push(toStep(step));
      byPlan.set(step.plan_id, list);
    }
    return plans.map((row) => ({
      id: row.id,
      kind: row.kind as PlanKind,
      status: row.status as PlanStatus,
      createdAt: fromSqlDate(row.created_at),
      createdBy: row.created_by,
      summary: row.summary,
      request: fromJson(row.request),
      steps: byPlan.get(row.id) ?? [],
    }));
  }
}

function stepRow(planId: string, step: StepRecord, position: number) {
  return {
    plan_id: planId,
    step_id: step.id,
    position,
    source_id: step.sourceId,
    action: step.action,
    user_id: step.target.userId,
    email: step.target.email,
    project_id: step.target.projectId,
    group_id: step.target.groupId,
    team_id: step.target.teamId,
    label: step.target.label,
    from_state: step.from,
    to_state: step.to,
    possible: toFlag(step.possible),
    reason: step.reason,
    depends_on: JSON.stringify(step.dependsOn),
    state: step.state,
    result: step.result === null ? null : JSON.stringify(step.result),
    attempts: step.attempts,
    finished_at: step.finishedAt === null ? null : toSqlDate(step.finishedAt),
  };
}

function toStep(row: Selectable<PlanStepsTable>): StepRecord {
  return {
    id: row.step_id,
    sourceId: row.source_id,
    action: row.action as StepAction,
    target: {
      userId: row.user_id,
      email: row.email,
      projectId: row.project_id,
      groupId: row.group_id,
      teamId: row.team_id,
      label: row.label,
    },
    from: row.from_state,
    to: row.to_state,
    possible: fromFlag(row.possible),
    reason: row.reason,
    dependsOn: JSON.parse(row.depends_on) as string[],
    state: row.state as StepState,
    result: fromJson(row.result) as StepResult | null,
    attempts: toInt(row.attempts),
    finishedAt: fromSqlDateOrNull(row.finished_at),
  };
}
