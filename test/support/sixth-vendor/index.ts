import type { VendorModule } from "../../../src/vendors/vendor-module.js";
import { type SixthConfig, sixthConfigSchema, VENDOR } from "./config.js";
import { createSixthConnector } from "./connector.js";
import { sixthCosts, sixthFloor } from "./costs.js";
import { sixthDocExamples } from "./doc-examples.js";
import { SIXTH_DEMO_KEY } from "./simulator/auth.js";
import { createSixthSimulator } from "./simulator/index.js";

export const sixth: VendorModule<SixthConfig> = {
  kind: "sixth",
  vendor: VENDOR,
  configSchema: sixthConfigSchema,
  createConnector: createSixthConnector,
  costs: sixthCosts,
  floor: sixthFloor,
  handwritten: async (source, first) => (await import("./handwritten.js")).users(source as never, first),
  simulator: {
    create: createSixthSimulator,
    demoSource: (url, id) => ({ id, kind: "sixth", baseUrl: url, auth: { apiKey: SIXTH_DEMO_KEY } }),
    demoAuths: [{ apiKey: SIXTH_DEMO_KEY }],
    unknownId: "999999",
    docExamples: sixthDocExamples,
  },
};
