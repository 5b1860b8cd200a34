import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { RequestContext } from "../../loaders/request-context.js";
import { isNotFound } from "../../model/errors.js";
import type {
  GroupRecord,
  PermissionRecord,
  ProjectRecord,
  TeamRecord,
  UserRecord,
} from "../../model/records.js";
import { sessionOf } from "../common/context.js";
import { Node } from "../common/node.interface.js";
import { NodeFields } from "../common/node-fields.resolver.js";
import { Project } from "../project/project.type.js";
import { User } from "../user/user.type.js";
import { Permission } from "./permission.type.js";

const nullIfMissing = <T>(load: Promise<T>): Promise<T | null> =>
  load.catch((error: unknown) => {
    if (isNotFound(error)) return null;
    throw error;
  });

@Resolver(() => Permission)
export class PermissionResolver extends NodeFields(Permission) {
  @FieldResolver(() => User, { nullable: true })
  user(@Root() permission: PermissionRecord, @Ctx() ctx: RequestContext): Promise<UserRecord | null> {
    return nullIfMissing(sessionOf(ctx, permission).users.load(permission.userId));
  }

  // Not `async`: most permissions carry their project or none, and a plain value spares graphql-js
  // a promise per permission (hundreds in a directory operation).
  @FieldResolver(() => Project, { nullable: true, description: "Null for an instance-wide (global) role." })
  project(
    @Root() permission: PermissionRecord,
    @Ctx() ctx: RequestContext,
  ): ProjectRecord | null | Promise<ProjectRecord | null> {
    if (permission.projectId === null) return null;
    if (permission.project) return permission.project;
    const loader = sessionOf(ctx, permission).projects;
    if (!loader) return null;
    const project = loader.loadNow(permission.projectId);
    return project instanceof Promise ? nullIfMissing(project) : project;
  }

  @FieldResolver(() => Node, {
    nullable: true,
    description: "The group or team the role comes through, if not held directly.",
  })
  via(
    @Root() permission: PermissionRecord,
    @Ctx() ctx: RequestContext,
  ): GroupRecord | TeamRecord | null | Promise<GroupRecord | TeamRecord | null> {
    const via = permission.via;
    if (!via) return null;
    const session = sessionOf(ctx, permission);
    const loader = via.type === "Group" ? session.groups : session.teams;
    return loader ? nullIfMissing<GroupRecord | TeamRecord>(loader.load(via.remoteId)) : null;
  }
}
