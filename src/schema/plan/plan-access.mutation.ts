/** `planAccess`: access as code from GraphQL — a desired-state file's content in, the stored plan out. */
import { Arg, Ctx, Field, ID, InputType, Mutation, Resolver } from "type-graphql";
import { RequestContext } from "../../loaders/request-context.js";
import { InputError } from "../../model/errors.js";
import { DesiredStateError } from "../../plans/access-as-code/parse-desired-state.js";
import { planDesiredState } from "../../plans/access-as-code/plan-desired-state.js";
import { Plan } from "./plan.type.js";
import { planView } from "./plan-view.js";

/** The largest desired state taken, in characters: a file for thousands of people fits. */
const MAX_DESIRED_STATE = 1_000_000;

@InputType()
export class PlanAccessInput {
  @Field({
    description:
      'The desired-state file\'s content (YAML or JSON; README, "Access as code"): who holds which role on which project, in which groups and teams, in which sources, active or not; and which projects, groups and teams are exclusive.',
  })
  desiredState!: string;

  @Field(() => [ID], {
    nullable: true,
    description: "Only these sources (the file's entries for others are left out); default: every source.",
  })
  sources?: string[] | null;
}

@Resolver()
export class PlanAccessMutation {
  @Mutation(() => Plan, {
    description:
      "Plan a desired state against the live state of every (or the chosen) source, and store the plan: nothing changes until applyPlan. Holders of an exclusive project, group or team that the file does not list there are taken off it. A name the source does not have is an error naming its place in the file (`people[2].grants[0].role (line 14)`); a read that failed is a step marked impossible saying so, never taken for no access.",
  })
  async planAccess(
    @Arg("input", () => PlanAccessInput) input: PlanAccessInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Plan> {
    if (input.desiredState.length > MAX_DESIRED_STATE)
      throw new InputError(
        `\`input.desiredState\` is longer than ${MAX_DESIRED_STATE} characters: plan fewer people at a time`,
        "input.desiredState",
      );
    try {
      const plan = await planDesiredState(ctx, ctx.gateway.store.plans, input, {
        createdBy: ctx.caller?.id ?? "anonymous",
      });
      return planView(ctx, plan);
    } catch (error) {
      if (error instanceof DesiredStateError) throw new InputError(error.message, "input.desiredState");
      throw error;
    }
  }
}
