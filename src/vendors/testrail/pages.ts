import type { RawList } from "./raw-types.js";

/** One bulk answer, whichever of TestRail's two shapes it came in. */
export interface Slice<T> {
  readonly items: readonly T[];
  /** Positions after these exist (only meaningful when not `complete`). */
  readonly hasMore: boolean;
  /** The server ignored paging and sent the whole list: the bare array of the users doc page
   *  (pre-6.7 servers), where `items` starts at position 0 whatever offset was asked. */
  readonly complete: boolean;
}

/**
 * Reads either shape: the bare array the users doc page shows, or the 6.7+ wrapper
 * `{offset, limit, size, _links: {next, prev}, <key>: [...]}` live servers send (REFERENCE §5.2).
 * The wrapper has no total; the end is `_links.next: null` or a short page (REFERENCE §5.3).
 * Null when the body is neither, or a wrapper without its list: that is no empty page.
 */
export function sliceOf<K extends string, T>(answer: RawList<K, T>, key: K, limit: number): Slice<T> | null {
  if (Array.isArray(answer)) return { items: answer, hasMore: false, complete: true };
  if (typeof answer !== "object" || answer === null) return null;
  const page = answer as Exclude<RawList<K, T>, readonly T[]>;
  const items = page[key];
  if (!Array.isArray(items)) return null;
  const next = page._links?.next;
  const hasMore = items.length > 0 && (next === undefined ? items.length >= limit : next !== null);
  return { items, hasMore, complete: false };
}
