import { FaultController } from "../../../simulator/faults.js";
import { type SimResponse, SimRouter } from "../../../simulator/router.js";
import { createSimServer, type SimServer } from "../../../simulator/sim-server.js";
import type { SimulatorOptions } from "../../vendor-module.js";
import { loginRoutes, qtestAuthenticator, TokenStore } from "./auth.js";
import { qtestReadRoutes } from "./routes.js";
import { seedQTest } from "./seed.js";
import type { QTestState } from "./state.js";
import { qtestWriteRoutes } from "./write-routes.js";

/** qTest errors are `{"message": …}` (Message / ErrorMessage models). */
export function qtestErrorBody(status: number, message: string): SimResponse {
  return { status, body: { message } };
}

/** The documented 429 (REFERENCE §1.4): its body and the API gateway's rate-limit headers. */
export function qtestRateLimited(retryAfterSeconds: number): SimResponse {
  return {
    status: 429,
    body: { message: "API rate limit exceeded" },
    headers: {
      "ratelimit-reset": String(retryAfterSeconds),
      "ratelimit-limit": "10",
      "ratelimit-remaining": "0",
      "x-ratelimit-limit-minute": "10",
      "x-ratelimit-remaining-minute": "0",
      "x-ratelimit-limit-month": "1000000",
      "x-ratelimit-remaining-month": "999990",
    },
  };
}

export interface QTestSimulator extends SimServer {
  readonly state: QTestState;
  /** Issued tokens and the switches to expire them. */
  readonly tokens: TokenStore;
  /**
   * Writes whose answer is lost after they are done (answered 502), for tests of a write's unknown
   * outcome: `lostAnswers.inject({ kind: "5xx", match: "POST /api/v3/users", times: 1 })`. The shared
   * `faults` answer before the write happens.
   */
  readonly lostAnswers: FaultController;
}

/** qTest Manager at the site root: `/oauth/token` and `/api/v3/...`. */
export function createQTestSimulator(options: SimulatorOptions = {}): QTestSimulator {
  const state = seedQTest(options.users ?? 60);
  const tokens = new TokenStore();
  const lostAnswers = new FaultController();
  const reads = qtestReadRoutes(state, tokens, loginRoutes(new SimRouter(), state, tokens));
  const router = qtestWriteRoutes(state, tokens, reads, lostAnswers);
  const server = createSimServer({
    name: "Tricentis qTest Manager",
    router,
    authenticate: qtestAuthenticator(tokens, qtestErrorBody),
    errorBody: qtestErrorBody,
    rateLimited: qtestRateLimited,
  });
  return Object.assign(server, { state, tokens, lostAnswers });
}
