import type { SimRequest } from "../../../simulator/router.js";

/** Spring HATEOAS paging as Squash sends it (seed page "Get all users"). */

export const API_PATH = "/api/rest/latest";
const DEFAULT_SIZE = 20;
const MAX_SIZE = 2000;

export function apiOrigin(request: SimRequest, rootPath: string): string {
  return `http://${request.headers.host ?? "localhost"}${rootPath}${API_PATH}`;
}

export function selfLink(origin: string, path: string) {
  return { self: { href: `${origin}${path}` } };
}

export function pageParams(request: SimRequest): { page: number; size: number } {
  const page = Math.max(0, Number.parseInt(request.query.get("page") ?? "0", 10) || 0);
  const asked = Number.parseInt(request.query.get("size") ?? String(DEFAULT_SIZE), 10) || DEFAULT_SIZE;
  return { page, size: Math.min(Math.max(1, asked), MAX_SIZE) };
}

/** `fields=a,b,c` keeps those fields (plus `_type`, `id`, `_links`); without it, `fallback` fields. */
export function selectFields<T extends object>(
  full: T,
  request: SimRequest,
  fallback?: readonly string[],
): Partial<T> {
  const asked = request.query.get("fields");
  const keep = asked ? asked.split(",").map((f) => f.trim()) : fallback;
  if (!keep) return full;
  const wanted = new Set(["_type", "id", "_links", ...keep]);
  return Object.fromEntries(Object.entries(full).filter(([k]) => wanted.has(k))) as Partial<T>;
}

/** One page of `items` under `_embedded[key]`, with the links Spring adds (optional ones drop out). */
export function halPage<T>(
  key: string,
  items: readonly T[],
  request: SimRequest,
  origin: string,
  path: string,
) {
  const { page, size } = pageParams(request);
  const totalElements = items.length;
  const totalPages = Math.ceil(totalElements / size);
  const slice = items.slice(page * size, page * size + size);
  const extra = [...request.query.entries()]
    .filter(([k]) => k !== "page" && k !== "size")
    .map(([k, v]) => `&${k}=${encodeURIComponent(v)}`)
    .join("");
  const href = (n: number) => ({ href: `${origin}${path}?page=${n}&size=${size}${extra}` });
  const links: Record<string, { href: string }> = {};
  if (totalPages > 1) links.first = href(0);
  if (page > 0) links.prev = href(page - 1);
  links.self = href(page);
  if (page + 1 < totalPages) links.next = href(page + 1);
  if (totalPages > 1) links.last = href(totalPages - 1);
  return {
    // Spring HATEOAS omits `_embedded` for an empty page.
    ...(slice.length > 0 ? { _embedded: { [key]: slice } } : {}),
    _links: links,
    page: { size, totalElements, totalPages, number: page },
  };
}
