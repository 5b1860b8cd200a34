import type { NameFilter, UserFilter } from "../model/filters.js";
import type { ListPage } from "./connector.js";

/** Run `fn` for every key at once (the source's HTTP limiter bounds what is in flight),
 *  keeping key order and turning each failure into that key's Error. */
export function eachKey<K, T>(
  keys: readonly K[],
  fn: (key: K, index: number) => Promise<T>,
): Promise<Array<T | Error>> {
  return Promise.all(
    keys.map((key, index) =>
      fn(key, index).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))),
    ),
  );
}

/** Answer `keys` in order from a map, with `missing(key)` for each absent one. */
export function inKeyOrder<T>(
  keys: readonly string[],
  found: ReadonlyMap<string, T>,
  missing: (key: string) => Error,
): Array<T | Error> {
  return keys.map((key) => found.get(key) ?? missing(key));
}

/** A list window over items already in memory. */
export function windowOf<T>(all: readonly T[], offset: number, limit: number, exact: boolean): ListPage<T> {
  return {
    items: all.slice(offset, offset + limit),
    total: exact ? all.length : null,
    hasMore: offset + limit < all.length,
    exact,
  };
}

/** True when the filter sets nothing beyond the given (pushed-down) keys. */
export function onlyUses<F extends UserFilter | NameFilter>(
  filter: F,
  pushedDown: ReadonlyArray<keyof F>,
): boolean {
  return Object.entries(filter).every(
    ([key, value]) => value === undefined || pushedDown.includes(key as keyof F),
  );
}
