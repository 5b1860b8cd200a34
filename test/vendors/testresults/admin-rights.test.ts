/**
 * `probe()` tells whether Rollcall's account holds the vendor's admin rights, from one call the
 * vendor answers about that account; where the vendor's answer can't tell, it says null.
 */
import { expect, it } from "vitest";
import { testResults } from "../../../src/vendors/testresults/index.js";
import { SIM_PASSWORD } from "../../../src/vendors/testresults/simulator/state.js";
import { probeAs } from "../../support/vendor-harness.js";

it("finds UserManagement in the caller's UsagePermission", async () => {
  const admin = await probeAs(testResults);
  expect(admin.result).toMatchObject({ admin: true });
  expect(admin.calls).toEqual(["POST /token/login", "GET /users/current"]);
  const user = await probeAs(testResults, { email: "rudi.adigbli@progile.ch", password: SIM_PASSWORD });
  expect(user.result).toMatchObject({ admin: false });
});
