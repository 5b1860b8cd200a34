import { ErrorCode, isNotFound, SourceError } from "../../model/errors.js";
import { badResponse } from "../http/http-errors.js";

/**
 * What a failed write tells about what the vendor did. The one classification every writer uses:
 * - `unknown`: no readable answer came back (a timeout, a reset or dropped connection, a 5xx, a
 *   2xx Rollcall could not read). The vendor may have applied the write: only a read can tell,
 *   never sending it again.
 * - `refused`: the vendor answered that it would not (a 4xx other than the ones below). Nothing was
 *   applied; its words may name the field it refused.
 * - `failed`: any other answer that applied nothing — credentials refused, forbidden, no such
 *   object or route, rate limited — or a failure that was never sent.
 */
export type WriteFailure = "unknown" | "refused" | "failed";

const UNKNOWN: ReadonlySet<ErrorCode> = new Set([
  ErrorCode.SOURCE_UNAVAILABLE,
  ErrorCode.SOURCE_TIMEOUT,
  ErrorCode.SOURCE_BAD_RESPONSE,
]);

export function classifyWriteFailure(error: unknown): WriteFailure {
  if (!(error instanceof SourceError)) return "failed";
  if (UNKNOWN.has(error.code)) return "unknown";
  if (error.code === ErrorCode.SOURCE_REJECTED) return "refused";
  return "failed";
}

/** A failed write the vendor may have applied anyway: settle it by reading, never by resending. */
export function outcomeUnknown(error: unknown): error is SourceError {
  return classifyWriteFailure(error) === "unknown";
}

/** The vendor's refusal of a write (nothing applied; its words may name a field). */
export function isRefusal(error: unknown): error is SourceError {
  return classifyWriteFailure(error) === "refused";
}

/** A 404 from a write on one object is that object's NOT_FOUND; any other failure is unchanged. */
export function asNotFound(error: unknown, missing: () => Error): unknown {
  return isNotFound(error) ? missing() : error;
}

/** The failure of a write the vendor answered without doing what it was asked (its answer, or the
 *  read after it, does not show the change). */
export function notApplied(source: { sourceId: string; vendor: string }, what: string): SourceError {
  return badResponse(source, what);
}
