import type { EntityReader } from "../vendors/connector.js";
import { encodeCursor, type ListPosition } from "./cursor.js";
import type { RequestContext, ResponsePath } from "./request-context.js";
import type { SourceSession } from "./source-session.js";

export interface Edge<T> {
  readonly node: T;
  readonly cursor: string;
  readonly sourceId: string;
}

export interface CrossSourcePage<T> {
  readonly edges: Edge<T>[];
  readonly hasNextPage: boolean;
  readonly hasPreviousPage: boolean;
  /** The sources whose list failed (each also reported on the context): their items are missing. */
  readonly failures: ReadonlyArray<{ readonly sourceId: string; readonly error: unknown }>;
  /** Resolved only when a client asks: totals of sources this page never touched cost a call. */
  totalCount(): Promise<number | null>;
  /**
   * The edge's node once the relations started for its source (`onIncluded`) have settled, the
   * promise of it until then: each source's items can be answered as soon as its own relations are
   * in, not when the slowest source's are.
   */
  settledNode(edge: Edge<T>): T | Promise<T>;
}

export interface CrossSourceQuery<T, F> {
  readonly sessions: readonly SourceSession[];
  readonly reader: (session: SourceSession) => EntityReader<T, F> | undefined;
  readonly filter: F;
  readonly matches: (item: T, filter: F) => boolean;
  readonly first: number;
  readonly after: ListPosition | null;
  /** Where failures are reported, so one source down never fails the others' data. */
  readonly context: RequestContext;
  readonly path: ResponsePath;
  /** When the filter may not push down, read at least this many positions per call: a vendor
   *  that can't search is then scanned in big pages rather than `first`-sized ones. */
  readonly scanWindow?: number;
  /** Records to hand the session's loaders (a listed user is then loaded for free). */
  readonly prime?: (session: SourceSession, items: readonly T[]) => void;
  /** Called once per source with the items this page will return from it, as soon as that is
   *  certain (its slice and every earlier source's are in): time to start their relations. Until
   *  they settle, `settledNode` hands out promises, so a source's items are walked once
   *  their data is loaded — in one synchronous pass, far cheaper in graphql-js than a promise per
   *  field — while slower sources are still answering. */
  readonly onIncluded?: (session: SourceSession, items: readonly T[]) => Promise<void> | undefined;
  /** Positions `totalCount` may read from a source that reports no total, to count them (0: none). */
  readonly countScanLimit?: number;
  /** Called per source before its list call, to start calls that don't depend on the list. */
  readonly beforeList?: (session: SourceSession) => void;
  /** `first` caps each source rather than the whole page (a lookup wants every source's matches),
   *  so each source's items are final the moment its slice is in. */
  readonly perSource?: boolean;
}

interface SourceSlice<T> {
  readonly session: SourceSession;
  readonly edges: Edge<T>[];
  /** More matches may exist past what was collected. */
  readonly more: boolean;
  /** Count of matches in the whole source, when known exactly. */
  readonly total: number | null;
}

/**
 * One page of a list that spans sources in config order. Every source that can contribute is
 * asked at once (concurrently), for at most `first` matches from its resume position; the
 * slices are concatenated and cut to `first`. A failing source is reported and skipped.
 */
export async function listAcrossSources<T, F>(query: CrossSourceQuery<T, F>): Promise<CrossSourcePage<T>> {
  const { sessions, after, first } = query;
  const startIndex = after ? sessions.findIndex((s) => s.sourceId === after.sourceId) : 0;
  const active = startIndex < 0 ? [] : sessions.slice(startIndex);
  const failures: Array<{ sourceId: string; error: unknown }> = [];
  const pending = active.map((session) => {
    const from = after && session.sourceId === after.sourceId ? after.position + 1 : 0;
    query.beforeList?.(session);
    return collect(query, session, from).catch((error: unknown) => {
      query.context.reportSourceError(error, query.path, session.sourceId);
      failures.push({ sourceId: session.sourceId, error });
      return null;
    });
  });
  const warming = new Map<string, Promise<void>>();
  let announced: Promise<unknown> = Promise.resolve();
  if (query.onIncluded) {
    const onIncluded = query.onIncluded;
    const include = (session: SourceSession, items: readonly T[]) => {
      const started = onIncluded(session, items);
      if (!started) return;
      const settled = started.then(noop, noop);
      warming.set(session.sourceId, settled);
      void settled.then(() => warming.delete(session.sourceId));
    };
    announced = query.perSource
      ? Promise.all(
          pending.map((next) =>
            next.then((slice) => {
              if (slice)
                include(
                  slice.session,
                  slice.edges.map((e) => e.node),
                );
            }),
          ),
        )
      : announceIncluded(pending, first, include);
  }
  const slices = await Promise.all(pending);
  await announced;
  // Let the relation calls just started go out (and answers already in be read) before the
  // caller walks the sources whose data is in: I/O first, CPU after. With one vendor slower than
  // the rest, its calls otherwise waited for the others' users to be executed (bench/README.md).
  if (warming.size > 0) await new Promise((resolve) => setImmediate(resolve));
  const present = slices.filter((s): s is SourceSlice<T> => s !== null);
  const all = present.flatMap((s) => s.edges);
  const edges = query.perSource ? all : all.slice(0, first);
  const hasNextPage = (!query.perSource && all.length > first) || present.some((s) => s.more);
  const known = new Map(present.filter((s) => s.total !== null).map((s) => [s.session.sourceId, s.total]));

  return {
    edges,
    hasNextPage,
    hasPreviousPage: after !== null,
    failures,
    settledNode: (edge) => {
      const loading = warming.get(edge.sourceId);
      return loading ? loading.then(() => edge.node) : edge.node;
    },
    totalCount: async () => {
      const totals = await Promise.all(
        sessions.map((session) =>
          known.has(session.sourceId) ? (known.get(session.sourceId) ?? null) : countSource(query, session),
        ),
      );
      return totals.some((t) => t === null) ? null : totals.reduce<number>((n, t) => n + (t ?? 0), 0);
    },
  };
}

