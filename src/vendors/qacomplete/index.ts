import type { VendorModule } from "../vendor-module.js";
import { type QacConfig, qacConfigSchema } from "./config.js";
import { createQacConnector, VENDOR } from "./connector.js";
import { qacCosts } from "./costs.js";
import { createQacSimulator } from "./simulator/index.js";
import { DOC_DEPT_ID, QAC_DEMO_LOGIN, QAC_DEMO_PASSWORD } from "./simulator/seed.js";

export const qacomplete: VendorModule<QacConfig> = {
  kind: "qacomplete",
  vendor: VENDOR,
  configSchema: qacConfigSchema,
  createConnector: createQacConnector,
  costs: qacCosts,
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
  },
};
