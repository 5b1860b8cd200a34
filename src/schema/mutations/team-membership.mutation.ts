import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { RequestContext } from "../../loaders/request-context.js";
import { expectId, expectIdsIn } from "./global-ids.js";
import { TeamMembershipInput } from "./mutation.inputs.js";
import { TeamMembershipPayload } from "./payload.types.js";
import { MutationStatus } from "./result.types.js";
import { allSucceeded, done, failed, unsupported } from "./result-shape.js";

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
    const session = ctx.session(user.sourceId);
    const writer = session.connector.writes?.teams;
    const result = await (async () => {
      if (!writer)
        return unsupported(session, "teamMembership", "change team memberships", { user: null, teams: null });
      try {
        const { status, now: after } = await writer[how](
          user.remoteId,
          teams.map((t) => t.remoteId),
          session,
        );
        session.clear();
        session.prime(after);
        // UNCHANGED: the user already was (or wasn't) in every team named, and nothing was sent.
        return done(session, MutationStatus[status], {
          user: await session.users.load(user.remoteId),
          teams: after,
        });
      } catch (error) {
        session.clear();
        return failed(session, error, { user: null, teams: null });
      }
    })();
    return { results: [result], ok: allSucceeded([result]) };
  }
}