const noop = () => {};

/**
 * Walks the slices in source order as they arrive: a source's share of the page is known once
 * every earlier source's slice is in, so its relations can start while later (slower) sources
 * are still listing — the page never waits for its slowest source before loading relations.
 * Settles once every included source has been announced.
 */
async function announceIncluded<T>(
  pending: ReadonlyArray<Promise<SourceSlice<T> | null>>,
  first: number,
  include: (session: SourceSession, items: readonly T[]) => void,
): Promise<void> {
  let taken = 0;
  for (const next of pending) {
    const slice = await next;
    if (!slice) continue;
    const share = slice.edges.slice(0, Math.max(0, first - taken));
    taken += share.length;
    if (share.length > 0)
      include(
        slice.session,
        share.map((e) => e.node),
      );
    if (taken >= first) break;
  }
}

async function collect<T, F>(
  query: CrossSourceQuery<T, F>,
  session: SourceSession,
  from: number,
): Promise<SourceSlice<T>> {
  const reader = query.reader(session);
  if (!reader) return { session, edges: [], more: false, total: 0 };
  // `first: 0` asks for counts only: totalCount() fetches them if selected.
  if (query.first === 0) return { session, edges: [], more: true, total: null };
  const edges: Edge<T>[] = [];
  let offset = from;
  let total: number | null = null;
  let more = true;
  while (edges.length < query.first && more) {
    const remaining = query.first - edges.length;
    const limit = Math.max(remaining, query.scanWindow ?? 0);
    const page = await reader.list({ filter: query.filter, offset, limit }, session);
    query.prime?.(session, page.items);
    let examined = 0;
    for (const item of page.items) {
      if (edges.length >= query.first) break;
      if (page.exact || query.matches(item, query.filter))
        edges.push({
          node: item,
          cursor: encodeCursor(session.sourceId, offset + examined),
          sourceId: session.sourceId,
        });
      examined += 1;
    }
    if (page.exact) total = page.total;
    offset += page.items.length;
    // Items left unexamined after the cut, or positions past this window, may hold more matches.
    more = examined < page.items.length || (page.hasMore && page.items.length > 0);
    // A source read from its start to its end tells its exact match count, the matches past the
    // cut included: totalCount then costs no call of its own.
    if (total === null && from === 0 && !page.hasMore) {
      total = edges.length + countMatches(query, page.items.slice(examined), page.exact);
    }
  }
  return { session, edges, more, total };
}

/** Matches among listed items: all of them when the vendor applied the whole filter (`exact`). */
const countMatches = <T, F>(query: CrossSourceQuery<T, F>, items: readonly T[], exact: boolean) =>
  exact ? items.length : items.filter((i) => query.matches(i, query.filter)).length;

/**
 * The exact match count of one source: the vendor's total when it reports one for the filter;
 * otherwise its list read in its largest pages, up to `countScanLimit` positions, and counted
 * (some vendors report no totals; several cannot apply every filter). Null past that limit.
 */
async function countSource<T, F>(
  query: CrossSourceQuery<T, F>,
  session: SourceSession,
): Promise<number | null> {
  const reader = query.reader(session);
  if (!reader) return 0;
  const { filter } = query;
  const scanLimit = query.countScanLimit ?? 0;
  try {
    return await session.once(`count:${JSON.stringify(filter)}`, async () => {
      const head = await reader.list({ filter, offset: 0, limit: 1 }, session);
      if (head.exact && head.total !== null) return head.total;
      if (!head.hasMore) return countMatches(query, head.items, head.exact);
      if (scanLimit === 0) return null;
      const all = await reader.list({ filter, offset: 0, limit: scanLimit }, session);
      if (all.hasMore) return null;
      return countMatches(query, all.items, all.exact);
    });
  } catch (error) {
    query.context.reportSourceError(error, query.path, session.sourceId);
    return null;
  }
}
