/**
 * `probe()` tells whether Rollcall's account holds the vendor's admin rights, from one call the
 * vendor answers about that account; where the vendor's answer can't tell, it says null.
 */
import { expect, it } from "vitest";
import { qtest } from "../../../src/vendors/qtest/index.js";
import { ADMIN_USER, EXAMPLE_USER } from "../../../src/vendors/qtest/simulator/seed.js";
import { probeAs } from "../../support/vendor-harness.js";

it("reads the caller's admin profile's manage_client_user, in one call after the login", async () => {
  const admin = await probeAs(qtest, { username: ADMIN_USER.username, password: ADMIN_USER.password });
  expect(admin.result).toEqual({
    admin: true,
    adminBasis: "GET /api/v3/admin-profiles/current: manage_client_user",
  });
  expect(admin.calls).toEqual(["POST /oauth/token", "GET /api/v3/admin-profiles/current"]);
  const user = await probeAs(qtest, { username: EXAMPLE_USER.username, password: EXAMPLE_USER.password });
  expect(user.result).toMatchObject({ admin: false });
});
