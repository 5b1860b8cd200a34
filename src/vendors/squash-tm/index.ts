import type { VendorModule } from "../vendor-module.js";
import { type SquashConfig, squashConfigSchema } from "./config.js";
import { createSquashConnector } from "./connector.js";
import { squashCosts, squashFloor } from "./costs.js";
import { squashDocExamples } from "./doc-examples.js";
import { SQUASH_DEMO_TOKEN } from "./simulator/auth.js";
import { createSquashSimulator } from "./simulator/index.js";
import { VENDOR } from "./vendor.js";

export const squashTm: VendorModule<SquashConfig> = {
  kind: "squash-tm",
  vendor: VENDOR,
  configSchema: squashConfigSchema,
  createConnector: createSquashConnector,
  costs: squashCosts,
  floor: squashFloor,
  logins: { reported: true, basis: "the user payload's `last_connected_on` (mapper.ts)" },
  // Loaded when a benchmark or test asks: the gateway never needs it.
  handwritten: async (source, first) => (await import("./handwritten.js")).users(source as never, first),
  simulator: {
    create: createSquashSimulator,
    demoSource: (url, id) => ({ id, kind: "squash-tm", baseUrl: url, auth: { token: SQUASH_DEMO_TOKEN } }),
    demoAuths: [{ token: SQUASH_DEMO_TOKEN }, { username: "admin", password: "admin" }], // seed in state.ts
    unknownId: "999999",
    docExamples: squashDocExamples,
    // A seeded project with the permission group of a tester, and the seeded mobile QA team.
    demoOnboarding: { grants: [{ project: "Mobile Banking", role: "test_runner" }], teams: ["QA Mobile"] },
  },
};
