/**
 * `probe()` tells whether Rollcall's account holds the vendor's admin rights, from one call the
 * vendor answers about that account; where the vendor's answer can't tell, it says null.
 */
import { expect, it } from "vitest";
import { testRail } from "../../../src/vendors/testrail/index.js";
import { USER_PASSWORD } from "../../../src/vendors/testrail/simulator/state.js";
import { probeAs } from "../../support/vendor-harness.js";

it("reads get_current_user's is_admin", async () => {
  const admin = await probeAs(testRail);
  expect(admin.result).toEqual({ admin: true, adminBasis: "get_current_user: is_admin" });
  expect(admin.calls).toHaveLength(1);
  const user = await probeAs(testRail, { username: "alexis.gonzalez@example.com", password: USER_PASSWORD });
  expect(user.result).toMatchObject({ admin: false });
});
