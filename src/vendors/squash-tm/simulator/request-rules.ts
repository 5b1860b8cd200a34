import { mediaTypes } from "../../../simulator/media-types.js";
import type { SimHandler, SimRequest, SimResponse } from "../../../simulator/router.js";
import { SquashFault, squashErrorBody } from "./errors.js";
import { BadUserBody } from "./user-body.js";

/**
 * What each route takes, as the seed page's request examples show it (seed-pages/squash-tm-rest-users.txt),
 * and nothing else: a request the page does not show as accepted is refused the way Spring refuses
 * it, so a test against the simulator never passes with a request Squash could refuse.
 */
export interface RouteRules {
  /** The query parameters the route takes (the page's "Request parameters"). Any other name — a
   *  misspelling, another casing (`Size`) — is refused [I]: Spring would ignore it silently, and an
   *  ignored parameter is a read that quietly answers something else. */
  readonly params: readonly string[];
  /** `json`: the page's example carries `Content-Type: application/json` (every body request, and
   *  DELETE /users/{ids} and the team routes without a body); without it Spring answers 415. */
  readonly contentType?: "json";
  /** `json`: a JSON body; `params`: no body, or the route's parameters as the form text the page
   *  prints under "Subscribe to teams"; absent: no body at all [I] (the page shows none). */
  readonly body?: "json" | "params";
}

const JSON_TYPE = "application/json";

/** Every request example on the page sends `Accept: application/json`; Spring answers 406 to an
 *  Accept it cannot satisfy, and the simulator also refuses a request without one [I]. */
export function refusesAccept(request: SimRequest): SimResponse | null {
  const accept = String(request.headers.accept ?? "");
  if (mediaTypes(accept).includes(JSON_TYPE)) return null;
  return squashErrorBody(406, `Could not find acceptable representation (Accept: "${accept}")`);
}

function check(rules: RouteRules, request: SimRequest): void {
  for (const name of new Set(request.query.keys()))
    if (!rules.params.includes(name))
      throw new SquashFault(
        400,
        `Unknown parameter '${name}'${rules.params.length ? ` (this route takes ${rules.params.join(", ")})` : " (this route takes none)"}`,
      );
  const contentType = String(request.headers["content-type"] ?? "");
  if (rules.contentType === "json" && mediaTypes(contentType)[0] !== JSON_TYPE)
    throw new SquashFault(415, `Content type '${contentType}' not supported`);
  const hasBody = request.body !== undefined;
  if (hasBody && rules.body === undefined)
    throw new SquashFault(400, `${request.method} ${request.path} takes no request body`);
  if (rules.body === "json" && hasBody && (typeof request.body !== "object" || request.body === null))
    throw new SquashFault(400, "JSON parse error: the request body is not a JSON object");
  if (rules.body === "params" && hasBody && typeof request.body !== "string")
    throw new SquashFault(400, "Expected the request parameters as form text");
}

/** A route handler held to its rules, answering Squash's `{exception, message}` for what it refuses. */
export function route(rules: RouteRules, handler: SimHandler): SimHandler {
  return async (request) => {
    try {
      check(rules, request);
      return await handler(request);
    } catch (error) {
      if (error instanceof BadUserBody) return squashErrorBody(400, error.message);
      if (error instanceof SquashFault) return squashErrorBody(error.status, error.message, error.exception);
      throw error;
    }
  };
}

/** A numeric path id (`/users/486`); anything else is Spring's 400 for a `long` path variable. */
export function numericId(value: string, name = "id"): number {
  if (!/^\d+$/.test(value))
    throw new SquashFault(
      400,
      `Failed to convert value of type 'java.lang.String' to required type 'long'; For input string: "${value}" (${name})`,
      "org.springframework.web.method.annotation.MethodArgumentTypeMismatchException",
    );
  return Number(value);
}
