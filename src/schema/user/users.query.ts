import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, ID, Info, Query, Resolver } from "type-graphql";
import { accountsByEmail, SCAN_WINDOW } from "../../loaders/accounts-by-email.js";
import { requestedUserRelations } from "../../loaders/lookahead.js";
import { RequestContext } from "../../loaders/request-context.js";
import type { SourceSession } from "../../loaders/source-session.js";
import { warmRelations } from "../../loaders/warm-relations.js";
import { InputError } from "../../model/errors.js";
import { matchesUserFilter, type UserFilter } from "../../model/filters.js";
import type { UserRecord } from "../../model/records.js";
import type { ConnectionShape, Deferred } from "../common/connection.js";
import { pathOf } from "../common/context.js";
import { ListArgs } from "../common/list.args.js";
import { listQuery } from "../common/list-query.js";
import { User, UserConnection } from "./user.type.js";
import { UserFilterInput } from "./user-filter.input.js";

const EMAIL = /^[^\s@]+@[^\s@]+$/;

const hasCriteria = (f: UserFilter) =>
  f.email !== undefined || f.login !== undefined || f.nameContains !== undefined || f.active !== undefined;

function toUserFilter(input: UserFilterInput | null | undefined): UserFilter {
  const filter: UserFilter = {
    email: input?.email ?? undefined,
    login: input?.login ?? undefined,
    nameContains: input?.nameContains ?? undefined,
    active: input?.active ?? undefined,
    includeArchived: input?.includeArchived ?? undefined,
  };
  for (const key of ["email", "login", "nameContains"] as const) {
    if (filter[key] !== undefined && filter[key].trim() === "")
      throw new InputError(`\`filter.${key}\` must not be empty`, `filter.${key}`);
  }
  return filter;
}

/**
 * From the selection, the relations each source's users will need: vendors start what doesn't
 * depend on the users alongside the list, and each source's relations load as soon as its share
 * of the page is known (not when the slowest source is done). Nothing is fetched that the
 * operation does not ask for.
 */
function lookahead(info: GraphQLResolveInfo) {
  const wants = requestedUserRelations(info);
  if (wants.size === 0) return {};
  return {
    beforeList: (session: SourceSession) => session.connector.prefetch?.(wants, session),
    onIncluded: (session: SourceSession, users: readonly UserRecord[]) =>
      warmRelations(session, users, wants),
  };
}

@Resolver()
export class UsersQuery {
  @Query(() => UserConnection, { description: "Users across all (or the chosen) sources, in source order." })
  users(
    @Args() args: ListArgs,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Arg("filter", () => UserFilterInput, { nullable: true }) filterInput?: UserFilterInput | null,
  ): Promise<ConnectionShape<UserRecord>> {
    const filter = toUserFilter(filterInput);
    return listQuery({
      ctx,
      info,
      args,
      filter,
      reader: (s) => s.connector.users,
      matches: matchesUserFilter,
      scanWindow: hasCriteria(filter) ? SCAN_WINDOW : undefined,
      ...lookahead(info),
    });
  }

  @Query(() => [User], {
    description:
      "Every account with this email, in every (or the chosen) source, active or not. A source that can't be asked is reported in `errors`.",
  })
  async usersByEmail(
    @Arg("email", () => String) email: string,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Arg("sources", () => [ID], { nullable: true }) sources?: string[] | null,
  ): Promise<Deferred<UserRecord>[]> {
    const trimmed = email.trim();
    if (!EMAIL.test(trimmed)) throw new InputError(`"${email}" is not an email address`, "email");
    const page = await accountsByEmail({
      ctx,
      sessions: ctx.selectSessions(sources),
      email: trimmed,
      path: pathOf(info),
      ...lookahead(info),
    });
    return page.edges.map((e) => page.settledNode(e));
  }
}
