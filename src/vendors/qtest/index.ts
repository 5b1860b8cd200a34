import type { VendorModule } from "../vendor-module.js";
import { type QTestConfig, qtestConfigSchema } from "./config.js";
import { createQTestConnector, VENDOR } from "./connector.js";
import { qtestCosts } from "./costs.js";
import { QTEST_DEMO_TOKEN } from "./simulator/auth.js";
import { createQTestSimulator } from "./simulator/index.js";
import { ADMIN_USER } from "./simulator/seed.js";

export const qtest: VendorModule<QTestConfig> = {
  kind: "qtest",
  vendor: VENDOR,
  configSchema: qtestConfigSchema,
  createConnector: createQTestConnector,
  costs: qtestCosts,
  simulator: {
    create: createQTestSimulator,
    demoSource: (url, id) => ({ id, kind: "qtest", baseUrl: url, auth: { token: QTEST_DEMO_TOKEN } }),
    demoAuths: [
      { token: QTEST_DEMO_TOKEN },
      { username: ADMIN_USER.username, password: ADMIN_USER.password },
    ],
    unknownId: "999999",
  },
};
