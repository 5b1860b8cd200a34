import type { SimResponse } from "../../../simulator/router.js";
import { createSimServer, type SimServer } from "../../../simulator/sim-server.js";
import type { SimulatorOptions } from "../../vendor-module.js";
import { QAC_API_PATH } from "../config.js";
import { qacAuthenticator } from "./auth.js";
import { invalidRequest } from "./request-body.js";
import { requestRefusal } from "./request-rules.js";
import { qacReadRoutes } from "./routes.js";
import { seedQac } from "./seed.js";
import type { QacState } from "./state.js";
import { qacWriteRoutes } from "./write-routes.js";

/** [I] The docs promise only "the appropriate status code and (optionally) the error
 *  description"; the ASP.NET Web API shape `{"Message": "…"}` is assumed. */
export function qacErrorBody(status: number, message: string): SimResponse {
  return { status, body: { Message: message } };
}

/** [I] A refused property as ASP.NET Web API's ModelState, keyed by the action's parameter name
 *  and the property (`user.Email`), like the simulator's own body checks. */
function qacFieldRefusal(property: string): SimResponse {
  return invalidRequest({ [`request.${property}`]: [`The ${property} field is not valid.`] });
}

export interface QacSimulator extends SimServer {
  readonly state: QacState;
}

export function createQacSimulator(options: SimulatorOptions = {}): QacSimulator {
  const state = seedQac(options.users ?? 60);
  const authenticate = qacAuthenticator(state, qacErrorBody);
  const server = createSimServer({
    name: "QAComplete",
    router: qacWriteRoutes(state, qacReadRoutes(state)),
    // The instance root is the server's root (the demo's `baseUrl`); the API is at its real path.
    apiPath: QAC_API_PATH,
    // Credentials first, then what the docs require of every request (request-rules.ts).
    authenticate: (request) => {
      const refusal = requestRefusal(request);
      return authenticate(request) ?? (refusal && qacErrorBody(refusal.status, refusal.message));
    },
    errorBody: qacErrorBody,
    fieldRefusal: qacFieldRefusal,
  });
  return Object.assign(server, { state });
}
