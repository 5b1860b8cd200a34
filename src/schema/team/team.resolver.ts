import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from "type-graphql";
import { RequestContext } from "../../loaders/request-context.js";
import { matchesNameFilter, type NameFilter } from "../../model/filters.js";
import type { TeamRecord } from "../../model/records.js";
import { sessionOf } from "../common/context.js";
import { NameFilterInput, toNameFilter } from "../common/inputs.js";
import { ListArgs, RelationArgs } from "../common/list.args.js";
import { listQuery } from "../common/list-query.js";
import { NodeFields } from "../common/node-fields.resolver.js";
import { relationConnection } from "../common/relation-page.js";
import { UserConnection } from "../user/user.type.js";
import { Team, TeamConnection } from "./team.type.js";

@Resolver(() => Team)
export class TeamResolver extends NodeFields(Team) {
  @Query(() => TeamConnection, { description: "Teams across all (or the chosen) sources that have teams." })
  teams(
    @Args() args: ListArgs,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Arg("filter", () => NameFilterInput, { nullable: true }) filter?: NameFilterInput | null,
  ) {
    return listQuery<TeamRecord, NameFilter>({
      ctx,
      info,
      args,
      filter: toNameFilter(filter),
      reader: (s) => s.connector.teams,
      matches: matchesNameFilter,
    });
  }

  @FieldResolver(() => UserConnection, { nullable: true })
  async members(@Root() team: TeamRecord, @Args() args: RelationArgs, @Ctx() ctx: RequestContext) {
    const loader = sessionOf(ctx, team).teamMembers;
    return relationConnection(
      loader ? await loader.load(team.remoteId) : [],
      args.first,
      args.after,
      ctx.settings.maxPageSize,
    );
  }
}
