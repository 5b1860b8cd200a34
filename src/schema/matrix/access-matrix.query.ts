import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import {
  checkMatrixSources,
  type MatrixFilter,
  type MatrixPerson,
  matrixPage,
  matrixScope,
} from "../../history/matrix/people-matrix.js";
import { RequestContext } from "../../loaders/request-context.js";
import { InputError } from "../../model/errors.js";
import { highestOf } from "../../people/levels.js";
import { personGlobalId, toGlobalId } from "../common/global-id.js";
import { checkFirst } from "../review/review-cursor.js";
import { Snapshot } from "../snapshot/snapshot.type.js";
import { snapshotViews } from "../snapshot/snapshot-view.js";
import { sourceView } from "../source/source-view.js";
import { AccessMatrix, AccessMatrixFilter, type AccessMatrixPerson } from "./access-matrix.type.js";
import { decodeMatrixCursor, encodeMatrixCursor } from "./matrix-cursor.js";

function personView(p: MatrixPerson): AccessMatrixPerson {
  return {
    id: personGlobalId(p.personKey),
    displayName: p.displayName,
    email: p.email,
    highestLevel: highestOf(p.cells.flatMap((c) => (c.highestLevel ? [c.highestLevel] : []))),
    cells: p.cells.map((c) => ({ ...c })),
    accounts: p.accounts.map((a) => ({ ...a, id: toGlobalId(a.sourceId, "User", a.remoteId) })),
  };
}

function filterOf(input: AccessMatrixFilter | null | undefined): MatrixFilter {
  if (!input) return {};
  const search = input.search?.trim();
  if (search === "") throw new InputError("`filter.search` must not be empty", "filter.search");
  return {
    ...(search ? { search } : {}),
    ...(input.sources ? { sources: input.sources } : {}),
    ...(input.highestLevel ? { atLeast: input.highestLevel } : {}),
  };
}

@Resolver(() => AccessMatrix)
export class AccessMatrixQuery {
  @Query(() => AccessMatrix, {
    nullable: true,
    description:
      'Everyone × every source as of one finished snapshot (default: the newest COMPLETE or PARTIAL one), from Rollcall\'s store: no vendor call, a page of people by key. `asOf` says when; a source missing from the snapshot is NOT_READ in every row, never "no account". Null only when `snapshot` is not given and no snapshot has finished with a source read: take one (takeSnapshot). `people` reads the same live.',
  })
  async accessMatrix(
    @Ctx() ctx: RequestContext,
    @Arg("snapshot", () => ID, { nullable: true, description: "A finished snapshot's id." })
    snapshot?: string | null,
    @Arg("filter", () => AccessMatrixFilter, { nullable: true }) filterInput?: AccessMatrixFilter | null,
    @Arg("first", () => Int, {
      defaultValue: 50,
      description: "How many people (0 for counts only; at most the server's maxPageSize).",
    })
    first = 50,
    @Arg("after", () => String, {
      nullable: true,
      description: "The `cursor` of the last person already seen.",
    })
    after?: string | null,
  ): Promise<AccessMatrix | null> {
    checkFirst(first, ctx.settings.maxPageSize);
    const afterKey = decodeMatrixCursor(after);
    const filter = filterOf(filterInput);
    const scope = await matrixScope(ctx.gateway.store, snapshot);
    if (!scope) return null;
    if (filter.sources) checkMatrixSources(scope, filter.sources, "filter.sources");
    const page = await matrixPage(ctx.gateway.store.review, scope, filter, { after: afterKey, limit: first });
    const nodes = page.people.map(personView);
    const edges = page.people.map((p, i) => ({
      node: nodes[i] as AccessMatrixPerson,
      cursor: encodeMatrixCursor(p.personKey),
    }));
    const incomplete = new Set(scope.incompleteSources);
    return {
      record: scope.snapshot,
      // A finished snapshot has its finish time; one left RUNNING by a crash and marked FAILED may not.
      asOf: scope.snapshot.finishedAt ?? scope.snapshot.startedAt,
      sources: scope.snapshot.sources.map((part) => {
        const connector = ctx.gateway.connector(part.sourceId);
        return {
          sourceId: part.sourceId,
          source: connector ? sourceView(connector) : null,
          status: part.status,
        };
      }),
      incompleteSources: scope.snapshot.sources
        .filter((p) => incomplete.has(p.sourceId))
        .map((p) => p.sourceId),
      totalCount: page.totalCount,
      edges,
      nodes,
      pageInfo: {
        hasNextPage: page.hasNextPage,
        hasPreviousPage: afterKey !== null,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges.at(-1)?.cursor ?? null,
      },
    };
  }

  @FieldResolver(() => Snapshot, { description: "The snapshot read, with each source's part." })
  async snapshot(@Root() matrix: AccessMatrix, @Ctx() ctx: RequestContext): Promise<Snapshot> {
    const [view] = await snapshotViews(ctx, [matrix.record]);
    return view as Snapshot;
  }
}
