import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import { RequestContext } from "../../loaders/request-context.js";
import { InputError, isNotFound } from "../../model/errors.js";
import { type AnyRecord, parsePermissionRemoteId } from "../../model/records.js";
import { fromGlobalId } from "../common/global-id.js";
import { Node } from "../common/node.interface.js";

async function resolveNode(ctx: RequestContext, id: string, argument: string): Promise<AnyRecord | null> {
  const gid = fromGlobalId(id);
  if (!gid)
    throw new InputError(`"${id}" is not a Rollcall global ID (<source>:<Type>:<vendor id>)`, argument);
  if (!ctx.gateway.connector(gid.sourceId)) return null;
  const session = ctx.session(gid.sourceId, argument);
  try {
    switch (gid.type) {
      case "User":
        return await session.users.load(gid.remoteId);
      case "Team":
        return (await session.teams?.load(gid.remoteId)) ?? null;
      case "Project":
        return (await session.projects?.load(gid.remoteId)) ?? null;
      case "Group":
        return (await session.groups?.load(gid.remoteId)) ?? null;
      case "Permission": {
        const parts = parsePermissionRemoteId(gid.remoteId);
        if (!parts || !session.permissionsOfUser) return null;
        const held = await session.permissionsOfUser.load(parts.userId);
        return held.find((p) => p.remoteId === gid.remoteId) ?? null;
      }
    }
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

@Resolver()
export class NodeQuery {
  @Query(() => Node, {
    nullable: true,
    description: "Any object by its global ID; null when it no longer exists.",
  })
  node(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<AnyRecord | null> {
    return resolveNode(ctx, id, "id");
  }

  @Query(() => [Node], {
    nullable: "items",
    description:
      "Several objects at once, batched per source; each missing one is null, each failed one null with an error.",
  })
  nodes(@Arg("ids", () => [ID]) ids: string[], @Ctx() ctx: RequestContext): Array<Promise<AnyRecord | null>> {
    return ids.map((id, i) => resolveNode(ctx, id, `ids[${i}]`));
  }
}
