import type { GraphQLResolveInfo } from "graphql";
import { responsePathAsArray } from "graphql";
import type { RequestContext, ResponsePath } from "../../loaders/request-context.js";
import type { SourceSession } from "../../loaders/source-session.js";
import { ErrorCode, SourceError } from "../../model/errors.js";

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

/**
 * A relation the record's source cannot serve at all (UNSUPPORTED_BY_SOURCE, e.g. an instance
 * whose API lacks the route): the field is null and the reason is reported once per operation, not once
 * per record. Any other failure fails the field.
 */
export function nullWhereUnsupported(
  error: unknown,
  ctx: RequestContext,
  info: GraphQLResolveInfo | undefined,
): null {
  if (!(error instanceof SourceError) || error.code !== ErrorCode.UNSUPPORTED_BY_SOURCE) throw error;
  ctx.reportSourceError(error, info ? pathOf(info) : [], error.sourceId);
  return null;
}
