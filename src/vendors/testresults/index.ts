import type { VendorModule } from "../vendor-module.js";
import { type TestResultsConfig, testResultsConfigSchema } from "./config.js";
import { createTestResultsConnector, VENDOR } from "./connector.js";
import { testResultsCosts, testResultsFloor } from "./costs.js";
import { testResultsDocExamples } from "./doc-examples.js";
import { TESTRESULTS_DEMO_TOKEN } from "./simulator/auth.js";
import { createTestResultsSimulator } from "./simulator/index.js";
import { DEMO_ADMIN } from "./simulator/state.js";

export const testResults: VendorModule<TestResultsConfig> = {
  kind: "testresults",
  vendor: VENDOR,
  configSchema: testResultsConfigSchema,
  createConnector: createTestResultsConnector,
  costs: testResultsCosts,
  floor: testResultsFloor,
  logins: { reported: true, basis: "the user payload's `LastLogin` (README, Mapping)" },
  // Loaded when a benchmark or test asks: the gateway never needs it.
  handwritten: async (source, first) => (await import("./handwritten.js")).users(source as never, first),
  simulator: {
    create: createTestResultsSimulator,
    // The demo signs in like a real deployment would; `TESTRESULTS_DEMO_TOKEN` serves `{ token }`.
    demoSource: (url, id) => ({
      id,
      kind: "testresults",
      baseUrl: url,
      auth: { email: DEMO_ADMIN.email, password: DEMO_ADMIN.password },
    }),
    demoAuths: [
      { email: DEMO_ADMIN.email, password: DEMO_ADMIN.password },
      { token: TESTRESULTS_DEMO_TOKEN },
    ],
    unknownId: "00000000-0000-4000-8000-00000000dead",
    docExamples: testResultsDocExamples,
    // No projects: a new account needs its one user group, the seed's testers'.
    demoOnboarding: { groups: ["Test Engineer"] },
  },
};
