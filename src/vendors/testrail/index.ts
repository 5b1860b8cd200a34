import type { VendorModule } from "../vendor-module.js";
import { type TestRailConfig, testRailConfigSchema } from "./config.js";
import { createTestRailConnector, VENDOR } from "./connector.js";
import { testRailCosts } from "./costs.js";
import { createTestRailSimulator } from "./simulator/index.js";
import { DEMO_API_KEY, DEMO_EMAIL, DEMO_PASSWORD } from "./simulator/state.js";

export const testRail: VendorModule<TestRailConfig> = {
  kind: "testrail",
  vendor: VENDOR,
  configSchema: testRailConfigSchema,
  createConnector: createTestRailConnector,
  costs: testRailCosts,
  simulator: {
    create: createTestRailSimulator,
    demoSource: (url, id) => ({
      id,
      kind: "testrail",
      baseUrl: url,
      auth: { username: DEMO_EMAIL, password: DEMO_API_KEY },
    }),
    demoAuths: [DEMO_API_KEY, DEMO_PASSWORD].map((password) => ({ username: DEMO_EMAIL, password })),
    unknownId: "999999",
  },
};
