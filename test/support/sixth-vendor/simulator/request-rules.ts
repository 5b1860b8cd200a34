import type { SimHandler, SimRequest } from "../../../../src/simulator/router.js";
import { SimHttpError } from "../../../../src/simulator/sim-server.js";

/** A route that refuses any query parameter it does not take (an ignored one would answer something else). */
export function takes(params: readonly string[], handler: SimHandler): SimHandler {
  return (request: SimRequest) => {
    for (const name of request.query.keys())
      if (!params.includes(name)) throw new SimHttpError(400, `Unknown parameter: ${name}`);
    return handler(request);
  };
}

/** A non-negative integer parameter, or the default. */
export function count(request: SimRequest, name: string, fallback: number): number {
  const value = request.query.get(name);
  if (value === null) return fallback;
  if (!/^\d+$/.test(value)) throw new SimHttpError(400, `${name} must be a non-negative integer`);
  return Number(value);
}
