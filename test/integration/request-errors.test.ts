/**
 * Requests that once answered 500 (an internal error) are the client's mistakes: each gets a
 * typed, 4xx-class error that says what is wrong, and reaches no vendor.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { vendors } from "../../src/vendors/registry.js";
import { type GatewayHarness, startGateway } from "../support/gateway-harness.js";

/** Any registered source: what is refused here is refused whatever the vendor. */
const SOURCE = vendors[0]!.kind;

const LONE = "\uD800";

describe("malformed requests", () => {
  let gw: GatewayHarness;
  beforeAll(async () => {
    gw = await startGateway({ users: 3 });
  });
  afterAll(() => gw?.stop());

  const post = async (body: unknown, headers: Record<string, string> = {}) => {
    gw.clearLogs();
    const response = await fetch(gw.rollcall.url, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as {
      data?: unknown;
      errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
    };
    return { status: response.status, ...json };
  };
  const upstream = () => Object.values(gw.upstreamCounts()).reduce((a, b) => a + b, 0);

  for (const [what, persistedQuery] of [
    ["a hash that does not match its query", { version: 1, sha256Hash: "abc" }],
    ["an unknown version", { version: 2, sha256Hash: "abc" }],
    ["a persistedQuery that is not an object", "x"],
  ] as const)
    it(`answers a persisted query with ${what} as BAD_REQUEST in Apollo's words`, async () => {
      const { status, errors } = await post({ query: "{ sources { id } }", extensions: { persistedQuery } });
      expect(status).toBe(400);
      expect(errors?.[0]?.extensions?.code).toBe("BAD_REQUEST");
      expect(errors?.[0]?.message).not.toBe("Internal server error");
    });

  for (const [who, headers] of [
    ["anonymously", {}],
    ["with a write key", undefined],
  ] as const)
    it(`refuses a subscription (Rollcall serves none) as a validation error, ${who}`, async () => {
      const { status, errors } = await post(
        { query: "subscription { sources { id } }" },
        headers ?? { authorization: `Bearer ${gw.keys.write}` },
      );
      expect(status).toBe(400);
      expect(errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
      expect(errors?.[0]?.message).toContain("subscription");
    });

  for (const vendor of vendors)
    it(`refuses an id holding a lone surrogate for ${vendor.kind}, naming the variable, before any vendor call`, async () => {
      const { status, errors } = await post({
        query: "query ($id: ID!) { node(id: $id) { id } }",
        variables: { id: `${vendor.kind}:User:1${LONE}` },
      });
      expect(status).toBe(400);
      expect(errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "$id" });
      expect(upstream()).toBe(0);
    });

  it("names the place of a lone surrogate inside an input object", async () => {
    const { status, errors } = await post(
      {
        query: "mutation ($input: SetUserActiveInput!) { setUserActive(input: $input) { ok } }",
        variables: { input: { users: [`${SOURCE}:User:1`, `${SOURCE}:User:${LONE}`], active: false } },
      },
      { authorization: `Bearer ${gw.keys.write}` },
    );
    expect(status).toBe(400);
    expect(errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "$input.users[1]" });
    expect(upstream()).toBe(0);
  });

  it("refuses a lone surrogate in a percent-encoded global id as an id Rollcall did not issue", async () => {
    const { errors } = await post({ query: `{ node(id: "${SOURCE}:User:%ED%A0%80") { id } }` });
    expect(errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
  });

  for (const position of [2 ** 31, 10 ** 20])
    it(`refuses a forged cursor at position ${position} as BAD_USER_INPUT on \`after\``, async () => {
      const after = Buffer.from(`${SOURCE}:${BigInt(position)}`).toString("base64url");
      const { errors } = await post({ query: `{ users(after: "${after}") { totalCount nodes { id } } }` });
      expect(errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
      expect(JSON.stringify(errors)).not.toContain("INTERNAL_SERVER_ERROR");
    });
});
