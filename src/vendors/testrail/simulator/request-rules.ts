import { mediaTypes } from "../../../simulator/media-types.js";
import type { SimHandler, SimRequest, SimResponse } from "../../../simulator/router.js";
import { SimHttpError } from "../../../simulator/sim-server.js";

/**
 * TestRail's words for a request without `Content-Type: application/json`, GET or POST, with a body
 * or without: 400 `{"error":"Content-Type header missing (use Content-Type: application\/json)"}`
 * [C2] (github.com/mvndaai/testrail-promise/issues/20 shows it for a GET of get_user_by_email,
 * github.com/peterservice-rnd/robotframework-testrail/issues/6 for a POST). The API docs send the
 * header on every request ("Accessing the TestRail API", REFERENCE §5.1).
 */
export const CONTENT_TYPE_MISSING = "Content-Type header missing (use Content-Type: application/json)";

/** Media type application/json, any casing, with or without parameters such as a charset. */
function sendsJson(request: SimRequest): boolean {
  return mediaTypes(request.headers["content-type"])[0] === "application/json";
}

export function contentTypeRefusal(
  request: SimRequest,
  errorBody: (status: number, message: string) => SimResponse,
): SimResponse | null {
  return sendsJson(request) ? null : errorBody(400, CONTENT_TYPE_MISSING);
}

/**
 * Only the query parameters a method documents, in their documented (lower) case. TestRail's docs
 * do not say what it does with others; the simulator refuses them on purpose [I], so a miscased
 * `Limit` shows in a test instead of being silently ignored.
 */
export function takesParams(names: readonly string[], handler: SimHandler): SimHandler {
  return (request) => {
    for (const name of request.query.keys())
      if (!names.includes(name)) throw new SimHttpError(400, `Field :${name} is not a supported parameter.`);
    return handler(request);
  };
}

/** Refuses a body field the method does not document, or one in another casing [I]. */
export function onlyFields(body: Readonly<Record<string, unknown>>, names: readonly string[]): void {
  for (const name of Object.keys(body))
    if (!names.includes(name)) throw new SimHttpError(400, `Field :${name} is not a supported field.`);
}
