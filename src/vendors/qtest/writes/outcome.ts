import { ErrorCode, InputError, isNotFound, SourceError } from "../../../model/errors.js";

/**
 * Failures after which the vendor may have done the write anyway (a 5xx, a timeout, an unreadable
 * answer, a dropped connection). A write is never sent twice: the writer reads to learn the outcome.
 */
export function outcomeUnknown(error: unknown): boolean {
  return (
    error instanceof SourceError &&
    [ErrorCode.SOURCE_UNAVAILABLE, ErrorCode.SOURCE_TIMEOUT, ErrorCode.SOURCE_BAD_RESPONSE].includes(
      error.code,
    )
  );
}

/** qTest's answers to bad data: 400, and 412 for "required props missing" (REFERENCE §1.4). */
export function isRefusal(error: unknown): error is SourceError {
  return error instanceof SourceError && (error.httpStatus === 400 || error.httpStatus === 412);
}

/**
 * A refusal whose message names a qTest field becomes BAD_USER_INPUT on the unified input field
 * (`first_name` → `input.firstName`). [I] qTest's validation messages are not documented; a
 * refusal naming no known field stays the vendor's SOURCE_REJECTED.
 */
export function asInputError(error: unknown, fields: Readonly<Record<string, string>>): unknown {
  if (!isRefusal(error)) return error;
  const said = error.vendorMessage ?? "";
  for (const [wire, field] of Object.entries(fields))
    if (new RegExp(`\\b${wire}\\b`).test(said))
      return new InputError(
        `Source "${error.sourceId}" (${error.vendor}) refused \`${field}\`: ${said}`,
        field,
      );
  return error;
}

/** A 404 from a write on one object is that object's NOT_FOUND. */
export function asNotFound(error: unknown, missing: () => Error): unknown {
  return isNotFound(error) ? missing() : error;
}

/** The same failure with `secret` blanked out of what the vendor said, should it echo it. */
export function redact(error: unknown, secret: string | undefined): unknown {
  if (!secret || !(error instanceof SourceError)) return error;
  const leaks = error.message.includes(secret) || (error.vendorMessage?.includes(secret) ?? false);
  if (!leaks) return error;
  const blank = (text: string) => text.split(secret).join("[redacted]");
  return new SourceError(blank(error.message), {
    code: error.code,
    sourceId: error.sourceId,
    vendor: error.vendor,
    httpStatus: error.httpStatus,
    retryable: error.retryable,
    retryAfter: error.retryAfter,
    vendorMessage: error.vendorMessage === undefined ? undefined : blank(error.vendorMessage),
  });
}
