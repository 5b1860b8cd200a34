import { Arg, Ctx, ID, Int, Query, Resolver } from "type-graphql";
import { changesPage, comparisonOf } from "../../history/changes/access-changes.js";
import { SnapshotTrigger } from "../../history/snapshot.js";
import { takeSnapshot } from "../../history/take-snapshot.js";
import { RequestContext } from "../../loaders/request-context.js";
import { AccessChangeConnection } from "./access-change.type.js";
import { AccessChangeFilter } from "./access-change-filter.input.js";
import { changeView } from "./change-view.js";
import { checkFirst, decodeReviewCursor, reviewPage } from "./review-cursor.js";
import { personKeyOfFilter } from "./review-person.js";

@Resolver()
export class AccessChangesQuery {
  @Query(() => AccessChangeConnection, {
    description:
      "What changed between two snapshots (`Query.snapshots`), or between one and now: accounts created, removed, activated, deactivated; permissions gained, lost, changed; group and team memberships — each with the Rollcall audit event that made it, or marked as made outside Rollcall. Without `to`, a snapshot is taken first (trigger COMPARISON) and compared; the answer waits for it.",
  })
  async accessChanges(
    @Ctx() ctx: RequestContext,
    @Arg("from", () => ID, { description: "The older snapshot's id." }) from: string,
    @Arg("to", () => ID, { nullable: true, description: "The newer snapshot's id; omitted: now." })
    to?: string | null,
    @Arg("filter", () => AccessChangeFilter, { nullable: true }) filter?: AccessChangeFilter | null,
    @Arg("first", () => Int, { defaultValue: 50 }) first = 50,
    @Arg("after", () => String, { nullable: true }) after?: string | null,
  ): Promise<AccessChangeConnection> {
    checkFirst(first, ctx.settings.maxPageSize);
    const offset = decodeReviewCursor("changes", after);
    const store = ctx.gateway.store;
    const request = {
      from,
      to: to ?? "",
      sourceIds: filter?.sources ?? undefined,
      kinds: filter?.kinds ?? undefined,
      personKey: personKeyOfFilter(filter?.person, "filter.person"),
      origin: filter?.origin ?? undefined,
    };
    // `from` is checked before a snapshot is taken for `to`.
    await comparisonOf(store, { from, to: from });
    if (to == null) {
      const now = await takeSnapshot(ctx.gateway, store, {
        trigger: SnapshotTrigger.COMPARISON,
        takenBy: ctx.caller?.id ?? "anonymous",
        sourceIds: filter?.sources ?? null,
        sourcesField: "filter.sources",
      });
      request.to = now.id;
    }
    const comparison = await comparisonOf(store, request);
    const page = await changesPage(store.review, comparison, request, { offset, limit: first });
    return {
      ...reviewPage("changes", page.changes.map(changeView), {
        offset,
        hasNextPage: page.hasNextPage,
        totalCount: page.totalCount,
      }),
      from: comparison.from.id,
      to: comparison.to.id,
      comparedSources: [...comparison.compared],
      incompleteSources: [...comparison.incompleteSources],
    };
  }
}
