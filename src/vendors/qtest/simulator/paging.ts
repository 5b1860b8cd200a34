import type { SimRequest } from "../../../simulator/router.js";

/** qTest user search paging (seed page): `page` 1-based (default 1), `pageSize` default 100, up to
 *  999 ([I] larger values are clamped), `pagination=false` returns everything on one page. */
export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 999;

export function flag(request: SimRequest, name: string, fallback: boolean): boolean {
  const value = request.query.get(name);
  return value === null ? fallback : value.toLowerCase() === "true";
}

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
  const page = Math.max(1, Number.parseInt(request.query.get("page") ?? "1", 10) || 1);
  const asked =
    Number.parseInt(request.query.get("pageSize") ?? String(DEFAULT_PAGE_SIZE), 10) || DEFAULT_PAGE_SIZE;
  const size = Math.min(Math.max(1, asked), MAX_PAGE_SIZE);
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
