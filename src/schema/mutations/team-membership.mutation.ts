import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { RequestContext } from "../../loaders/request-context.js";
import { expectId, expectIdsIn } from "./global-ids.js";
import { changeTeamsIn } from "./membership-writes.js";
import { TeamMembershipInput } from "./mutation.inputs.js";
import { TeamMembershipPayload } from "./payload.types.js";
import { allSucceeded } from "./result-shape.js";

@Resolver()
export class TeamMembershipMutation {
  @Mutation(() => TeamMembershipPayload, {
    description:
      "Add a user to teams, where the source manages team members (capability MANAGE_TEAM_MEMBERS).",
  })
  subscribeUserToTeams(
    @Arg("input", () => TeamMembershipInput) input: TeamMembershipInput,
    @Ctx() ctx: RequestContext,
  ) {
    return this.change(input, ctx, "join");
  }

  @Mutation(() => TeamMembershipPayload, {
    description:
      "Take a user out of teams, where the source manages team members (capability MANAGE_TEAM_MEMBERS).",
  })
  unsubscribeUserFromTeams(
    @Arg("input", () => TeamMembershipInput) input: TeamMembershipInput,
    @Ctx() ctx: RequestContext,
  ) {
    return this.change(input, ctx, "leave");
  }

  private async change(input: TeamMembershipInput, ctx: RequestContext, how: "join" | "leave") {
    const user = expectId(ctx, input.user, "User", "input.user");
    const teams = expectIdsIn(ctx, input.teams, "Team", "input.teams", user.sourceId);
    const result = await changeTeamsIn(
      ctx.session(user.sourceId),
      user.remoteId,
      teams.map((t) => t.remoteId),
      how,
    );
    return { results: [result], ok: allSucceeded([result]) };
  }
}
