import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { parseConfig } from "../../../src/config/load-config.js";
import { ErrorCode, SourceError } from "../../../src/model/errors.js";
import type { TestResultsConfig } from "../../../src/vendors/testresults/config.js";
import { createTestResultsConnector } from "../../../src/vendors/testresults/connector.js";
import { testResults } from "../../../src/vendors/testresults/index.js";
import { TESTRESULTS_DEMO_TOKEN } from "../../../src/vendors/testresults/simulator/auth.js";
import type { TestResultsSimulator } from "../../../src/vendors/testresults/simulator/index.js";
import { DEMO_ADMIN } from "../../../src/vendors/testresults/simulator/state.js";
import { startVendor, type VendorHarness } from "../../support/vendor-harness.js";
import { fixture } from "./fixtures.js";

const started: VendorHarness[] = [];
async function start(overrides?: Record<string, unknown>) {
  const h = await startVendor(testResults, { users: 5, overrides });
  started.push(h);
  return { h, sim: h.sim as TestResultsSimulator };
}
afterEach(async () => {
  await Promise.all(started.splice(0).map((h) => h.stop()));
});

const calls = (h: VendorHarness) => h.sim.log.list().map((e) => `${e.method} ${e.path} ${e.status}`);
const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as SourceError,
  );

describe("TestResults.io authentication", () => {
  it("sends a { token } config as the raw JWT in the `Authentication` header", async () => {
    const seen: http.IncomingHttpHeaders[] = [];
    const server = http.createServer((req, res) => {
      seen.push(req.headers);
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(fixture<unknown[]>("group-users-automation-engineer.json")[0]));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as AddressInfo;
    const config = parseConfig({
      sources: [
        { id: "tr", kind: "testresults", baseUrl: `http://127.0.0.1:${port}`, auth: { token: "a.b.c" } },
      ],
    }).sources[0] as TestResultsConfig;
    const connector = createTestResultsConnector(config);
    try {
      await connector.probe();
    } finally {
      await connector.close();
      await new Promise((r) => server.close(r));
    }
    expect(seen).toHaveLength(1);
    expect(seen[0]?.authentication).toBe("a.b.c");
    expect(seen[0]?.authorization).toBeUndefined();
  });

  it("reads with the simulator's demo token without ever logging in", async () => {
    const { h } = await start({ auth: { token: TESTRESULTS_DEMO_TOKEN } });
    const page = await h.connector.users.list({ filter: {}, offset: 0, limit: 3 }, h.session());
    expect(page.items).toHaveLength(3);
    expect(calls(h).some((c) => c.includes("/token/login"))).toBe(false);
  });

  it("rejects a wrong token as SOURCE_AUTH_FAILED without trying to renew it", async () => {
    const { h } = await start({ auth: { token: "not-a-jwt" } });
    const error = await failure(h.connector.probe());
    expect(error).toBeInstanceOf(SourceError);
    expect(error?.code).toBe(ErrorCode.SOURCE_AUTH_FAILED);
    expect(calls(h)).toEqual(["GET /users/current 401"]);
  });

  it("logs in with email and password once, then reuses the token", async () => {
    const { h } = await start();
    expect(h.config).toMatchObject({ auth: { email: DEMO_ADMIN.email } });
    await h.connector.probe();
    await h.connector.probe();
    expect(calls(h)).toEqual(["POST /token/login 200", "GET /users/current 200", "GET /users/current 200"]);
  });

  it("shares one login among concurrent first requests", async () => {
    const { h } = await start();
    await Promise.all([1, 2, 3, 4, 5].map(() => h.connector.probe()));
    expect(calls(h).filter((c) => c.startsWith("POST /token/login"))).toHaveLength(1);
  });

  it("logs in again once when the token has expired, and carries on", async () => {
    const { h, sim } = await start();
    await h.connector.probe();
    h.sim.log.clear();
    sim.expireTokens();
    await h.connector.probe();
    expect(calls(h)).toEqual(["GET /users/current 401", "POST /token/login 200", "GET /users/current 200"]);
  });

  it("reports a second rejection after renewing as SOURCE_AUTH_FAILED", async () => {
    const { h, sim } = await start();
    sim.state.auth.tokenLifetimeSeconds = 0; // every token it issues is already expired
    const error = await failure(h.connector.probe());
    expect(error?.code).toBe(ErrorCode.SOURCE_AUTH_FAILED);
    expect(calls(h)).toEqual([
      "POST /token/login 200",
      "GET /users/current 401",
      "POST /token/login 200",
      "GET /users/current 401",
    ]);
  });

  it("reports a wrong password as SOURCE_AUTH_FAILED, without the password", async () => {
    const secret = "wr0ng-pa55word";
    const { h } = await start({ auth: { email: DEMO_ADMIN.email, password: secret } });
    const error = await failure(h.connector.probe());
    expect(error?.code).toBe(ErrorCode.SOURCE_AUTH_FAILED);
    expect(error?.vendorMessage).toBe("Invalid email or password.");
    expect(JSON.stringify({ message: error?.message, ...error })).not.toContain(secret);
    expect(calls(h)).toEqual(["POST /token/login 401"]);
  });

  it("fails a renewal whose login is refused (password changed meanwhile) as SOURCE_AUTH_FAILED", async () => {
    const { h, sim } = await start();
    await h.connector.probe();
    sim.state.passwords.set(DEMO_ADMIN.id, "changed");
    sim.expireTokens();
    const error = await failure(h.connector.probe());
    expect(error?.code).toBe(ErrorCode.SOURCE_AUTH_FAILED);
    expect(calls(h).slice(-2)).toEqual(["GET /users/current 401", "POST /token/login 401"]);
  });
});
