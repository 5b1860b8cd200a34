import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from "type-graphql";
import { RequestContext } from "../../loaders/request-context.js";
import { matchesNameFilter, type NameFilter } from "../../model/filters.js";
import type { GroupRecord } from "../../model/records.js";
import { nullWhereUnsupported, sessionOf } from "../common/context.js";
import { NameFilterInput, toNameFilter } from "../common/inputs.js";
import { ListArgs, RelationArgs } from "../common/list.args.js";
import { listQuery } from "../common/list-query.js";
import { NodeFields } from "../common/node-fields.resolver.js";
import { relationConnection } from "../common/relation-page.js";
import { UserConnection } from "../user/user.type.js";
import { Group, GroupConnection } from "./group.type.js";

@Resolver(() => Group)
export class GroupResolver extends NodeFields(Group) {
  @Query(() => GroupConnection, {
    description: "User groups across all (or the chosen) sources that have groups.",
  })
  groups(
    @Args() args: ListArgs,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Arg("filter", () => NameFilterInput, { nullable: true }) filter?: NameFilterInput | null,
  ) {
    return listQuery<GroupRecord, NameFilter>({
      ctx,
      info,
      args,
      filter: toNameFilter(filter),
      reader: (s) => s.connector.groups,
      matches: matchesNameFilter,
    });
  }

  @FieldResolver(() => String, { nullable: true })
  version(@Root() group: GroupRecord): string | null {
    return group.version ?? null;
  }

  @FieldResolver(() => UserConnection, { nullable: true })
  async members(
    @Root() group: GroupRecord,
    @Args() args: RelationArgs,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const loader = sessionOf(ctx, group).groupMembers;
    try {
      return relationConnection(
        loader ? await loader.load(group.remoteId) : [],
        args.first,
        args.after,
        ctx.settings.maxPageSize,
      );
    } catch (error) {
      return nullWhereUnsupported(error, ctx, info);
    }
  }
}
