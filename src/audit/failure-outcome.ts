import { ErrorCode, InputError, SourceError } from "../model/errors.js";
import { AuditOutcome } from "../store/store.js";
import { classifyWriteFailure } from "../vendors/write-rules/index.js";

/** What the trail appends for one target once its write answered (or when it was settled). */
export interface OutcomePart {
  readonly outcome: Exclude<AuditOutcome, AuditOutcome.PENDING>;
  readonly code: string | null;
  readonly message: string | null;
  readonly vendorStatus: number | null;
}

/** Failures where the vendor (or Rollcall's checks before the write) said no: nothing was applied. */
const REFUSALS: ReadonlySet<ErrorCode> = new Set([
  ErrorCode.SOURCE_REJECTED,
  ErrorCode.SOURCE_FORBIDDEN,
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.CONFLICT,
  ErrorCode.NOT_FOUND,
  ErrorCode.UNSUPPORTED_BY_SOURCE,
]);

/**
 * A failed write, as the trail records it. The write rules' classification decides
 * (write-rules/outcome.ts): a failure without a readable answer (a timeout, a dropped connection,
 * a 5xx) may have been applied — the writer already read once to settle it and could not show it
 * was — so it is UNKNOWN until the trail settles it by reading (settle-events.ts). A refusal is
 * REFUSED with its code; any other answer that applied nothing (credentials refused, rate limited,
 * a route the source lacks) is FAILED. An error that is not a source's is UNKNOWN too: a bug
 * between the intent and the vendor says nothing about what the vendor did.
 */
export function failureOutcome(error: unknown): OutcomePart {
  if (error instanceof InputError)
    return { outcome: AuditOutcome.REFUSED, code: error.code, message: error.message, vendorStatus: null };
  if (!(error instanceof SourceError))
    return {
      outcome: AuditOutcome.UNKNOWN,
      code: ErrorCode.INTERNAL_SERVER_ERROR,
      message: "The write failed unexpectedly before its answer was read",
      vendorStatus: null,
    };
  const base = { code: error.code, message: error.message, vendorStatus: error.httpStatus ?? null };
  if (REFUSALS.has(error.code)) return { ...base, outcome: AuditOutcome.REFUSED };
  if (classifyWriteFailure(error) === "unknown") return { ...base, outcome: AuditOutcome.UNKNOWN };
  return { ...base, outcome: AuditOutcome.FAILED };
}
