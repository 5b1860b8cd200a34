import type { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, Info, Mutation, Resolver } from "type-graphql";
import { RequestContext } from "../../loaders/request-context.js";
import { InputError } from "../../model/errors.js";
import { applyPlan } from "../../plans/apply-plan.js";
import { applyThroughJobs } from "../../plans/apply-through-jobs.js";
import { planPersonOffboarding } from "../../plans/plan-offboarding.js";
import { planPersonOnboarding } from "../../plans/plan-onboarding.js";
import { pathOf } from "../common/context.js";
import { ApplyPlanInput, PlanOffboardingInput, PlanOnboardingInput } from "./plan.inputs.js";
import { Plan } from "./plan.type.js";
import { planView } from "./plan-view.js";

/** Who planned or applied: mutations always have a caller (the access guard sees to it). */
const callerOf = (ctx: RequestContext) => ctx.caller?.id ?? "anonymous";

@Resolver()
export class PlanMutation {
  @Mutation(() => Plan, {
    description:
      "Plan a person's offboarding against the live state of every (or the chosen) source, and store the plan: nothing changes until applyPlan. Each step says whether the vendor can do it, and why not.",
  })
  async planOffboarding(
    @Arg("input", () => PlanOffboardingInput) input: PlanOffboardingInput,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Plan> {
    const plan = await planPersonOffboarding(
      ctx,
      ctx.gateway.store.plans,
      { person: input.person, mode: input.mode, sources: input.sources },
      { createdBy: callerOf(ctx), path: pathOf(info) },
    );
    return planView(ctx, plan);
  }

  @Mutation(() => Plan, {
    description:
      "Plan a person's onboarding — accounts on the chosen sources, then roles on projects, groups and teams, from the input and a named template — against the live state, and store the plan: nothing changes until applyPlan.",
  })
  async planOnboarding(
    @Arg("input", () => PlanOnboardingInput) input: PlanOnboardingInput,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Plan> {
    const plan = await planPersonOnboarding(
      ctx,
      ctx.gateway.store.plans,
      ctx.settings.templates ?? {},
      input,
      {
        createdBy: callerOf(ctx),
        path: pathOf(info),
      },
    );
    return planView(ctx, plan);
  }

  @Mutation(() => Plan, {
    description:
      "Apply a stored plan: independent steps concurrently across sources, each after the steps it depends on, each re-checked just before it runs (already so: SKIPPED, nothing sent). Applying again runs only what is not APPLIED or SKIPPED: twice changes nothing, and an apply that stopped resumes. With a PostgreSQL store any replica applies it through the job engine, and the answer may be APPLYING: follow it with plan(id:).",
  })
  async applyPlan(
    @Arg("input", () => ApplyPlanInput) input: ApplyPlanInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Plan> {
    const password = input.initialPassword ?? undefined;
    if (password !== undefined && password.length < 6)
      throw new InputError("`input.initialPassword` must be at least 6 characters", "input.initialPassword");
    const jobs = ctx.gateway.planJobs;
    const plans = ctx.gateway.store.plans;
    const caller = callerOf(ctx);
    if (!jobs) return planView(ctx, await applyPlan(ctx, input.plan, { plans, password, caller }));
    return planView(ctx, await applyThroughJobs(ctx, jobs, input.plan, caller, password));
  }
}
