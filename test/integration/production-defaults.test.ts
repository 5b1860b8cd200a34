import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newApiKey } from "../../src/server/api-keys.js";
import { type GatewayHarness, startGateway } from "../support/gateway-harness.js";
import { anyVendor } from "../support/pick-vendor.js";

const INTROSPECTION = `{ __schema { queryType { name } } }`;
const reader = newApiKey();
const asReader = { authorization: `Bearer ${reader.key}` };

/** A gateway whose config is read under NODE_ENV=production, with one read key and `server`/`auth` as given. */
function productionGateway(extra: { server?: Record<string, unknown>; auth?: Record<string, unknown> } = {}) {
  return startGateway({
    instances: [{ vendor: anyVendor(), id: "src" }],
    users: 2,
    env: { ...process.env, NODE_ENV: "production" },
    server: extra.server,
    // Replaces the harness's auth block (which turns anonymous reads on).
    extraConfig: {
      auth: { apiKeys: [{ name: "dashboards", scope: "read", sha256: reader.sha256 }], ...extra.auth },
    },
  });
}

const getPage = (gw: GatewayHarness) => fetch(gw.rollcall.url, { headers: { accept: "text/html" } });

describe("a production deployment by default", () => {
  let gw: GatewayHarness;
  beforeAll(async () => {
    gw = await productionGateway();
  });
  afterAll(() => gw?.stop());

  it("answers no introspection query, even to a caller with a key", async () => {
    const { errors } = await gw.gql(INTROSPECTION, undefined, asReader);
    expect(errors?.[0]?.message).toMatch(/introspection is not allowed/i);
  });

  it("does not spell the schema out in suggestions for a mistyped field", async () => {
    const { errors } = await gw.gql(`{ user(first: 1) { totalCount } }`, undefined, asReader);
    expect(errors?.[0]?.message).toContain('Cannot query field "user"');
    expect(errors?.[0]?.message).not.toMatch(/did you mean/i);
  });

  it("serves no GraphiQL page to a browser", async () => {
    const response = await getPage(gw);
    expect(response.headers.get("content-type") ?? "").not.toContain("text/html");
    expect(await response.text()).not.toContain("graphiql");
  });

  it("refuses queries without a key and answers them with one", async () => {
    const anonymous = await gw.gql(`{ sources { id } }`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect((await gw.gql(`{ sources { id } }`, undefined, asReader)).data).toEqual({
      sources: [{ id: "src" }],
    });
  });
});

describe("a production deployment that turns each one back on", () => {
  let gw: GatewayHarness;
  beforeAll(async () => {
    gw = await productionGateway({
      server: { introspection: true, graphiql: true },
      auth: { anonymousReads: true },
    });
  });
  afterAll(() => gw?.stop());

  it("introspects, suggests, serves GraphiQL and answers anonymous reads", async () => {
    expect((await gw.gql(INTROSPECTION)).data).toEqual({ __schema: { queryType: { name: "Query" } } });
    expect((await gw.gql(`{ user(first: 1) { totalCount } }`)).errors?.[0]?.message).toMatch(/did you mean/i);
    const page = await getPage(gw);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect((await gw.gql(`{ sources { id } }`)).errors).toBeUndefined();
  });
});
