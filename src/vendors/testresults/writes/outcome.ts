import { ConflictError, ErrorCode, isNotFound, NotFoundError, SourceError } from "../../../model/errors.js";
import type { WriteContext } from "./context.js";

const UNKNOWN_OUTCOME: readonly ErrorCode[] = [
  ErrorCode.SOURCE_UNAVAILABLE,
  ErrorCode.SOURCE_TIMEOUT,
  ErrorCode.SOURCE_BAD_RESPONSE,
];

/** A write that failed this way may still have been applied (the vendor took it, its answer was
 *  lost): only a read can tell, never a resend. */
export function outcomeUnknown(error: unknown): boolean {
  return error instanceof SourceError && UNKNOWN_OUTCOME.includes(error.code);
}

/**
 * After a failed write: when its outcome is unknown, `lookUp` reads whether it happened and
 * answers the object as it now stands; otherwise (or when the read fails or finds nothing) the
 * write's own error stands.
 */
export async function settle<T>(error: unknown, lookUp: () => Promise<T | null>): Promise<T> {
  if (outcomeUnknown(error)) {
    const found = await lookUp().catch(() => null);
    if (found !== null) return found;
  }
  throw error;
}

/**
 * The vendor's 409 is its stale `DataVersion` answer [I: the doc page shows no error]; a 404 is an
 * id that is gone. Anything else stays the HTTP client's SourceError.
 */
export function vendorRefusal(
  ctx: WriteContext,
  error: unknown,
  what: "User" | "Group",
  id: string,
  versionField = "input.version",
): unknown {
  if (error instanceof SourceError && error.httpStatus === 409)
    return new ConflictError(
      ctx.sourceId,
      ctx.vendor,
      `${what} ${id} was changed in source "${ctx.sourceId}" after the version given was read` +
        `${error.vendorMessage ? ` (${error.vendorMessage})` : ""}; read it again and retry`,
      versionField,
    );
  if (isNotFound(error)) return new NotFoundError(ctx.sourceId, ctx.vendor, what, id);
  return error;
}
