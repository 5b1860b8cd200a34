import type { SourceSession } from "../../loaders/source-session.js";
import { ConflictError, ErrorCode, InputError, SourceError, UnsupportedError } from "../../model/errors.js";
import type { Source } from "../source/source.type.js";
import { sourceView } from "../source/source-view.js";
import { type MutationError, MutationStatus } from "./result.types.js";

/** Every per-source result: the source, what happened, and why not when it didn't. */
export interface ResultBase {
  readonly source: Source;
  readonly status: MutationStatus;
  readonly error: MutationError | null;
}

/** Any failure of one target, as a typed result error. Unexpected errors are masked (and logged by the caller). */
export function toMutationError(error: unknown, sourceId: string): MutationError {
  if (error instanceof InputError)
    return {
      code: ErrorCode.BAD_USER_INPUT,
      message: error.message,
      field: error.field,
      source: sourceId,
      retryable: false,
    };
  if (error instanceof ConflictError || error instanceof UnsupportedError)
    return {
      code: error.code,
      message: error.message,
      field: error.field ?? null,
      source: sourceId,
      retryable: false,
    };
  if (error instanceof SourceError)
    return {
      code: error.code,
      message: error.message,
      field: null,
      source: error.sourceId,
      retryable: error.retryable,
    };
  return {
    code: ErrorCode.INTERNAL_SERVER_ERROR,
    message: "Internal server error",
    field: null,
    source: sourceId,
    retryable: false,
  };
}

export function done<R extends object>(
  session: SourceSession,
  status: MutationStatus,
  extra: R,
): ResultBase & R {
  return { source: sourceView(session.connector), status, error: null, ...extra };
}

export function failed<R extends object>(session: SourceSession, error: unknown, extra: R): ResultBase & R {
  return {
    source: sourceView(session.connector),
    status: MutationStatus.FAILED,
    error: toMutationError(error, session.sourceId),
    ...extra,
  };
}

export function unsupported<R extends object>(
  session: SourceSession,
  what: string,
  extra: R,
): ResultBase & R {
  const { id, vendor } = session.connector.source;
  return failed(
    session,
    new UnsupportedError(id, vendor, `${vendor} (source "${id}") cannot ${what}`),
    extra,
  );
}

/** True when no result failed (ALREADY_EXISTS and UNCHANGED count as success: the state is as asked). */
export function allSucceeded(results: readonly ResultBase[]): boolean {
  return results.every((r) => r.status !== MutationStatus.FAILED);
}

/** Group items by the source their id names, keeping first-seen source order. */
export function bySource<T extends { sourceId: string }>(items: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(item.sourceId, [...(groups.get(item.sourceId) ?? []), item]);
  return groups;
}
