import { decodeIndexCursor, encodeIndexCursor } from "../../loaders/cursor.js";
import { ConnectionPage, type ConnectionShape } from "./connection.js";
import { checkFirst } from "./inputs.js";
import { RELATION_PAGE_SIZE } from "./list.args.js";

/**
 * A connection over a relation that arrives whole (a user's teams, a team's members): a page of
 * `first` (RELATION_PAGE_SIZE when not given, at most `maxPageSize`), as top-level lists page, so
 * one relation can't put a whole instance into every parent of a nested query.
 */
export function relationConnection<T>(
  items: readonly T[],
  first: number | null | undefined,
  after: string | null | undefined,
  maxPageSize: number,
): ConnectionShape<T> {
  const size = checkFirst(first ?? RELATION_PAGE_SIZE, maxPageSize);
  const start = after ? decodeIndexCursor(after) + 1 : 0;
  const end = Math.min(items.length, start + size);
  return new ConnectionPage(
    start === 0 && end === items.length ? (items as T[]) : items.slice(start, end),
    (i) => encodeIndexCursor(start + i),
    { hasNextPage: end < items.length, hasPreviousPage: start > 0 },
    () => items.length,
  );
}
