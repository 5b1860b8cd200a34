import { readPagedWindow } from "../paging.js";
import { embedded } from "./payloads.js";
import type { HalPage } from "./raw-types.js";

/** Every item of a paged list: the first page, then the rest together once its total is known. */
export async function readAllPages<K extends string, T>(
  key: K,
  pageSize: number,
  sourceId: string,
  fetch: (page: number, size: number) => Promise<HalPage<K, T>>,
): Promise<T[]> {
  const window = await readPagedWindow({
    offset: 0,
    limit: Number.MAX_SAFE_INTEGER,
    maxPageSize: pageSize,
    fetchPage: async (page, size) => {
      const answer = await fetch(page, size);
      return { items: embedded(answer, key, sourceId), total: answer.page.totalElements };
    },
  });
  return window.items;
}
