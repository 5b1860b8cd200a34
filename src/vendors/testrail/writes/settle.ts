import { ErrorCode, SourceError } from "../../../model/errors.js";

const UNKNOWN_OUTCOME: readonly ErrorCode[] = [
  ErrorCode.SOURCE_UNAVAILABLE,
  ErrorCode.SOURCE_TIMEOUT,
  ErrorCode.SOURCE_BAD_RESPONSE,
];

/** Whether TestRail may have applied a write Rollcall heard no answer to: a 5xx, a timeout, a
 *  dropped connection, or a 200 it could not read. A 4xx or a 429 changed nothing. */
export function outcomeUnknown(error: unknown): boolean {
  return error instanceof SourceError && UNKNOWN_OUTCOME.includes(error.code);
}

/**
 * Sends a write exactly once. When its outcome is unknown, `check` reads whether it took effect
 * and answers what it found in place of the lost answer, or null for "it did not", which reports
 * the write's own failure. A write is never sent a second time: the caller may run the mutation
 * again, knowing where it stands.
 */
export async function writeOnce<T>(write: () => Promise<T>, check: () => Promise<T | null>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!outcomeUnknown(error)) throw error;
    const found = await check().catch(() => null);
    if (found === null) throw error;
    return found;
  }
}
