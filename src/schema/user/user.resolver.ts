import { Args, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { RequestContext } from "../../loaders/request-context.js";
import { isNotFound } from "../../model/errors.js";
import {
  PermissionLevel,
  type PermissionRecord,
  type ProjectRecord,
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

/** A user's relations. Each goes through the request's loaders for the user's source. */
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
  async teams(@Root() user: UserRecord, @Args() args: RelationArgs, @Ctx() ctx: RequestContext) {
    const loader = sessionOf(ctx, user).teamsOfUser;
    return relationConnection(loader ? await loader.load(user.remoteId) : [], args.first, args.after);
  }

  @FieldResolver(() => GroupConnection, {
    nullable: true,
    description: "Empty where the vendor has no groups.",
  })
  async groups(@Root() user: UserRecord, @Args() args: RelationArgs, @Ctx() ctx: RequestContext) {
    const loader = sessionOf(ctx, user).groupsOfUser;
    return relationConnection(loader ? await loader.load(user.remoteId) : [], args.first, args.after);
  }

  @FieldResolver(() => [Permission], {
    nullable: true,
    description: "Every role the user holds, global ones first.",
  })
  permissions(
    @Root() user: UserRecord,
    @Ctx() ctx: RequestContext,
  ): PermissionRecord[] | Promise<PermissionRecord[]> {
    const loader = sessionOf(ctx, user).permissionsOfUser;
    return loader ? loader.load(user.remoteId) : [];
  }

  @FieldResolver(() => ProjectConnection, {
    nullable: true,
    description: "Projects where the user holds a role above NONE (derived from permissions).",
  })
  async projects(
    @Root() user: UserRecord,
    @Args() args: RelationArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<ConnectionShape<ProjectRecord>> {
    const session = sessionOf(ctx, user);
    const permissions = session.permissionsOfUser ? await session.permissionsOfUser.load(user.remoteId) : [];
    const ids = [
      ...new Set(
        permissions
          .filter((p) => p.projectId !== null && p.level !== PermissionLevel.NONE)
          .map((p) => p.projectId as string),
      ),
    ];
    const projects = presentOrThrow(await session.loadProjects(ids), isNotFound);
    return relationConnection(projects, args.first, args.after);
  }
}
