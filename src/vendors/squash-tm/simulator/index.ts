import { createSimServer, type SimServer } from "../../../simulator/sim-server.js";
import type { SimulatorOptions } from "../../vendor-module.js";
import { squashAuthenticator } from "./auth.js";
import { squashErrorBody, squashFieldRefusal } from "./errors.js";
import { API_PATH } from "./hal.js";
import { PERMISSION_READS, type PermissionReads, type SquashPermissionModel } from "./permission-models.js";
import { refusesAccept } from "./request-rules.js";
import { squashReadRoutes } from "./routes.js";
import { type SquashState, seedSquash } from "./state.js";
import { squashWriteRoutes } from "./write-routes.js";

export type { SquashPermissionModel };
export { squashErrorBody };

/** Where the simulated instance lives, like a real on-premise install under `/squash`. */
export const SQUASH_ROOT = "/squash";

export interface SquashSimulatorOptions extends SimulatorOptions {
  /** Which permission reads the instance serves (permission-models.ts); default `clearances`. */
  readonly permissionModel?: SquashPermissionModel;
  /** Any other combination of the three reads (an instance serving none of them, say); wins over
   *  `permissionModel`. */
  readonly permissionReads?: PermissionReads;
  /** False: an instance without the admin plugin's by-login reads (`GET /users/login/{login}` and
   *  its teams), which answers 404 to them like to a login nobody holds. Default true. */
  readonly byLoginReads?: boolean;
}

export interface SquashSimulator extends SimServer {
  readonly state: SquashState;
  readonly permissionModel: SquashPermissionModel;
}

export function createSquashSimulator(options: SquashSimulatorOptions = {}): SquashSimulator {
  const permissionModel = options.permissionModel ?? "clearances";
  const state = seedSquash(options.users ?? 60);
  const reads = squashReadRoutes(
    state,
    SQUASH_ROOT,
    options.permissionReads ?? PERMISSION_READS[permissionModel],
    options.byLoginReads ?? true,
  );
  const router = squashWriteRoutes(state, SQUASH_ROOT, reads);
  const authenticate = squashAuthenticator(state, squashErrorBody);
  const server = createSimServer({
    name: "Squash TM",
    router,
    rootPath: SQUASH_ROOT,
    apiPath: API_PATH,
    // Spring Security answers first (401), then content negotiation (406).
    authenticate: (request) => authenticate(request) ?? refusesAccept(request),
    errorBody: squashErrorBody,
    fieldRefusal: squashFieldRefusal,
  });
  return Object.assign(server, { state, permissionModel });
}
