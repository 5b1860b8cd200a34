import { Arg, Ctx, ID, Int, Query, Resolver } from "type-graphql";
import { isSnapshotId } from "../../history/snapshot-id.js";
import { RequestContext } from "../../loaders/request-context.js";
import { InputError } from "../../model/errors.js";
import { Snapshot, SnapshotConnection } from "./snapshot.type.js";
import { snapshotView, snapshotViews } from "./snapshot-view.js";

@Resolver()
export class SnapshotQuery {
  @Query(() => SnapshotConnection, {
    description: "Snapshots taken, newest first (a RUNNING one too, with its progress).",
  })
  async snapshots(
    @Ctx() ctx: RequestContext,
    @Arg("first", () => Int, {
      defaultValue: 20,
      description: "How many (at most the server's maxPageSize).",
    })
    first = 20,
    @Arg("after", () => String, {
      nullable: true,
      description: "The `cursor` of the last snapshot already seen.",
    })
    after?: string | null,
  ): Promise<SnapshotConnection> {
    const { maxPageSize } = ctx.settings;
    if (!Number.isInteger(first) || first < 0 || first > maxPageSize)
      throw new InputError(`\`first\` must be between 0 and ${maxPageSize}`, "first");
    if (after != null && !isSnapshotId(after))
      throw new InputError("`after` must be a snapshot's cursor (its id)", "after");
    // One more than asked says whether there is a next page.
    const found = await ctx.gateway.store.history.listSnapshots({
      first: first + 1,
      after: after ?? undefined,
    });
    const nodes = await snapshotViews(ctx, found.slice(0, first));
    const edges = nodes.map((node) => ({ node, cursor: node.id }));
    return {
      edges,
      nodes,
      pageInfo: {
        hasNextPage: found.length > first,
        hasPreviousPage: after != null,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges.at(-1)?.cursor ?? null,
      },
    } as SnapshotConnection;
  }

  @Query(() => Snapshot, {
    nullable: true,
    description:
      "One snapshot with its status and each source's progress (while it runs too); null when there is none by that id.",
  })
  snapshot(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Snapshot | null> {
    return snapshotView(ctx, id);
  }
}
