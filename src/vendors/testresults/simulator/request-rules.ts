import { mediaTypes } from "../../../simulator/media-types.js";
import { type SimHandler, SimRouter } from "../../../simulator/router.js";
import { SimHttpError } from "../../../simulator/sim-server.js";

/**
 * What every request must look like, checked before a route runs (after the credentials). The
 * doc page's request bodies are JSON and no route of it takes a query parameter (no paging, no
 * filter: REFERENCE §4.3). Where the page is silent the simulator refuses on purpose: ASP.NET
 * would answer XML to `Accept: application/xml` and ignore a GET's body or an unknown parameter,
 * but a client that relies on that relies on something the docs never show.
 */

const JSON_TYPE = "application/json";

const WITH_BODY = new Set(["POST", "PUT"]);

function strict(handler: SimHandler): SimHandler {
  return (request) => {
    const accepted = mediaTypes(request.headers.accept);
    if (accepted.length > 0 && !accepted.some((t) => t === JSON_TYPE || t === "application/*" || t === "*/*"))
      throw new SimHttpError(406, `The response can only be sent as ${JSON_TYPE}.`);
    const [name] = request.query.keys();
    if (name !== undefined)
      throw new SimHttpError(400, `The query parameter '${name}' is not one this route takes (none).`);
    if (request.body !== undefined) {
      if (!WITH_BODY.has(request.method))
        throw new SimHttpError(400, `A ${request.method} request takes no body.`);
      const [type] = mediaTypes(request.headers["content-type"]);
      if (type !== JSON_TYPE)
        throw new SimHttpError(
          415,
          // ASP.NET Web API's own words for a body no formatter reads.
          `The request entity's media type '${type ?? "application/octet-stream"}' is not supported for this resource.`,
        );
    }
    return handler(request);
  };
}

/** A router whose every route first holds the request to the rules above. */
export class StrictRouter extends SimRouter {
  override on(method: string, path: string, handler: SimHandler, options?: { public?: boolean }): this {
    return super.on(method, path, strict(handler), options);
  }
}
