import type { SimRequest } from "../../../simulator/router.js";
import { flag, positiveInteger } from "./request-rules.js";

/** qTest user search paging (seed page): `page` 1-based (default 1), `pageSize` default 100, up to
 *  999 ([I] larger values are clamped), `pagination=false` returns everything on one page. */
export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 999;

/** `{links, page, page_size, total, items}` for one page of `all`, rendering only that page. */
export function userPage<T, J>(
  all: readonly T[],
  render: (item: T) => J,
  request: SimRequest,
  selfHref: string,
): {
  links: Array<{ rel: string; href: string }>;
  page: number;
  page_size: number;
  total: number;
  items: J[];
} {
  if (!flag(request, "pagination", true))
    return {
      links: [{ rel: "self", href: selfHref }],
      page: 1,
      page_size: all.length,
      total: all.length,
      items: all.map(render),
    };
  const page = positiveInteger(request, "page", 1);
  const size = Math.min(positiveInteger(request, "pageSize", DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE);
  const items = all.slice((page - 1) * size, page * size).map(render);
  const href = (n: number) => {
    const query = new URLSearchParams(request.query);
    query.set("page", String(n));
    query.set("pageSize", String(size));
    return `${selfHref.split("?")[0]}?${query}`;
  };
  const links = [{ rel: "self", href: href(page) }];
  if (page * size < all.length) links.push({ rel: "next", href: href(page + 1) });
  if (page > 1) links.push({ rel: "prev", href: href(page - 1) });
  return { links, page, page_size: size, total: all.length, items };
}
