import { outcomeUnknown } from "./outcome.js";

/**
 * Sends a write exactly once. When its outcome is unknown (outcome.ts), `settle` reads whether it
 * took effect and answers the object as it now stands, or null for "it did not" (or "the read
 * can't tell"), which reports the write's own failure. Any other failure is the write's answer.
 * A write is never sent a second time: the caller may run the mutation again, knowing where it
 * stands. A settling read that fails leaves the write's own failure standing.
 */
export async function sendOnceThenSettle<T>(
  send: () => Promise<T>,
  settle: () => Promise<T | null>,
): Promise<T> {
  try {
    return await send();
  } catch (error) {
    if (!outcomeUnknown(error)) throw error;
    const found = await settle().catch(() => null);
    if (found === null) throw error;
    return found;
  }
}

/** A settling read: the object as it now stands when it `shows` the write, else null. */
export function readBack<T>(read: () => Promise<T>, shows: (now: T) => boolean): () => Promise<T | null> {
  return async () => {
    const now = await read();
    return shows(now) ? now : null;
  };
}

/** What a create did: made the object, or found it made by someone else meanwhile. */
export interface Created<T> {
  readonly status: "CREATED" | "ALREADY_EXISTS";
  readonly created: T;
}

/**
 * A create sent once and never duplicated. When its outcome is unknown, `find` looks the object up:
 * found, it is the one this create made (CREATED). When the vendor refused it because the object
 * exists (`raced`: another create got there between the caller's check and this one), `find`
 * returns that one (ALREADY_EXISTS). Otherwise, or when `find` finds nothing or fails, the create's
 * own failure stands.
 */
export async function createOnce<T>(options: {
  send: () => Promise<T>;
  find: () => Promise<T | null>;
  raced?: (error: unknown) => boolean;
}): Promise<Created<T>> {
  try {
    return { status: "CREATED", created: await options.send() };
  } catch (error) {
    const status = outcomeUnknown(error) ? "CREATED" : options.raced?.(error) ? "ALREADY_EXISTS" : null;
    if (status === null) throw error;
    const found = await options.find().catch(() => null);
    if (found === null) throw error;
    return { status, created: found };
  }
}
