/**
 * `probe()` tells whether Rollcall's account holds the vendor's admin rights, from one call the
 * vendor answers about that account; where the vendor's answer can't tell, it says null.
 */
import { describe, expect, it } from "vitest";
import { ErrorCode, SourceError } from "../../src/model/errors.js";
import { person } from "../../src/simulator/people.js";
import type { ProbeResult } from "../../src/vendors/connector.js";
import { qacomplete } from "../../src/vendors/qacomplete/index.js";
import { qtest } from "../../src/vendors/qtest/index.js";
import { ADMIN_USER, EXAMPLE_USER } from "../../src/vendors/qtest/simulator/seed.js";
import { squashTm } from "../../src/vendors/squash-tm/index.js";
import { testRail } from "../../src/vendors/testrail/index.js";
import { USER_PASSWORD } from "../../src/vendors/testrail/simulator/state.js";
import { testResults } from "../../src/vendors/testresults/index.js";
import { SIM_PASSWORD } from "../../src/vendors/testresults/simulator/state.js";
import type { VendorModule } from "../../src/vendors/vendor-module.js";
import { startVendor } from "../support/vendor-harness.js";

/** A generated person who is active and no admin in any simulator (admins are every 25th). */
const plain = person(0);

/** Probes with the given auth (default: the demo account) and lists the calls that reached the simulator. */
async function probeAs(
  vendor: VendorModule,
  auth?: Record<string, unknown>,
): Promise<{ result: ProbeResult | SourceError; calls: string[] }> {
  const h = await startVendor(vendor, { users: 1, ...(auth && { overrides: { auth } }) });
  try {
    const result = await h.connector.probe().catch((e: SourceError) => e);
    return { result, calls: h.sim.log.list().map((e) => `${e.method} ${e.path}`) };
  } finally {
    await h.stop();
  }
}

describe("probe() answers whether Rollcall's account has the vendor's admin rights", () => {
  it("qTest: the caller's admin profile's manage_client_user, in one call after the login", async () => {
    const admin = await probeAs(qtest, { username: ADMIN_USER.username, password: ADMIN_USER.password });
    expect(admin.result).toEqual({
      admin: true,
      adminBasis: "GET /api/v3/admin-profiles/current: manage_client_user",
    });
    expect(admin.calls).toEqual(["POST /oauth/token", "GET /api/v3/admin-profiles/current"]);
    const user = await probeAs(qtest, { username: EXAMPLE_USER.username, password: EXAMPLE_USER.password });
    expect(user.result).toMatchObject({ admin: false });
  });

  it("TestRail: get_current_user's is_admin", async () => {
    const admin = await probeAs(testRail);
    expect(admin.result).toEqual({ admin: true, adminBasis: "get_current_user: is_admin" });
    expect(admin.calls).toHaveLength(1);
    const user = await probeAs(testRail, {
      username: "alexis.gonzalez@example.com",
      password: USER_PASSWORD,
    });
    expect(user.result).toMatchObject({ admin: false });
  });

  it("TestResults.io: UserManagement in the caller's UsagePermission", async () => {
    const admin = await probeAs(testResults);
    expect(admin.result).toMatchObject({ admin: true });
    expect(admin.calls).toEqual(["POST /token/login", "GET /users/current"]);
    const user = await probeAs(testResults, { email: "rudi.adigbli@progile.ch", password: SIM_PASSWORD });
    expect(user.result).toMatchObject({ admin: false });
  });

  it("Squash TM with a login: the account's own group; with an API token: unknown", async () => {
    const admin = await probeAs(squashTm, { username: "admin", password: "admin" });
    expect(admin.result).toEqual({ admin: true, adminBasis: 'GET /users/login/{login}: group "Admin"' });
    expect(admin.calls).toEqual(["GET /users/login/admin"]);
    const user = await probeAs(squashTm, { username: plain.handle, password: "password" });
    expect(user.result).toMatchObject({ admin: false });
    const token = await probeAs(squashTm);
    expect(token.result).toMatchObject({ admin: null });
    expect((token.result as ProbeResult).adminBasis).toMatch(/API token/);
  });

  it("QAComplete: its admin-only users route answers for an admin and refuses anyone else", async () => {
    const admin = await probeAs(qacomplete);
    expect(admin.result).toMatchObject({ admin: true });
    expect(admin.calls).toHaveLength(1);
    const user = await probeAs(qacomplete, { username: plain.email, password: "password" });
    expect(user.result).toBeInstanceOf(SourceError);
    expect((user.result as SourceError).code).toBe(ErrorCode.SOURCE_FORBIDDEN);
  });
});
