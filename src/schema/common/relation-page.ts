import { decodeIndexCursor, encodeIndexCursor } from "../../loaders/cursor.js";
import { InputError } from "../../model/errors.js";
import { ConnectionPage, type ConnectionShape } from "./connection.js";

/** A connection over a relation that arrives whole (a user's teams, a team's members). */
export function relationConnection<T>(
  items: readonly T[],
  first: number | null | undefined,
  after: string | null | undefined,
): ConnectionShape<T> {
  if (first !== null && first !== undefined && first < 0)
    throw new InputError("`first` must not be negative", "first");
  const start = after ? decodeIndexCursor(after) + 1 : 0;
  const end = first === null || first === undefined ? items.length : Math.min(items.length, start + first);
  return new ConnectionPage(
    start === 0 && end === items.length ? (items as T[]) : items.slice(start, end),
    (i) => encodeIndexCursor(start + i),
    { hasNextPage: end < items.length, hasPreviousPage: start > 0 },
    () => items.length,
  );
}
