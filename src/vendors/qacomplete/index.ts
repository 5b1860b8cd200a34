import type { VendorModule } from "../vendor-module.js";
import { type QacConfig, qacConfigSchema } from "./config.js";
import { createQacConnector, VENDOR } from "./connector.js";
import { qacCosts, qacFloor } from "./costs.js";
import { qacDocExamples } from "./doc-examples.js";
import { createQacSimulator } from "./simulator/index.js";
import { DOC_DEPT_ID, QAC_DEMO_LOGIN, QAC_DEMO_PASSWORD } from "./simulator/seed.js";

export const qacomplete: VendorModule<QacConfig> = {
  kind: "qacomplete",
  vendor: VENDOR,
  configSchema: qacConfigSchema,
  createConnector: createQacConnector,
  costs: qacCosts,
  floor: qacFloor,
  logins: { reported: false, basis: "README, Mapping: no user payload carries a last-logon date" },
  // Loaded when a benchmark or test asks: the gateway never needs it.
  handwritten: async (source, first) => (await import("./handwritten.js")).users(source as never, first),
  simulator: {
    create: createQacSimulator,
    demoSource: (url, id) => ({
      id,
      kind: "qacomplete",
      baseUrl: url,
      departmentId: DOC_DEPT_ID,
      auth: { username: QAC_DEMO_LOGIN, password: QAC_DEMO_PASSWORD },
    }),
    demoAuths: [{ username: QAC_DEMO_LOGIN, password: QAC_DEMO_PASSWORD }],
    unknownId: "999999",
    docExamples: qacDocExamples,
    // A seeded project with the doc's testers' security group.
    demoOnboarding: { grants: [{ project: "Mobile Banking", role: "Testers" }] },
  },
};
