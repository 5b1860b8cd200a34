import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from "type-graphql";
import { RequestContext } from "../../loaders/request-context.js";
import { isNotFound } from "../../model/errors.js";
import { matchesNameFilter, type NameFilter } from "../../model/filters.js";
import { PermissionLevel, type PermissionRecord, type ProjectRecord } from "../../model/records.js";
import { presentOrThrow, sessionOf } from "../common/context.js";
import { NameFilterInput, toNameFilter } from "../common/inputs.js";
import { ListArgs, RelationArgs } from "../common/list.args.js";
import { listQuery } from "../common/list-query.js";
import { NodeFields } from "../common/node-fields.resolver.js";
import { relationConnection } from "../common/relation-page.js";
import { Permission } from "../permission/permission.type.js";
import { UserConnection } from "../user/user.type.js";
import { Project, ProjectConnection } from "./project.type.js";

@Resolver(() => Project)
export class ProjectResolver extends NodeFields(Project) {
  @Query(() => ProjectConnection, {
    description: "Projects across all (or the chosen) sources that have projects.",
  })
  projects(
    @Args() args: ListArgs,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Arg("filter", () => NameFilterInput, { nullable: true }) filter?: NameFilterInput | null,
  ) {
    return listQuery<ProjectRecord, NameFilter>({
      ctx,
      info,
      args,
      filter: toNameFilter(filter),
      reader: (s) => s.connector.projects,
      matches: matchesNameFilter,
    });
  }

  @FieldResolver(() => String, { nullable: true })
  url(@Root() project: ProjectRecord): string | null {
    return project.url ?? null;
  }

  @FieldResolver(() => [Permission], { nullable: true, description: "Every role held on this project." })
  async permissions(@Root() project: ProjectRecord, @Ctx() ctx: RequestContext): Promise<PermissionRecord[]> {
    const loader = sessionOf(ctx, project).permissionsOfProject;
    return loader ? loader.load(project.remoteId) : [];
  }

  @FieldResolver(() => UserConnection, {
    nullable: true,
    description: "Users holding a role above NONE here.",
  })
  async members(@Root() project: ProjectRecord, @Args() args: RelationArgs, @Ctx() ctx: RequestContext) {
    const session = sessionOf(ctx, project);
    const permissions = session.permissionsOfProject
      ? await session.permissionsOfProject.load(project.remoteId)
      : [];
    const ids = [
      ...new Set(permissions.filter((p) => p.level !== PermissionLevel.NONE).map((p) => p.userId)),
    ];
    const users = presentOrThrow(await session.loadUsers(ids), isNotFound);
    return relationConnection(users, args.first, args.after, ctx.settings.maxPageSize);
  }
}
