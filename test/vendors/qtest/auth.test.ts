/**
 * qTest authentication through the connector against the simulator over HTTP: a login exchanged at
 * POST /oauth/token then used as a bearer token, renewed once when it expires, then reported.
 */
import { afterEach, describe, expect, it } from "vitest";
import { ErrorCode, SourceError } from "../../../src/model/errors.js";
import { qtest } from "../../../src/vendors/qtest/index.js";
import type { QTestSimulator } from "../../../src/vendors/qtest/simulator/index.js";
import { ADMIN_USER } from "../../../src/vendors/qtest/simulator/seed.js";
import { startVendor, type VendorHarness } from "../../support/vendor-harness.js";

const LOGIN = { username: ADMIN_USER.username, password: ADMIN_USER.password };
const logins = (h: VendorHarness) =>
  h.sim.log.list().filter((e) => e.method === "POST" && e.path === "/oauth/token");
const tokens = (h: VendorHarness) => (h.sim as QTestSimulator).tokens;
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (e: unknown) => e as SourceError,
  );

describe("qTest login", () => {
  let h: VendorHarness;
  afterEach(() => h?.stop());

  it("logs in once at /oauth/token with the site name, then sends the token as bearer", async () => {
    h = await startVendor(qtest, { users: 5, overrides: { auth: LOGIN, site: "apitryout.qtestnet.com" } });
    await h.connector.probe();
    await h.connector.users.list({ filter: {}, offset: 0, limit: 3 }, h.session());
    await h.connector.users.getMany(["789", "1"], h.session());

    expect(h.sim.log.list().map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([
      "POST /oauth/token 200",
      "GET /api/v3/admin-profiles/current 200",
      "GET /api/v3/users/search 200",
      expect.stringMatching(/^GET \/api\/v3\/users\/(789|1) 200$/),
      expect.stringMatching(/^GET \/api\/v3\/users\/(789|1) 200$/),
    ]);
    expect(tokens(h).lastClientName).toBe("apitryout");
    expect(tokens(h).issued).toBe(1);
  });

  it("defaults the site name to the host of baseUrl", async () => {
    h = await startVendor(qtest, { users: 1, overrides: { auth: LOGIN } });
    await h.connector.probe();
    expect(tokens(h).lastClientName).toBe(new URL(h.sim.url).hostname);
  });

  it("shares one login among concurrent first calls", async () => {
    h = await startVendor(qtest, { users: 10, overrides: { auth: LOGIN } });
    await h.connector.users.getMany(["1000", "1001", "1002", "1003", "789"], h.session());
    expect(logins(h)).toHaveLength(1);
  });

  it("renews an expired token once and answers", async () => {
    h = await startVendor(qtest, { users: 5, overrides: { auth: LOGIN } });
    await h.connector.probe();
    tokens(h).expireAll();
    h.sim.log.clear();

    await expect(h.connector.probe()).resolves.toMatchObject({ admin: true });
    expect(h.sim.log.list().map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([
      "GET /api/v3/admin-profiles/current 401",
      "POST /oauth/token 200",
      "GET /api/v3/admin-profiles/current 200",
    ]);
  });

  it("renews once for a whole burst of calls that met the expired token", async () => {
    h = await startVendor(qtest, { users: 10, overrides: { auth: LOGIN } });
    await h.connector.probe();
    tokens(h).expireAll();
    h.sim.log.clear();

    const users = await h.connector.users.getMany(
      ["1000", "1001", "1002", "1003", "1004", "789"],
      h.session(),
    );
    expect(users.every((u) => !(u instanceof Error))).toBe(true);
    expect(h.sim.log.list().filter((e) => e.status === 401).length).toBe(6);
    expect(logins(h)).toHaveLength(1);
  });

  it("reports a token rejected again after renewal as SOURCE_AUTH_FAILED", async () => {
    h = await startVendor(qtest, { users: 1, overrides: { auth: LOGIN } });
    await h.connector.probe();
    tokens(h).ttlSeconds = 0; // every new token is dead on arrival
    tokens(h).expireAll();
    h.sim.log.clear();

    const error = await failure(h.connector.probe());
    expect(error).toBeInstanceOf(SourceError);
    expect(error?.code).toBe(ErrorCode.SOURCE_AUTH_FAILED);
    expect(h.sim.log.list().map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([
      "GET /api/v3/admin-profiles/current 401",
      "POST /oauth/token 200",
      "GET /api/v3/admin-profiles/current 401",
    ]);
  });

  it("reports a wrong password without retrying the login or showing the password", async () => {
    const password = "not-the-password-s3cr3t";
    h = await startVendor(qtest, { users: 1, overrides: { auth: { ...LOGIN, password } } });
    const error = await failure(h.connector.probe());
    expect(error?.code).toBe(ErrorCode.SOURCE_AUTH_FAILED);
    expect(error?.vendorMessage).toBe("Bad credentials");
    expect(JSON.stringify({ m: error?.message, ...error })).not.toContain(password);
    expect(h.sim.log.list().map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([
      "POST /oauth/token 401",
    ]);
  });

  it("reports a rejected API token at once: a fixed token cannot be renewed", async () => {
    h = await startVendor(qtest, { users: 1, overrides: { auth: { token: "revoked-token" } } });
    const error = await failure(h.connector.probe());
    expect(error?.code).toBe(ErrorCode.SOURCE_AUTH_FAILED);
    expect(logins(h)).toHaveLength(0);
    expect(h.sim.log.list()).toHaveLength(1);
  });
});
