import { describe, expect, it } from "vitest";
import { readOffsetWindow, readPagedWindow } from "../../src/vendors/paging.js";

const ITEMS = Array.from({ length: 23 }, (_, i) => i);

function pagedApi(withTotal: boolean) {
  const asked: Array<[number, number]> = [];
  const fetchPage = async (page: number, size: number) => {
    asked.push([page, size]);
    return { items: ITEMS.slice(page * size, page * size + size), total: withTotal ? ITEMS.length : null };
  };
  return { asked, fetchPage };
}

describe("reading a window out of a paged API", () => {
  it("reads an aligned window in one page", async () => {
    const api = pagedApi(true);
    const w = await readPagedWindow({ offset: 10, limit: 5, maxPageSize: 100, fetchPage: api.fetchPage });
    expect(w).toEqual({ items: [10, 11, 12, 13, 14], total: 23, hasMore: true });
    expect(api.asked).toEqual([[2, 5]]);
  });

  it("reads an unaligned window in one page when it fits under the cap", async () => {
    const api = pagedApi(true);
    const w = await readPagedWindow({ offset: 7, limit: 5, maxPageSize: 100, fetchPage: api.fetchPage });
    expect(w.items).toEqual([7, 8, 9, 10, 11]);
    expect(api.asked).toEqual([[0, 12]]);
  });

  it("splits a window larger than the cap into pages, fetched together once the total is known", async () => {
    const api = pagedApi(true);
    const w = await readPagedWindow({ offset: 0, limit: 100, maxPageSize: 10, fetchPage: api.fetchPage });
    expect(w).toEqual({ items: ITEMS, total: 23, hasMore: false });
    expect(api.asked).toEqual([
      [0, 10],
      [1, 10],
      [2, 10],
    ]);
  });

  it("stops at a short page when the API reports no total", async () => {
    const api = pagedApi(false);
    const w = await readPagedWindow({ offset: 0, limit: 100, maxPageSize: 10, fetchPage: api.fetchPage });
    expect(w).toEqual({ items: ITEMS, total: 23, hasMore: false });
    expect(api.asked).toHaveLength(3);
  });
});

describe("reading a window out of an offset/limit API", () => {
  it("follows pages one after another without a total, and knows when the end is reached", async () => {
    const asked: Array<[number, number]> = [];
    const w = await readOffsetWindow({
      offset: 3,
      limit: 50,
      maxPageSize: 8,
      fetchRange: async (o, l) => {
        asked.push([o, l]);
        return { items: ITEMS.slice(o, o + l), total: null };
      },
    });
    expect(w.items).toEqual(ITEMS.slice(3));
    expect(w.hasMore).toBe(false);
    expect(asked).toEqual([
      [3, 8],
      [11, 8],
      [19, 8],
    ]);
  });

  it("fetches the rest concurrently once the total is known", async () => {
    const asked: number[] = [];
    const w = await readOffsetWindow({
      offset: 0,
      limit: 20,
      maxPageSize: 5,
      fetchRange: async (o, l) => {
        asked.push(o);
        return { items: ITEMS.slice(o, o + l), total: ITEMS.length };
      },
    });
    expect(w.items).toEqual(ITEMS.slice(0, 20));
    expect(w.hasMore).toBe(true);
    expect(asked).toEqual([0, 5, 10, 15]);
  });
});
