import type { SimRequest } from "../../../simulator/router.js";
import { SimHttpError } from "../../../simulator/sim-server.js";
import { compileFilter, type FieldTable, FilterError, type Predicate } from "./filter.js";

/** QAComplete list conventions (…/reference/paging.html): offset (0) and limit (25) paging,
 *  `limit=0` for metadata alone, the `{metadata, results}` wrapper, and `Filter=`. */

const DEFAULT_LIMIT = 25;

/** A query parameter by its documented name; routes refuse other spellings first (request-rules.ts). */
export function param(request: SimRequest, name: string): string | undefined {
  return request.query.get(name) ?? undefined;
}

function count(request: SimRequest, name: string, fallback: number): number {
  const raw = param(request, name);
  if (raw === undefined || raw === "") return fallback;
  if (!/^\d+$/.test(raw)) throw new SimHttpError(400, `The value '${raw}' is not valid for ${name}.`);
  return Number(raw);
}

export interface Range {
  readonly offset: number;
  readonly limit: number;
}

export function rangeOf(request: SimRequest): Range {
  return { offset: count(request, "offset", 0), limit: count(request, "limit", DEFAULT_LIMIT) };
}

/** The request's `Filter=` as a predicate over stored rows; null when absent. */
export function filterOf(request: SimRequest, fields: FieldTable): Predicate | null {
  const expression = param(request, "Filter");
  if (expression === undefined || expression.trim() === "") return null;
  try {
    return compileFilter(expression, fields);
  } catch (error) {
    if (error instanceof FilterError)
      throw new SimHttpError(400, `Invalid filter expression: ${error.message}`);
    throw error;
  }
}

/** One page of `items` in the list wrapper; only the page is rendered. */
export function listBody<S, T>(items: readonly S[], range: Range, acl: number, render: (item: S) => T) {
  const page = range.limit === 0 ? [] : items.slice(range.offset, range.offset + range.limit);
  const metadata = {
    result_set: { count: page.length, offset: range.offset, limit: range.limit, total: items.length },
    permissions: { acl },
  };
  return range.limit === 0 ? { metadata } : { metadata, results: page.map(render) };
}

/** A whole (short) list in the wrapper, as a write answers the state it left [I]. */
export function wholeListBody<S, T>(items: readonly S[], acl: number, render: (item: S) => T) {
  const n = items.length;
  return {
    metadata: { result_set: { count: n, offset: 0, limit: n, total: n }, permissions: { acl } },
    results: items.map(render),
  };
}
