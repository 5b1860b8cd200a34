/**
 * An overloaded gateway sheds new work at once, with a typed answer and Retry-After, reaching no
 * vendor; /health keeps answering.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { vendors } from "../../src/vendors/registry.js";
import { type GatewayHarness, startGateway } from "../support/gateway-harness.js";

describe("a gateway under pressure", () => {
  let gw: GatewayHarness;
  beforeAll(async () => {
    // Any heap at all is past this limit: the process reads as overloaded from its first sample.
    gw = await startGateway({
      instances: [{ vendor: vendors[0]!, id: "only" }],
      users: 2,
      server: { overload: { maxHeapUsedRatio: 1e-9, sampleIntervalMs: 10 } },
    });
    for (let i = 0; i < 100 && (await gw.gql("{ sources { id } }")).status !== 503; i++) await sleep(10);
  });
  afterAll(() => gw?.stop());

  it("answers GraphQL with 503 SERVER_OVERLOADED and Retry-After, before any vendor call", async () => {
    gw.clearLogs();
    const response = await fetch(gw.rollcall.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ users { nodes { id } } }" }),
    });
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("10");
    const body = (await response.json()) as { errors: Array<{ extensions: Record<string, unknown> }> };
    expect(body.errors[0]?.extensions).toMatchObject({ code: "SERVER_OVERLOADED", retryAfter: 10 });
    expect(gw.upstreamCounts().only).toBe(0);
    expect(gw.logs.filter((line) => /already sent|"level":50/.test(line))).toEqual([]);
  });

  it("keeps answering /health", async () => {
    expect((await fetch(`${gw.rollcall.origin}/health`)).status).toBe(200);
  });
});
