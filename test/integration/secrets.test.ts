import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { squashTm } from "../../src/vendors/squash-tm/index.js";
import { type GatewayHarness, startGateway } from "../support/gateway-harness.js";

const SECRET = "hunter2-very-secret-password";

describe("secrets", () => {
  let gw: GatewayHarness;
  beforeAll(async () => {
    gw = await startGateway({
      instances: [{ vendor: squashTm, id: "squash" }],
      users: 2,
      sourceOverrides: { squash: { auth: { username: "admin", password: SECRET } } },
      extraConfig: { logging: { level: "trace" } },
    });
  });
  afterAll(() => gw?.stop());

  it("never appear in errors, responses or logs, even when the vendor rejects them", async () => {
    const response = await gw.gql(
      `{ sources { id baseUrl status { reachable problem { code message } } } users { nodes { id } } }`,
    );
    expect(response.errors?.[0]?.extensions).toMatchObject({
      code: "SOURCE_AUTH_FAILED",
      source: "squash",
      httpStatus: 401,
    });
    expect(JSON.stringify(response)).not.toContain(SECRET);
    expect(JSON.stringify(response)).not.toContain(Buffer.from(`admin:${SECRET}`).toString("base64"));
    await fetch(`${gw.rollcall.origin}/health/sources`)
      .then((r) => r.text())
      .then((t) => expect(t).not.toContain(SECRET));
    const metrics = await fetch(`${gw.rollcall.origin}/metrics`).then((r) => r.text());
    expect(metrics).toContain('rollcall_upstream_requests_total{source="squash",method="GET",status="401"}');
    expect(gw.logs.length).toBeGreaterThan(0);
    expect(gw.logs.join("\n")).not.toContain(SECRET);
  });
});
