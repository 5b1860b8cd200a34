import { Args, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
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
import { presentOrThrow, sessionOf } from "../common/context.js";
import { RelationArgs } from "../common/list.args.js";
import { NodeFields } from "../common/node-fields.resolver.js";
import { relationConnection } from "../common/relation-page.js";
import { GroupConnection } from "../group/group.type.js";
import { Permission } from "../permission/permission.type.js";
import { ProjectConnection } from "../project/project.type.js";
import { TeamConnection } from "../team/team.type.js";
import { User } from "./user.type.js";

type Page<T> = ConnectionShape<T> | Promise<ConnectionShape<T>>;

/**
 * A user's paged relations. Each goes through the request's loaders for the user's source, and
 * answers with a plain value when the loader already has it (a listed page warms them all first).
 * build-schema.ts also calls these directly (see there why).
 */
function relationOf<T>(
  loader: SettledLoader<T[]> | undefined,
  user: UserRecord,
  args: RelationArgs,
  maxPageSize: number,
): Page<T> {
  const page = (items: T[]) => relationConnection(items, args.first, args.after, maxPageSize);
  return loader ? whenLoaded(loader.loadNow(user.remoteId), page) : page([]);
}

export const userRelations = {
  teams: (user: UserRecord, args: RelationArgs, ctx: RequestContext): Page<TeamRecord> =>
    relationOf(sessionOf(ctx, user).teamsOfUser, user, args, ctx.settings.maxPageSize),

  groups: (user: UserRecord, args: RelationArgs, ctx: RequestContext): Page<GroupRecord> =>
    relationOf(sessionOf(ctx, user).groupsOfUser, user, args, ctx.settings.maxPageSize),

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
    description: "Served by Rollcall with the source's credentials.",
  })
  avatarUrl(@Root() user: UserRecord, @Ctx() ctx: RequestContext): string | null {
    return sessionOf(ctx, user).connector.avatar
      ? `/avatars/${encodeURIComponent(`${user.sourceId}:User:${user.remoteId}`)}`
      : null;
  }

  @FieldResolver(() => TeamConnection, {
    nullable: true,
    description: "Empty where the vendor has no teams.",
  })
  teams(@Root() user: UserRecord, @Args() args: RelationArgs, @Ctx() ctx: RequestContext) {
    return userRelations.teams(user, args, ctx);
  }

  @FieldResolver(() => GroupConnection, {
    nullable: true,
    description: "Empty where the vendor has no groups.",
  })
  groups(@Root() user: UserRecord, @Args() args: RelationArgs, @Ctx() ctx: RequestContext) {
    return userRelations.groups(user, args, ctx);
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
