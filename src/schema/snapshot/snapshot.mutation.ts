import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { SnapshotTrigger } from "../../history/snapshot.js";
import { startSnapshot } from "../../history/take-snapshot.js";
import { RequestContext } from "../../loaders/request-context.js";
import { Snapshot, TakeSnapshotInput } from "./snapshot.type.js";
import { snapshotViews } from "./snapshot-view.js";

@Resolver()
export class SnapshotMutation {
  @Mutation(() => Snapshot, {
    description:
      "Take a snapshot of every (or the chosen) source: answers at once, RUNNING, while the sources are read in the background; follow it with `snapshot(id:)`. One snapshot runs at a time per store: while one runs (taken by any replica sharing the store, the CLI or the schedule, or asked for at the same instant), answers that one, whichever sources were asked for. An unknown source is BAD_USER_INPUT on `input.sources`.",
  })
  async takeSnapshot(
    @Arg("input", () => TakeSnapshotInput, { nullable: true }) input: TakeSnapshotInput | null,
    @Ctx() ctx: RequestContext,
  ): Promise<Snapshot> {
    const { snapshot } = await startSnapshot(ctx.gateway, ctx.gateway.store, {
      trigger: SnapshotTrigger.MANUAL,
      // Mutations always have a caller (the access guard sees to it).
      takenBy: ctx.caller?.id ?? "anonymous",
      sourceIds: input?.sources ?? null,
      sourcesField: "input.sources",
      onTrouble: ctx.gateway.snapshotTrouble,
    });
    const [view] = await snapshotViews(ctx, [snapshot]);
    return view as Snapshot;
  }
}
