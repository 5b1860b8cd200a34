import type { SimRequest, SimResponse } from "../../../../src/simulator/router.js";

export const SIXTH_DEMO_KEY = "sixth-demo-key";

/** The key in `X-Api-Key`; anything else is a 401 in the vendor's error body. */
export function authenticate(request: SimRequest): SimResponse | null {
  return request.headers["x-api-key"] === SIXTH_DEMO_KEY
    ? null
    : { status: 401, body: { error: "Invalid or missing API key" } };
}
