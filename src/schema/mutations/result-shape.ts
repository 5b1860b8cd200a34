import type { SourceSession } from "../../loaders/source-session.js";
import { ConflictError, ErrorCode, InputError, SourceError, UnsupportedError } from "../../model/errors.js";
import type { ConnectorWrites, WriteOperation } from "../../vendors/connector-writes.js";
import type { Source } from "../source/source.type.js";
import { sourceView } from "../source/source-view.js";
import { type MutationError, MutationStatus } from "./result.types.js";

/** Every per-source result: the source, what happened, and why not when it didn't. */
export interface ResultBase {
  readonly source: Source;
  readonly status: MutationStatus;
  /** Set exactly when `status` is FAILED: status and error never say two things. */
  readonly error: MutationError | null;
  /** Done, but not quite as asked (e.g. a password this vendor can't set). */
  readonly warnings: readonly string[];
}

/** Any failure of one target, as a typed result error. Unexpected errors are masked (and logged by the caller). */
export function toMutationError(error: unknown, sourceId: string): MutationError {
  const base = { source: sourceId, retryable: false, field: null };
  if (error instanceof InputError)
    return { ...base, code: ErrorCode.BAD_USER_INPUT, message: error.message, field: error.field };
  if (error instanceof ConflictError || error instanceof UnsupportedError)
    return { ...base, code: error.code, message: error.message, field: error.field ?? null };
  if (error instanceof SourceError)
    return {
      ...base,
      code: error.code,
      message: error.message,
      source: error.sourceId,
      retryable: error.retryable,
    };
  return { ...base, code: ErrorCode.INTERNAL_SERVER_ERROR, message: "Internal server error" };
}

export function done<R extends object>(
  session: SourceSession,
  status: MutationStatus,
  extra: R,
): ResultBase & R {
  return { source: sourceView(session.connector), status, error: null, warnings: [], ...extra };
}

export function failed<R extends object>(session: SourceSession, error: unknown, extra: R): ResultBase & R {
  return {
    source: sourceView(session.connector),
    status: MutationStatus.FAILED,
    error: toMutationError(error, session.sourceId),
    warnings: [],
    ...extra,
  };
}

/** Where a source lacks a whole writer, the reason it gives for the writer covers its parts. */
const COVERED_BY: Partial<Record<WriteOperation, WriteOperation>> = { removeUsersFromGroup: "groups" };

/** Why a source can't do `what` (an UNSUPPORTED_BY_SOURCE message), with the vendor's own reason
 *  and way out when its connector gives one. */
export function unsupportedMessage(
  source: { readonly id: string; readonly vendor: string },
  reasons: ConnectorWrites["unsupported"],
  operation: WriteOperation,
  what: string,
): string {
  const covering = COVERED_BY[operation];
  const reason = reasons?.[operation] ?? (covering === undefined ? undefined : reasons?.[covering]);
  return `${source.vendor} (source "${source.id}") cannot ${what}${reason ? `: ${reason}` : ""}`;
}

/** UNSUPPORTED_BY_SOURCE, with the vendor's own reason and way out when its connector gives one. */
export function unsupported<R extends object>(
  session: SourceSession,
  operation: WriteOperation,
  what: string,
  extra: R,
): ResultBase & R {
  const { id, vendor } = session.connector.source;
  const message = unsupportedMessage(
    session.connector.source,
    session.connector.writes?.unsupported,
    operation,
    what,
  );
  return failed(session, new UnsupportedError(id, vendor, message), extra);
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

/**
 * One source's batch write answered key by key: each key gets the writer's value (done) or its
 * Error (failed); a writer that throws fails every key; a missing writer is UNSUPPORTED for every
 * key. The session's cached reads are dropped afterwards either way.
 */
export async function writePerKey<K, V, R extends object>(options: {
  session: SourceSession;
  keys: readonly K[];
  /** Undefined when the vendor lacks the operation. */
  write: (() => Promise<ReadonlyArray<V | Error | undefined>>) | undefined;
  unsupportedAs: { operation: WriteOperation; what: string };
  /** What a successful key did: one status for all, or each answer's own. */
  status: MutationStatus | ((answer: V) => MutationStatus);
  /** The result's own fields for a key (answer null when it failed). */
  shape: (key: K, answer: V | null) => R;
  /** Called with each successful answer, after the session's caches were dropped. */
  onDone?: (answer: V) => void;
}): Promise<Array<ResultBase & R>> {
  const { session, keys, write, status, shape } = options;
  if (!write)
    return keys.map((k) =>
      unsupported(session, options.unsupportedAs.operation, options.unsupportedAs.what, shape(k, null)),
    );
  try {
    const answers = await write();
    session.clear();
    return keys.map((k, i) => {
      const answer = answers[i];
      if (answer instanceof Error || answer === undefined) return failed(session, answer, shape(k, null));
      options.onDone?.(answer);
      return done(session, typeof status === "function" ? status(answer) : status, shape(k, answer));
    });
  } catch (error) {
    session.clear();
    return keys.map((k) => failed(session, error, shape(k, null)));
  }
}
