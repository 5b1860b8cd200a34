import { badResponse } from "../http/http-errors.js";
import type { PageAnswer } from "../paging.js";
import type { QacList } from "./raw-types.js";

interface Source {
  readonly sourceId: string;
  readonly vendor: string;
}

const unreadable = (source: Source, why: string) =>
  badResponse(source, `sent a list Rollcall could not read: ${why}`);

/**
 * A list's items. `results` may be absent only where nothing was asked or nothing is there
 * (`limit=0` answers the metadata alone, …/reference/paging.html): a page that counts items but
 * carries none is a bad answer, never "no users" (which would make a lookup miss, an invite
 * create a duplicate, and an audit show an empty department).
 */
export function resultsOf<T>(list: QacList<T> | undefined, source: Source): T[] {
  if (Array.isArray(list?.results)) return list.results;
  const count = list?.metadata?.result_set?.count;
  if (count === 0) return [];
  throw unreadable(
    source,
    count === undefined ? "no metadata.result_set.count" : `${count} items counted, none sent`,
  );
}

/** One page for the offset pager: its items and the `total` the wrapper reports. */
export function pageOf<T>(list: QacList<T> | undefined, source: Source): PageAnswer<T> {
  const total = list?.metadata?.result_set?.total;
  if (typeof total !== "number") throw unreadable(source, "no metadata.result_set.total");
  return { items: resultsOf(list, source), total };
}
