import type { GraphQLResolveInfo } from "graphql";
import { decodeCursor } from "../../loaders/cursor.js";
import { listAcrossSources } from "../../loaders/list-across-sources.js";
import type { RequestContext } from "../../loaders/request-context.js";
import type { SourceSession } from "../../loaders/source-session.js";
import { InputError } from "../../model/errors.js";
import type { AnyRecord } from "../../model/records.js";
import type { EntityReader } from "../../vendors/connector.js";
import { type ConnectionShape, toConnection } from "./connection.js";
import { pathOf } from "./context.js";
import { checkFirst } from "./inputs.js";
import type { ListArgs } from "./list.args.js";

/** The top-level list queries (users, teams, projects, groups): args checked, sources listed, records primed. */
export async function listQuery<T extends AnyRecord, F>(options: {
  ctx: RequestContext;
  info: GraphQLResolveInfo;
  args: ListArgs;
  filter: F;
  reader: (session: SourceSession) => EntityReader<T, F> | undefined;
  matches: (item: T, filter: F) => boolean;
  scanWindow?: number;
  /** Start these hooks per source (see listAcrossSources): prefetch and relation warm-up. */
  beforeList?: (session: SourceSession) => void;
  onIncluded?: (session: SourceSession, items: readonly T[]) => Promise<void> | undefined;
}): Promise<ConnectionShape<T>> {
  const { ctx, args } = options;
  const first = checkFirst(args.first, ctx.settings.maxPageSize);
  const sessions = ctx.selectSessions(args.sources);
  const after = args.after ? decodeCursor(args.after) : null;
  if (after && !sessions.some((s) => s.sourceId === after.sourceId))
    throw new InputError("`after` belongs to a source this query does not list", "after");
  const page = await listAcrossSources({
    sessions,
    reader: options.reader,
    filter: options.filter,
    matches: options.matches,
    first,
    after,
    context: ctx,
    path: pathOf(options.info),
    scanWindow: options.scanWindow,
    countScanLimit: ctx.settings.countScanLimit,
    beforeList: options.beforeList,
    onIncluded: options.onIncluded,
    prime: (s, items) => s.prime(items.filter((i) => i.kind !== "Permission") as never),
  });
  return toConnection(page);
}
