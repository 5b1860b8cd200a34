import type { QTestConfig } from "../../../src/vendors/qtest/config.js";
import { qtest } from "../../../src/vendors/qtest/index.js";
import { createQTestSimulator } from "../../../src/vendors/qtest/simulator/index.js";
import type { QTestInstance } from "../../../src/vendors/qtest/simulator/state.js";
import type { VendorModule } from "../../../src/vendors/vendor-module.js";

/** The qTest vendor module with a simulator that plays an instance differing from the documented
 *  shape (for the vendor and gateway harnesses, which create simulators through the module). */
export function qtestInstance(instance: Partial<QTestInstance>): VendorModule<QTestConfig> {
  return {
    ...qtest,
    simulator: {
      ...qtest.simulator,
      create: (options) => createQTestSimulator({ ...options, ...instance }),
    },
  };
}

/** An instance that names member profiles and admin profiles (Rollcall's former [I] guess). */
export const withProfiles = qtestInstance({ memberProfiles: true, adminProfiles: true });
