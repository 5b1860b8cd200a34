import { type SimResponse, SimRouter } from "../../../simulator/router.js";
import { createSimServer, type SimServer } from "../../../simulator/sim-server.js";
import type { SimulatorOptions } from "../../vendor-module.js";
import { loginRoutes, qtestAuthenticator, TokenStore } from "./auth.js";
import { qtestReadRoutes } from "./routes.js";
import { seedQTest } from "./seed.js";
import type { QTestInstance, QTestState } from "./state.js";
import { qtestWriteRoutes } from "./write-routes.js";

/** qTest errors are `{"message": …}` (Message / ErrorMessage models). */
export function qtestErrorBody(status: number, message: string): SimResponse {
  return { status, body: { message } };
}

/** [I] qTest's refusal of a body property (undocumented words): 400 naming it, like the
 *  simulator's own checks (`Invalid first_name: must be a string`). */
function qtestFieldRefusal(property: string): SimResponse {
  return qtestErrorBody(400, `Invalid ${property}: not accepted`);
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

/** The generated users, and where this instance differs from the documented shape (`QTestInstance`). */
export interface QTestSimulatorOptions extends SimulatorOptions, Partial<QTestInstance> {}

export interface QTestSimulator extends SimServer {
  readonly state: QTestState;
  /** What the instance shows and serves; switchable while it runs. */
  readonly instance: QTestInstance;
  /** Issued tokens and the switches to expire them. */
  readonly tokens: TokenStore;
}

/**
 * qTest Manager at the site root: `/oauth/token` and `/api/v3/...`. By default it shows what the docs
 * show and nothing more (no member or admin profiles); `memberProfiles`, `adminProfiles` and
 * `groups: false` play instances that differ.
 */
export function createQTestSimulator(options: QTestSimulatorOptions = {}): QTestSimulator {
  const state = seedQTest(options.users ?? 60);
  const { instance } = state;
  instance.memberProfiles = options.memberProfiles ?? instance.memberProfiles;
  instance.adminProfiles = options.adminProfiles ?? instance.adminProfiles;
  instance.groups = options.groups ?? instance.groups;
  const tokens = new TokenStore();
  const reads = qtestReadRoutes(state, tokens, loginRoutes(new SimRouter(), state, tokens));
  const router = qtestWriteRoutes(state, tokens, reads);
  const server = createSimServer({
    name: "Tricentis qTest Manager",
    router,
    authenticate: qtestAuthenticator(tokens, qtestErrorBody),
    errorBody: qtestErrorBody,
    rateLimited: qtestRateLimited,
    fieldRefusal: qtestFieldRefusal,
  });
  return Object.assign(server, { state, instance: state.instance, tokens });
}
