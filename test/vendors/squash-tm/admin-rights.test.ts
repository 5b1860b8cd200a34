/**
 * `probe()` tells whether Rollcall's account holds the vendor's admin rights, from one call the
 * vendor answers about that account; where the vendor's answer can't tell, it says null.
 */
import { expect, it } from "vitest";
import { person } from "../../../src/simulator/people.js";
import type { ProbeResult } from "../../../src/vendors/connector.js";
import { squashTm } from "../../../src/vendors/squash-tm/index.js";
import { probeAs } from "../../support/vendor-harness.js";

/** A generated person who is active and no admin (admins are every 25th). */
const plain = person(0);

it("reads the account's own group with a login, and says unknown with an API token", async () => {
  const admin = await probeAs(squashTm, { username: "admin", password: "admin" });
  expect(admin.result).toEqual({ admin: true, adminBasis: 'GET /users/login/{login}: group "Admin"' });
  expect(admin.calls).toEqual(["GET /users/login/admin"]);
  const user = await probeAs(squashTm, { username: plain.handle, password: "password" });
  expect(user.result).toMatchObject({ admin: false });
  const token = await probeAs(squashTm);
  expect(token.result).toMatchObject({ admin: null });
  expect((token.result as ProbeResult).adminBasis).toMatch(/API token/);
});
