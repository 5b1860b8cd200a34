import type { GraphQLResolveInfo } from "graphql";
import { Args, Ctx, FieldResolver, Info, Resolver, Root } from "type-graphql";
import { RequestContext } from "../../loaders/request-context.js";
import { type SettledLoader, whenLoaded } from "../../loaders/source-session.js";
import { isNotFound } from "../../model/errors.js";
import {
  type GroupRecord,
  PermissionLevel,
  type PermissionRecord,
  type ProjectRecord,
  type TeamRecord,
  type UserRecord,
} from "../../model/records.js";
import type { ConnectionShape } from "../common/connection.js";
import { nullWhereUnsupported, presentOrThrow, sessionOf } from "../common/context.js";
import { toGlobalId } from "../common/global-id.js";
import { RelationArgs } from "../common/list.args.js";
import { NodeFields } from "../common/node-fields.resolver.js";
import { relationConnection } from "../common/relation-page.js";
import { GroupConnection } from "../group/group.type.js";
import { Permission } from "../permission/permission.type.js";
import { ProjectConnection } from "../project/project.type.js";
import { TeamConnection } from "../team/team.type.js";
import { User } from "./user.type.js";

type Page<T> = ConnectionShape<T> | null | Promise<ConnectionShape<T> | null>;

/**
 * A user's paged relations. Each goes through the request's loaders for the user's source, and
 * answers with a plain value when the loader already has it (a listed page warms them all first).
 * build-schema.ts also calls these directly (see there why).
 */
function relationOf<T>(
  loader: SettledLoader<T[]> | undefined,
  user: UserRecord,
  args: RelationArgs,
  ctx: RequestContext,
  info: GraphQLResolveInfo | undefined,
): Page<T> {
  const page = (items: T[]) => relationConnection(items, args.first, args.after, ctx.settings.maxPageSize);
  if (!loader) return page([]);
  const loaded = loader.loadNow(user.remoteId);
  return loaded instanceof Promise
    ? loaded.then(page, (error: unknown) => nullWhereUnsupported(error, ctx, info))
    : page(loaded);
}

export const userRelations = {
  teams: (
    user: UserRecord,
    args: RelationArgs,
    ctx: RequestContext,
    info?: GraphQLResolveInfo,
  ): Page<TeamRecord> => relationOf(sessionOf(ctx, user).teamsOfUser, user, args, ctx, info),

  groups: (
    user: UserRecord,
    args: RelationArgs,
    ctx: RequestContext,
    info?: GraphQLResolveInfo,
  ): Page<GroupRecord> => relationOf(sessionOf(ctx, user).groupsOfUser, user, args, ctx, info),

  projects(user: UserRecord, args: RelationArgs, ctx: RequestContext): Page<ProjectRecord> {
    const session = sessionOf(ctx, user);
    const page = (projects: ProjectRecord[]) =>
      relationConnection(projects, args.first, args.after, ctx.settings.maxPageSize);
    const ofPermissions = (permissions: readonly PermissionRecord[]) => {
      const ids = [
        ...new Set(
          permissions
            .filter((p) => p.projectId !== null && p.level !== PermissionLevel.NONE)
            .map((p) => p.projectId as string),
        ),
      ];
      const loaded = session.peekProjects(ids);
      return loaded
        ? page(loaded)
        : session.loadProjects(ids).then((projects) => page(presentOrThrow(projects, isNotFound)));
    };
    const loader = session.permissionsOfUser;
    return loader ? whenLoaded(loader.loadNow(user.remoteId), ofPermissions) : ofPermissions([]);
  },
};

/** A user's fields beyond the record's own. */
@Resolver(() => User)
export class UserResolver extends NodeFields(User) {
  @FieldResolver(() => Boolean)
  archived(@Root() user: UserRecord): boolean {
    return user.archived ?? false;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      "The user's picture, served by Rollcall with the source's credentials: a short-lived signed link (for <img src>) relative to the GraphQL endpoint's origin.",
  })
  avatarUrl(@Root() user: UserRecord, @Ctx() ctx: RequestContext): string | null {
    return sessionOf(ctx, user).connector.avatar
      ? ctx.links.avatar(toGlobalId(user.sourceId, "User", user.remoteId))
      : null;
  }

  @FieldResolver(() => TeamConnection, {
    nullable: true,
    description: "Empty where the vendor has no teams.",
  })
  teams(
    @Root() user: UserRecord,
    @Args() args: RelationArgs,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return userRelations.teams(user, args, ctx, info);
  }

  @FieldResolver(() => GroupConnection, {
    nullable: true,
    description: "Empty where the vendor has no groups.",
  })
  groups(
    @Root() user: UserRecord,
    @Args() args: RelationArgs,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return userRelations.groups(user, args, ctx, info);
  }

  @FieldResolver(() => [Permission], {
    nullable: true,
    description: "Every role the user holds, global ones first.",
  })
  permissions(
    @Root() user: UserRecord,
    @Ctx() ctx: RequestContext,
  ): PermissionRecord[] | Promise<PermissionRecord[]> {
    return sessionOf(ctx, user).permissionsOfUser?.loadNow(user.remoteId) ?? [];
  }

  @FieldResolver(() => ProjectConnection, {
    nullable: true,
    description: "Projects where the user holds a role above NONE (derived from permissions).",
  })
  projects(@Root() user: UserRecord, @Args() args: RelationArgs, @Ctx() ctx: RequestContext) {
    return userRelations.projects(user, args, ctx);
  }
}
