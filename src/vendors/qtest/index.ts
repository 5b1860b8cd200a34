import type { VendorModule } from "../vendor-module.js";
import { type QTestConfig, qtestConfigSchema } from "./config.js";
import { createQTestConnector, VENDOR } from "./connector.js";
import { QTEST_DEMO_TOKEN } from "./simulator/auth.js";
import { createQTestSimulator } from "./simulator/index.js";

export const qtest: VendorModule<QTestConfig> = {
  kind: "qtest",
  vendor: VENDOR,
  configSchema: qtestConfigSchema,
  createConnector: createQTestConnector,
  simulator: {
    create: createQTestSimulator,
    demoSource: (url, id) => ({ id, kind: "qtest", baseUrl: url, auth: { token: QTEST_DEMO_TOKEN } }),
    unknownId: "999999",
  },
};
