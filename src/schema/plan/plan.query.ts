import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import { RequestContext } from "../../loaders/request-context.js";
import { Plan } from "./plan.type.js";
import { planView } from "./plan-view.js";

@Resolver()
export class PlanQuery {
  @Query(() => Plan, {
    nullable: true,
    description: "A stored plan, with each step's state and result; null when there is no such plan.",
  })
  async plan(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Plan | null> {
    const plan = await ctx.gateway.store.plans.get(id);
    return plan && planView(ctx, plan);
  }
}
