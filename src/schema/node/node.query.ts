import type { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, ID, Info, Query, Resolver } from "type-graphql";
import { isSnapshotId } from "../../history/snapshot-id.js";
import type { ResponsePath } from "../../loaders/request-context.js";
import { RequestContext } from "../../loaders/request-context.js";
import { InputError, isNotFound } from "../../model/errors.js";
import { type AnyRecord, parsePermissionRemoteId } from "../../model/records.js";
import { findPerson } from "../../people/find-person.js";
import type { JoinedPerson } from "../../people/join.js";
import { pathOf } from "../common/context.js";
import { fromGlobalId, personKeyFromId } from "../common/global-id.js";
import { Node } from "../common/node.interface.js";
import type { Snapshot } from "../snapshot/snapshot.type.js";
import { snapshotView } from "../snapshot/snapshot-view.js";

type NodeValue = AnyRecord | JoinedPerson | Snapshot;

/** An object by its global ID, through the sources' batching loaders (also federation's entity lookup). */
export async function resolveNode(
  ctx: RequestContext,
  id: string,
  argument: string,
  path: ResponsePath,
): Promise<NodeValue | null> {
  // A person lives in no source: looked up as `person(id:)` looks it up.
  const personKey = personKeyFromId(id);
  if (personKey !== null) return findPerson(ctx, { key: personKey }, { path });
  // Nor does a snapshot: Rollcall's store holds it, read as `snapshot(id:)` reads it.
  if (isSnapshotId(id)) return snapshotView(ctx, id);
  const gid = fromGlobalId(id);
  if (!gid)
    throw new InputError(
      `"${id}" is not a Rollcall global ID (<source>:<Type>:<vendor id>, Person:<key>, or a snapshot's snap_…)`,
      argument,
    );
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
  node(
    @Arg("id", () => ID) id: string,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<NodeValue | null> {
    return resolveNode(ctx, id, "id", pathOf(info));
  }

  @Query(() => [Node], {
    nullable: "items",
    description:
      "Several objects at once, batched per source; each missing one is null, each failed one null with an error.",
  })
  nodes(
    @Arg("ids", () => [ID]) ids: string[],
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Array<Promise<NodeValue | null>> {
    return ids.map((id, i) => resolveNode(ctx, id, `ids[${i}]`, [...pathOf(info), i]));
  }
}
