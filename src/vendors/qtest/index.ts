import type { VendorModule } from "../vendor-module.js";
import { type QTestConfig, qtestConfigSchema, VENDOR } from "./config.js";
import { createQTestConnector } from "./connector.js";
import { qtestCosts, qtestFloor } from "./costs.js";
import { qtestDocExamples } from "./doc-examples.js";
import { QTEST_DEMO_TOKEN } from "./simulator/auth.js";
import { createQTestSimulator } from "./simulator/index.js";
import { ADMIN_USER } from "./simulator/seed.js";

export const qtest: VendorModule<QTestConfig> = {
  kind: "qtest",
  vendor: VENDOR,
  configSchema: qtestConfigSchema,
  createConnector: createQTestConnector,
  costs: qtestCosts,
  floor: qtestFloor,
  logins: { reported: false, basis: "README, Quirks: user payloads have no dates at all" },
  // Loaded when a benchmark or test asks: the gateway never needs it.
  handwritten: async (source, first) => (await import("./handwritten.js")).users(source as never, first),
  simulator: {
    create: createQTestSimulator,
    demoSource: (url, id) => ({ id, kind: "qtest", baseUrl: url, auth: { token: QTEST_DEMO_TOKEN } }),
    demoAuths: [
      { token: QTEST_DEMO_TOKEN },
      { username: ADMIN_USER.username, password: ADMIN_USER.password },
    ],
    unknownId: "999999",
    docExamples: qtestDocExamples,
    // A sample project of the seed, with the profile its everyday testers hold.
    demoOnboarding: { grants: [{ project: "Mobile Banking", role: "Tester" }] },
  },
};
