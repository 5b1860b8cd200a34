import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { RequestContext } from "../../loaders/request-context.js";
import { isNotFound } from "../../model/errors.js";
import type { ProjectRecord, UserRecord } from "../../model/records.js";
import { fromGlobalId } from "../common/global-id.js";
import { Project } from "../project/project.type.js";
import { User } from "../user/user.type.js";
import { AccessResult } from "./payload.types.js";
import { MutationStatus } from "./result.types.js";

async function load<T>(
  ctx: RequestContext,
  result: AccessResult,
  id: string,
  pick: "users" | "projects",
): Promise<T | null> {
  // A failed result names what it was about by id; reading it back would cost calls for nothing.
  if (result.status === MutationStatus.FAILED) return null;
  const gid = fromGlobalId(id);
  if (!gid) return null;
  const loader = ctx.session(gid.sourceId)[pick];
  return loader
    ? ((await loader
        .load(gid.remoteId)
        .catch((e: unknown) => (isNotFound(e) ? null : Promise.reject(e)))) as T | null)
    : null;
}

/** The user and project of an access result, read (after the write) only when selected. */
@Resolver(() => AccessResult)
export class AccessResultResolver {
  @FieldResolver(() => User, { nullable: true })
  user(@Root() result: AccessResult, @Ctx() ctx: RequestContext): Promise<UserRecord | null> {
    return load(ctx, result, result.userId, "users");
  }

  @FieldResolver(() => Project, { nullable: true })
  project(@Root() result: AccessResult, @Ctx() ctx: RequestContext): Promise<ProjectRecord | null> {
    return load(ctx, result, result.projectId, "projects");
  }
}
