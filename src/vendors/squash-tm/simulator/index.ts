import { createSimServer, type SimServer } from "../../../simulator/sim-server.js";
import type { SimulatorOptions } from "../../vendor-module.js";
import { squashAuthenticator } from "./auth.js";
import { squashErrorBody } from "./errors.js";
import { API_PATH } from "./hal.js";
import { squashReadRoutes } from "./routes.js";
import { type SquashState, seedSquash } from "./state.js";
import { squashWriteRoutes } from "./write-routes.js";

export { squashErrorBody };

/** Where the simulated instance lives, like a real on-premise install under `/squash`. */
export const SQUASH_ROOT = "/squash";

export interface SquashSimulator extends SimServer {
  readonly state: SquashState;
}

export function createSquashSimulator(options: SimulatorOptions = {}): SquashSimulator {
  const state = seedSquash(options.users ?? 60);
  const router = squashWriteRoutes(state, SQUASH_ROOT, squashReadRoutes(state, SQUASH_ROOT));
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
