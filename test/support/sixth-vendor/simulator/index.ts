import { createSimServer, type SimServer } from "../../../../src/simulator/sim-server.js";
import type { SimulatorOptions } from "../../../../src/vendors/vendor-module.js";
import { VENDOR } from "../config.js";
import { authenticate } from "./auth.js";
import { routes } from "./routes.js";
import { seed } from "./state.js";

/** The throwaway vendor's API on the shared simulator kit. */
export function createSixthSimulator(options: SimulatorOptions = {}): SimServer {
  return createSimServer({
    name: VENDOR,
    router: routes(seed(options.users ?? 30)),
    apiPath: "/api",
    authenticate,
    errorBody: (status, message) => ({ status, body: { error: message } }),
  });
}
