/**
 * Reading an [offset, offset+limit) window out of a vendor's paged API with as few calls as the
 * API allows: one page when the window fits; later pages concurrently once the total is known.
 */

export interface Window<T> {
  readonly items: T[];
  readonly total: number | null;
  readonly hasMore: boolean;
}

export interface PageAnswer<T> {
  readonly items: readonly T[];
  /** Total across all pages, when the vendor reports it. */
  readonly total: number | null;
}

/** For page-numbered APIs. `fetchPage` takes a 0-based page index (convert inside for 1-based APIs). */
export async function readPagedWindow<T>(options: {
  offset: number;
  limit: number;
  maxPageSize: number;
  fetchPage: (page: number, size: number) => Promise<PageAnswer<T>>;
}): Promise<Window<T>> {
  const { offset, limit, maxPageSize, fetchPage } = options;
  const size = pickPageSize(offset, limit, maxPageSize);
  const firstPage = Math.floor(offset / size);
  const lastWanted = Math.floor((offset + limit - 1) / size);
  const first = await fetchPage(firstPage, size);
  const pages: Array<readonly T[]> = [first.items];
  let total = first.total;
  if (total !== null) {
    const lastExisting = Math.ceil(total / size) - 1;
    const rest: number[] = [];
    for (let p = firstPage + 1; p <= Math.min(lastWanted, lastExisting); p++) rest.push(p);
    const answers = await Promise.all(rest.map((p) => fetchPage(p, size)));
    for (const answer of answers) pages.push(answer.items);
  } else {
    let last = first;
    for (let p = firstPage + 1; p <= lastWanted && last.items.length === size; p++) {
      last = await fetchPage(p, size);
      pages.push(last.items);
    }
    if (last.items.length < size) total = firstPage * size + pages.reduce((n, items) => n + items.length, 0);
  }
  const all = pages.flat();
  const start = offset - firstPage * size;
  const items = all.slice(start, start + limit);
  const end = offset + items.length;
  const hasMore = total !== null ? end < total : all.length > start + limit;
  return { items, total, hasMore };
}

/** For offset/limit APIs. Without a reported total, pages are read one after another until a short one. */
export async function readOffsetWindow<T>(options: {
  offset: number;
  limit: number;
  maxPageSize: number;
  fetchRange: (offset: number, limit: number) => Promise<PageAnswer<T> & { hasMore?: boolean }>;
}): Promise<Window<T>> {
  const { offset, limit, maxPageSize, fetchRange } = options;
  const size = Math.min(limit, maxPageSize);
  const first = await fetchRange(offset, size);
  const items: T[] = [...first.items];
  let total = first.total;
  let more = first.hasMore ?? (total !== null ? offset + items.length < total : first.items.length === size);
  if (total !== null) {
    const starts: number[] = [];
    for (let o = offset + size; o < Math.min(offset + limit, total); o += size) starts.push(o);
    const answers = await Promise.all(starts.map((o) => fetchRange(o, Math.min(size, offset + limit - o))));
    for (const answer of answers) items.push(...answer.items);
    more = offset + items.length < total;
  } else {
    while (more && items.length < limit) {
      const want = Math.min(size, limit - items.length);
      const next = await fetchRange(offset + items.length, want);
      items.push(...next.items);
      more = next.items.length > 0 && (next.hasMore ?? next.items.length === want);
    }
    if (!more) total = offset + items.length;
  }
  return { items: items.slice(0, limit), total, hasMore: more };
}

/** The page size that covers the window in the fewest pages: the window itself when aligned. */
function pickPageSize(offset: number, limit: number, max: number): number {
  const size = Math.min(limit, max);
  if (offset % size === 0) return size;
  // Unaligned (a cursor resumed after client-side filtering): one page from the start when it
  // fits under the vendor's cap, else pages of `size` (two calls at most).
  return offset + limit <= max ? offset + limit : size;
}
