import type { SimRequest } from "../../../simulator/router.js";
import { SimHttpError } from "../../../simulator/sim-server.js";

/** Default and cap of `limit` on every bulk GET since 6.7 (REFERENCE §5.3). */
export const PAGE_CAP = 250;

export interface PageParams {
  readonly offset: number;
  readonly limit: number;
}

/** `&limit=` (default 250; more is clamped to 250 [I]) and `&offset=`. */
export function pageParams(request: SimRequest): PageParams {
  const offset = readInt(request, "offset", 0);
  const limit = readInt(request, "limit", PAGE_CAP);
  if (offset < 0) throw new SimHttpError(400, "Field :offset is not a valid offset.");
  if (limit < 1) throw new SimHttpError(400, "Field :limit is not a valid limit.");
  return { offset, limit: Math.min(limit, PAGE_CAP) };
}

function readInt(request: SimRequest, name: string, fallback: number): number {
  const raw = request.query.get(name);
  if (raw === null || raw === "") return fallback;
  if (!/^-?\d+$/.test(raw)) throw new SimHttpError(400, `Field :${name} is not a valid integer.`);
  return Number(raw);
}

/**
 * The 6.7+ wrapper: `{offset, limit, size, _links: {next, prev}, <key>: [...]}`, where `size` is
 * this page's count and the links are relative to `index.php?` (REFERENCE §5.3). Only the page's
 * items are rendered.
 */
export function paginated<S, T>(
  key: string,
  all: readonly S[],
  method: string,
  request: SimRequest,
  render: (item: S) => T,
) {
  const { offset, limit } = pageParams(request);
  const page = all.slice(offset, offset + limit).map(render);
  const extra = [...request.query.entries()]
    .filter(([k]) => k !== "limit" && k !== "offset")
    .map(([k, v]) => `&${k}=${encodeURIComponent(v)}`)
    .join("");
  const link = (at: number) => `/api/v2/${method}${extra}&limit=${limit}&offset=${at}`;
  return {
    offset,
    limit,
    size: page.length,
    _links: {
      next: offset + limit < all.length ? link(offset + limit) : null,
      prev: offset > 0 ? link(Math.max(0, offset - limit)) : null,
    },
    [key]: page,
  };
}
