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
