import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GatewayHarness, startGateway } from "../support/gateway-harness.js";
import { anyVendor } from "../support/pick-vendor.js";

describe("bad input", () => {
  let gw: GatewayHarness;
  beforeAll(async () => {
    gw = await startGateway({
      instances: [{ vendor: anyVendor(), id: "src" }],
      users: 3,
      server: { maxPageSize: 100 },
    });
  });
  afterAll(() => gw?.stop());

  const cases: Array<[string, string, string]> = [
    ["a page larger than maxPageSize", `{ users(first: 101) { nodes { id } } }`, "first"],
    ["a negative page size", `{ users(first: -1) { nodes { id } } }`, "first"],
    ["a cursor Rollcall never issued", `{ users(after: "bm9wZQ") { nodes { id } } }`, "after"],
    ["an unknown source", `{ users(sources: ["nope"]) { nodes { id } } }`, "sources"],
    ["an empty email filter", `{ users(filter: { email: " " }) { nodes { id } } }`, "filter.email"],
    ["a malformed email lookup", `{ usersByEmail(email: "not-an-email") { id } }`, "email"],
    ["a malformed global id", `{ node(id: "486") { id } }`, "id"],
    ["a malformed id in a list", `{ nodes(ids: ["src:User:1", "x"]) { id } }`, "ids[1]"],
  ];

  for (const [what, query, field] of cases) {
    it(`answers ${what} with BAD_USER_INPUT naming \`${field}\``, async () => {
      const { errors } = await gw.gql(query);
      expect(errors?.[0]?.extensions).toEqual({ code: "BAD_USER_INPUT", field });
      expect(errors?.[0]?.message.length).toBeGreaterThan(5);
    });
  }

  it("rejects a query against the schema with GraphQL's own validation code", async () => {
    const { status, errors } = await gw.gql(`{ users { nodes { nope } } }`);
    expect(status).toBe(400);
    expect(errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });

  it("answers a variable of the wrong type with BAD_USER_INPUT and status 400, naming the variable", async () => {
    const { status, errors } = await gw.gql(`query ($first: Int) { users(first: $first) { nodes { id } } }`, {
      first: "ten",
    });
    expect(status).toBe(400);
    expect(errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(errors?.[0]?.message).toContain("$first");
  });

  it("keeps an error's path and location in the query", async () => {
    const { errors } = await gw.gql(`{\n  users(first: -1) { nodes { id } } }`);
    expect(errors?.[0]).toMatchObject({ path: ["users"], locations: [{ line: 2, column: 3 }] });
  });

  it("answers the same query text the same way every time (it is compiled once, then reused)", async () => {
    const query = `{ users(first: 2) { totalCount nodes { id } } }`;
    const first = await gw.gql(query);
    const again = await gw.gql(query);
    expect(first.errors).toBeUndefined();
    expect(again).toEqual(first);
  });

  it("returns null for a well-formed id whose object does not exist", async () => {
    const { data, errors } = await gw.gql<{ node: null }>(
      `{ node(id: "src:User:${anyVendor().simulator.unknownId}") { id } }`,
    );
    expect(errors).toBeUndefined();
    expect(data!.node).toBeNull();
  });
});
