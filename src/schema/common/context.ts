import type { GraphQLResolveInfo } from "graphql";
import { responsePathAsArray } from "graphql";
import type { RequestContext, ResponsePath } from "../../loaders/request-context.js";
import type { SourceSession } from "../../loaders/source-session.js";

export type { RequestContext };

export function pathOf(info: GraphQLResolveInfo): ResponsePath {
  return responsePathAsArray(info.path);
}

/** The session of the source a record came from. */
export function sessionOf(ctx: RequestContext, record: { sourceId: string }): SourceSession {
  return ctx.session(record.sourceId);
}

/** Values of a batch load, dropping misses (NOT_FOUND) but surfacing source failures. */
export function presentOrThrow<T>(results: ReadonlyArray<T | Error>, isMiss: (e: Error) => boolean): T[] {
  const out: T[] = [];
  for (const r of results) {
    if (!(r instanceof Error)) out.push(r);
    else if (!isMiss(r)) throw r;
  }
  return out;
}
