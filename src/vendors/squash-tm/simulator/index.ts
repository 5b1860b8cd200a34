import type { SimResponse } from "../../../simulator/router.js";
import { createSimServer, type SimServer } from "../../../simulator/sim-server.js";
import type { SimulatorOptions } from "../../vendor-module.js";
import { squashAuthenticator } from "./auth.js";
import { API_PATH } from "./hal.js";
import { squashReadRoutes } from "./routes.js";
import { type SquashState, seedSquash } from "./state.js";

/** Squash TM answers errors as `{exception, message}` with the Java exception's class name. */
const EXCEPTIONS: Record<number, string> = {
  400: "java.lang.IllegalArgumentException",
  401: "org.springframework.security.authentication.InsufficientAuthenticationException",
  403: "org.springframework.security.access.AccessDeniedException",
  404: "javax.persistence.EntityNotFoundException",
  405: "org.springframework.web.HttpRequestMethodNotSupportedException",
  409: "org.squashtest.tm.exception.DomainException",
};

export function squashErrorBody(status: number, message: string): SimResponse {
  return { status, body: { exception: EXCEPTIONS[status] ?? "java.lang.RuntimeException", message } };
}

/** Where the simulated instance lives, like a real on-premise install under `/squash`. */
export const SQUASH_ROOT = "/squash";

export interface SquashSimulator extends SimServer {
  readonly state: SquashState;
}

export function createSquashSimulator(options: SimulatorOptions = {}): SquashSimulator {
  const state = seedSquash(options.users ?? 60);
  const router = squashReadRoutes(state, SQUASH_ROOT);
  const server = createSimServer({
    name: "Squash TM",
    router,
    rootPath: SQUASH_ROOT,
    apiPath: API_PATH,
    authenticate: squashAuthenticator(state, squashErrorBody),
    errorBody: squashErrorBody,
  });
  return Object.assign(server, { state });
}
