import type { SimResponse } from "../../../simulator/router.js";
import { createSimServer, type SimServer } from "../../../simulator/sim-server.js";
import type { SimulatorOptions } from "../../vendor-module.js";
import { TESTRESULTS_API_PATH } from "../config.js";
import { testResultsAuthenticator, tokenRoutes } from "./auth.js";
import { invalidRequest } from "./body.js";
import { StrictRouter } from "./request-rules.js";
import { testResultsReadRoutes } from "./routes.js";
import { seedTestResults, type TestResultsState } from "./state.js";
import { testResultsWriteRoutes } from "./write-routes.js";

/** [I] No error format is documented: ASP.NET Web API's `{"Message": "…"}` is assumed. */
export function testResultsErrorBody(status: number, message: string): SimResponse {
  return { status, body: { Message: message } };
}

/** [I] A refused property as Web API's ModelState (body.ts), in the `[EmailAddress]`-style words. */
function testResultsFieldRefusal(property: string): SimResponse {
  return invalidRequest({ [property]: [`The ${property.split(".").pop()} field is not valid.`] });
}

export interface TestResultsSimulator extends SimServer {
  readonly state: TestResultsState;
  /** Moves the simulator's clock past the lifetime of every login token issued so far. */
  expireTokens(): void;
}

export function createTestResultsSimulator(options: SimulatorOptions = {}): TestResultsSimulator {
  const state = seedTestResults(options.users ?? 60);
  const router = testResultsWriteRoutes(
    state,
    tokenRoutes(state, testResultsReadRoutes(state, new StrictRouter())),
  );
  const server = createSimServer({
    name: "TestResults.io",
    router,
    // The customer's host is the root (the demo's `baseUrl`); nothing outside /api is served.
    apiPath: TESTRESULTS_API_PATH,
    authenticate: testResultsAuthenticator(state, testResultsErrorBody),
    errorBody: testResultsErrorBody,
    fieldRefusal: testResultsFieldRefusal,
  });
  return Object.assign(server, {
    state,
    expireTokens() {
      state.auth.clockOffsetSeconds += Math.max(0, state.auth.tokenLifetimeSeconds) + 1;
    },
  });
}
