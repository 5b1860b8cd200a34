import { mediaTypes } from "../../../simulator/media-types.js";
import type { SimHandler, SimRequest, SimResponse } from "../../../simulator/router.js";
import { SimHttpError } from "../../../simulator/sim-server.js";

/**
 * What QAComplete's docs require of every request, checked before a route runs (after the
 * credentials). The seed page's sample request (and its cURL) sends `Accept: application/json`
 * and, with its body, `Content-Type: application/json`. Where the docs are silent the simulator
 * refuses on purpose: ASP.NET would answer XML to `Accept: application/xml` and ignore a GET's
 * body, but a client that relies on that relies on something the docs never show.
 */

const JSON_TYPE = "application/json";

/** Methods whose documented requests carry a body (RequestUserPost/Put/Patch, the groups bodies). */
const WITH_BODY = new Set(["POST", "PUT", "PATCH"]);

export function requestRefusal(request: SimRequest): { status: number; message: string } | null {
  if (!mediaTypes(request.headers.accept).includes(JSON_TYPE))
    return {
      status: 406,
      message: `The response can only be sent as ${JSON_TYPE}: send "Accept: ${JSON_TYPE}" (the docs' sample request does).`,
    };
  if (request.body === undefined) return null;
  if (!WITH_BODY.has(request.method))
    return { status: 400, message: `A ${request.method} request takes no body.` };
  const [type] = mediaTypes(request.headers["content-type"]);
  if (type !== JSON_TYPE)
    return {
      status: 415,
      // ASP.NET Web API's own words for a body no formatter reads.
      message: `The request entity's media type '${type ?? "application/octet-stream"}' is not supported for this resource.`,
    };
  return null;
}

/** Query parameters of QAComplete's list routes, spelled as …/reference/paging.html and filters.html
 *  spell them. */
export const PAGED = ["offset", "limit"] as const;
export const FILTERED = ["offset", "limit", "Filter"] as const;
export const NO_PARAMS = [] as const;

/**
 * A route taking only the query parameters its reference page lists, in that case. ASP.NET binds
 * them in any case and ignores the rest; the simulator refuses both on purpose, so a misspelt
 * `filter=` (silently unfiltered on a lenient server) or an invented parameter shows in tests.
 */
export function takes(params: readonly string[], handler: SimHandler): SimHandler {
  return (request): SimResponse | Promise<SimResponse> => {
    for (const name of new Set(request.query.keys()))
      if (!params.includes(name))
        throw new SimHttpError(
          400,
          `The query parameter '${name}' is not one this route takes${params.length > 0 ? ` (${params.join(", ")})` : " (none)"}.`,
        );
    return handler(request);
  };
}
