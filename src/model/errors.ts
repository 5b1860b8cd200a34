/**
 * The few error codes Rollcall reports. Documented in the README; clients switch on them.
 * Source codes mean Rollcall's own credentials or the vendor failed, never the caller's.
 */
export enum ErrorCode {
  SOURCE_UNAVAILABLE = "SOURCE_UNAVAILABLE",
  SOURCE_TIMEOUT = "SOURCE_TIMEOUT",
  SOURCE_AUTH_FAILED = "SOURCE_AUTH_FAILED",
  SOURCE_FORBIDDEN = "SOURCE_FORBIDDEN",
  SOURCE_RATE_LIMITED = "SOURCE_RATE_LIMITED",
  SOURCE_BAD_RESPONSE = "SOURCE_BAD_RESPONSE",
  SOURCE_REJECTED = "SOURCE_REJECTED",
  /** The source does not serve a route its vendor's API must have (a wrong baseUrl, or an
   *  instance without that endpoint): a problem of its configuration, not of the caller's object. */
  SOURCE_MISCONFIGURED = "SOURCE_MISCONFIGURED",
  NOT_FOUND = "NOT_FOUND",
  CONFLICT = "CONFLICT",
  BAD_USER_INPUT = "BAD_USER_INPUT",
  /** The request itself is malformed (Apollo's own code), e.g. a persisted query's wrong hash. */
  BAD_REQUEST = "BAD_REQUEST",
  UNAUTHENTICATED = "UNAUTHENTICATED",
  FORBIDDEN = "FORBIDDEN",
  /** The identity provider's signing keys could not be fetched, so a token could not be checked (503). */
  IDENTITY_PROVIDER_UNAVAILABLE = "IDENTITY_PROVIDER_UNAVAILABLE",
  /** The caller sent more requests than its rate limit allows (429, with Retry-After). */
  RATE_LIMITED = "RATE_LIMITED",
  /** Rollcall itself is overloaded (event loop or memory past `server.overload`): 503, with Retry-After. */
  SERVER_OVERLOADED = "SERVER_OVERLOADED",
  UNSUPPORTED_BY_SOURCE = "UNSUPPORTED_BY_SOURCE",
  INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR",
  /** Refused before it ran: the operation breaks a limit or its estimate exceeds the caller's budget. */
  OPERATION_TOO_COSTLY = "OPERATION_TOO_COSTLY",
  /** Cancelled at `server.operationTimeoutMs`, its upstream calls with it. */
  OPERATION_TIMEOUT = "OPERATION_TIMEOUT",
  /** The answer would exceed `server.maxResponseBytes`. */
  RESPONSE_TOO_LARGE = "RESPONSE_TOO_LARGE",
  /** The audit trail could not record a change before it was sent, so it was not sent: nothing changed. */
  AUDIT_UNAVAILABLE = "AUDIT_UNAVAILABLE",
}

export interface SourceErrorDetails {
  readonly code: ErrorCode;
  readonly sourceId: string;
  readonly vendor: string;
  readonly httpStatus?: number;
  readonly retryable?: boolean;
  /** Seconds the vendor asked us to wait (Retry-After). */
  readonly retryAfter?: number;
  /** The vendor's own message, already free of secrets. */
  readonly vendorMessage?: string;
}

/** A failure attributable to one source. Its message and fields are safe to show a client. */
export class SourceError extends Error {
  readonly code: ErrorCode;
  readonly sourceId: string;
  readonly vendor: string;
  readonly httpStatus?: number;
  readonly retryable: boolean;
  readonly retryAfter?: number;
  readonly vendorMessage?: string;

  constructor(message: string, details: SourceErrorDetails) {
    super(message);
    this.name = "SourceError";
    this.code = details.code;
    this.sourceId = details.sourceId;
    this.vendor = details.vendor;
    this.httpStatus = details.httpStatus;
    this.retryable = details.retryable ?? false;
    this.retryAfter = details.retryAfter;
    this.vendorMessage = details.vendorMessage;
  }
}

/** "No such object" from one source: a DataLoader miss, reported per key. */
export class NotFoundError extends SourceError {
  constructor(sourceId: string, vendor: string, what: string, remoteId: string) {
    super(`${what} ${remoteId} was not found in source "${sourceId}"`, {
      code: ErrorCode.NOT_FOUND,
      sourceId,
      vendor,
      httpStatus: 404,
    });
    this.name = "NotFoundError";
  }
}

/** Caller input that cannot be served, naming the offending argument or input field. */
export class InputError extends Error {
  readonly code = ErrorCode.BAD_USER_INPUT;
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = "InputError";
  }
}

/** A write the vendor refused because the object changed meanwhile (a stale version token). */
export class ConflictError extends SourceError {
  constructor(
    sourceId: string,
    vendor: string,
    message: string,
    readonly field = "version",
  ) {
    super(message, { code: ErrorCode.CONFLICT, sourceId, vendor, httpStatus: 409 });
    this.name = "ConflictError";
  }
}

/** The source's vendor cannot do what was asked (e.g. reactivate, delete, or set a password). */
export class UnsupportedError extends SourceError {
  constructor(
    sourceId: string,
    vendor: string,
    message: string,
    readonly field?: string,
  ) {
    super(message, { code: ErrorCode.UNSUPPORTED_BY_SOURCE, sourceId, vendor });
    this.name = "UnsupportedError";
  }
}

export function isNotFound(error: unknown): boolean {
  return error instanceof SourceError && error.code === ErrorCode.NOT_FOUND;
}

/** The source answered 404 for a route (not for an object): it does not serve that endpoint. */
export function isMissingRoute(error: unknown): boolean {
  return (
    error instanceof SourceError && error.code === ErrorCode.SOURCE_MISCONFIGURED && error.httpStatus === 404
  );
}

/**
 * An upstream call of an operation that was cancelled (its deadline passed, its client went away):
 * not the source's failure, so no circuit breaker counts it and no retry follows.
 */
export class OperationCancelledError extends Error {
  constructor(readonly reason: unknown) {
    super("The operation was cancelled");
    this.name = "OperationCancelledError";
  }
}
