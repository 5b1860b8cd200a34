import type { VendorModule } from "../vendor-module.js";
import { type TestRailConfig, testRailConfigSchema } from "./config.js";
import { createTestRailConnector, VENDOR } from "./connector.js";
import { testRailCosts, testRailFloor } from "./costs.js";
import { testRailDocExamples } from "./doc-examples.js";
import { createTestRailSimulator } from "./simulator/index.js";
import { DEMO_API_KEY, DEMO_EMAIL, DEMO_PASSWORD } from "./simulator/state.js";

export const testRail: VendorModule<TestRailConfig> = {
  kind: "testrail",
  vendor: VENDOR,
  configSchema: testRailConfigSchema,
  createConnector: createTestRailConnector,
  costs: testRailCosts,
  floor: testRailFloor,
  logins: { reported: false, basis: "README, Quirks: users have no timestamps" },
  // Loaded when a benchmark or test asks: the gateway never needs it.
  handwritten: async (source, first) => (await import("./handwritten.js")).users(source as never, first),
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
    docExamples: testRailDocExamples,
    // A seeded project with the seed's tester role, and the QA group.
    demoOnboarding: { grants: [{ project: "Mobile Banking", role: "Tester" }], groups: ["QA Team"] },
  },
};
