/**
 * The access guard judges the operation that executes, however the request chooses it: a mutation
 * never reaches a vendor without a write key, and nothing runs that Apollo did not resolve.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Capability } from "../../src/model/capabilities.js";
import { type GatewayHarness, startGateway } from "../support/gateway-harness.js";
import { userOfVendorWith } from "../support/pick-vendor.js";

/** A vendor that deactivates and reactivates users, and one of its users. */
const { vendor, remoteId } = userOfVendorWith(Capability.DEACTIVATE_USERS, Capability.REACTIVATE_USERS);
const DEACTIVATE = `mutation Off { setUserActive(input: { users: ["src:User:${remoteId}"], active: false }) { ok } }`;
const READ = `query Read { sources { id } }`;
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

describe("choosing the operation to run", () => {
  let gw: GatewayHarness;
  let readKey: Record<string, string>;
  beforeAll(async () => {
    gw = await startGateway({ instances: [{ vendor, id: "src" }], users: 2 });
    readKey = { authorization: `Bearer ${gw.keys.read}` };
  });
  afterAll(() => gw?.stop());

  const post = async (body: unknown, headers: Record<string, string> = {}) => {
    gw.clearLogs();
    const response = await fetch(gw.rollcall.url, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const get = async (params: Record<string, string>, headers: Record<string, string> = {}) => {
    gw.clearLogs();
    const response = await fetch(`${gw.rollcall.url}?${new URLSearchParams(params)}`, {
      headers: { "content-type": "application/json", "apollo-require-preflight": "true", ...headers },
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const code = (body: Record<string, unknown>) =>
    (body.errors as Array<{ extensions?: { code?: string } }> | undefined)?.[0]?.extensions?.code;
  const upstream = () => gw.sims.get("src")!.log.total;

  for (const [who, headers] of [
    ["anonymously", {}],
    ["with a read-scoped key", undefined],
  ] as const) {
    it(`refuses a mutation whose operationName names no operation, ${who}, over POST`, async () => {
      const { status, body } = await post({ query: DEACTIVATE, operationName: "X" }, headers ?? readKey);
      expect(status).toBe(400);
      expect(code(body)).toBe("OPERATION_RESOLUTION_FAILURE");
      expect(JSON.stringify(body)).toContain('operationName \\"X\\" names no operation');
      expect(upstream()).toBe(0);
    });

    it(`refuses a mutation whose operationName names no operation, ${who}, over GET`, async () => {
      const { status, body } = await get({ query: DEACTIVATE, operationName: "X" }, headers ?? readKey);
      expect(status).toBe(400);
      expect(code(body)).toBe("OPERATION_RESOLUTION_FAILURE");
      expect(upstream()).toBe(0);
    });

    it(`refuses the mutation of a document of several operations, ${who}`, async () => {
      const { status, body } = await post(
        { query: `${READ}\n${DEACTIVATE}`, operationName: "Off" },
        headers ?? readKey,
      );
      expect(status).toBe(headers ? 401 : 403);
      expect(code(body)).toBe(headers ? "UNAUTHENTICATED" : "FORBIDDEN");
      expect(upstream()).toBe(0);
    });
  }

  it("refuses a mutation alone in its document without a key when no operationName is sent", async () => {
    const { status, body } = await post({ query: DEACTIVATE });
    expect(status).toBe(401);
    expect(code(body)).toBe("UNAUTHENTICATED");
    expect(upstream()).toBe(0);
  });

  it("refuses a document of several operations without an operationName, naming the problem", async () => {
    const { status, body } = await post({ query: `${READ}\n${DEACTIVATE}` }, readKey);
    expect(status).toBe(400);
    expect(code(body)).toBe("OPERATION_RESOLUTION_FAILURE");
    expect(upstream()).toBe(0);
  });

  it("runs the query a document of several operations names, and only it", async () => {
    const { status, body } = await post({ query: `${READ}\n${DEACTIVATE}`, operationName: "Read" }, readKey);
    expect(status).toBe(200);
    expect(body).toEqual({ data: { sources: [{ id: "src" }] } });
    expect(upstream()).toBe(0);
  });

  it("refuses a mutation over GET even with a write key (GET is for queries)", async () => {
    const { status } = await get({ query: DEACTIVATE }, { authorization: `Bearer ${gw.keys.write}` });
    expect(status).toBe(405);
    expect(upstream()).toBe(0);
  });

  it("judges a persisted query by the operation it resolves to", async () => {
    const text = DEACTIVATE.replace("false", "true");
    const persistedQuery = { version: 1, sha256Hash: sha256(text) };
    // Registering a text runs it, so only a write key registers a mutation…
    expect((await post({ query: text, extensions: { persistedQuery } }, readKey)).status).toBe(403);
    const write = { authorization: `Bearer ${gw.keys.write}` };
    expect((await post({ query: text, extensions: { persistedQuery } }, write)).status).toBe(200);
    // …and once registered, its hash is judged like its text: with a name matching nothing or a
    // read key, nothing reaches the vendor.
    const byHash = await post({ extensions: { persistedQuery }, operationName: "X" }, readKey);
    expect(byHash.status).toBe(400);
    expect(code(byHash.body)).toBe("OPERATION_RESOLUTION_FAILURE");
    expect(upstream()).toBe(0);
    expect((await post({ extensions: { persistedQuery } }, readKey)).status).toBe(403);
    expect(upstream()).toBe(0);
    expect((await post({ extensions: { persistedQuery } }, write)).status).toBe(200);
  });

  it("answers a batched request (an array of operations) with 400, running none of them", async () => {
    const { status, body } = await post(
      [{ query: READ }, { query: DEACTIVATE, operationName: "X" }],
      readKey,
    );
    expect(status).toBe(400);
    expect(code(body)).toBe("BAD_REQUEST");
    expect(upstream()).toBe(0);
  });

  it("still runs a mutation with a write key and its operation chosen by name", async () => {
    const { status, body } = await post(
      { query: `${READ}\n${DEACTIVATE.replace("false", "true")}`, operationName: "Off" },
      { authorization: `Bearer ${gw.keys.write}` },
    );
    expect(status).toBe(200);
    expect(body).toEqual({ data: { setUserActive: { ok: true } } });
    expect(upstream()).toBeGreaterThan(0);
  });
});
