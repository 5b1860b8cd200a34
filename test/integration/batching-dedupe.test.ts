import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { squashTm } from "../../src/vendors/squash-tm/index.js";
import { type GatewayHarness, startGateway } from "../support/gateway-harness.js";

describe("one operation, one upstream call per object", () => {
  let gw: GatewayHarness;
  beforeAll(async () => {
    gw = await startGateway({ instances: [{ vendor: squashTm, id: "squash" }], users: 10 });
  });
  afterAll(() => gw?.stop());

  it("costs one upstream call for the same object asked for twice", async () => {
    gw.clearLogs();
    const { data } = await gw.gql<Record<string, { id: string }>>(`{
      a: node(id: "squash:User:486") { id }
      b: node(id: "squash:User:486") { id ... on User { permissions { role } } }
      c: nodes(ids: ["squash:User:486", "squash:User:1000"]) { id }
    }`);
    expect(data!.a!.id).toBe("squash:User:486");
    const calls = gw.sims
      .get("squash")!
      .log.list()
      .map((e) => `${e.method} ${e.path}`)
      .sort();
    expect(calls).toEqual(["GET /users/1000", "GET /users/486", "GET /users/486/permissions"]);
  });

  it("serves a listed user's later lookup from the list (no second call)", async () => {
    gw.clearLogs();
    await gw.gql(`{ users(first: 5) { nodes { id } } node(id: "squash:User:486") { id } }`);
    // The node lookup may run before or after the list; either way at most the list plus one get.
    const calls = gw.sims
      .get("squash")!
      .log.list()
      .map((e) => e.path);
    expect(calls.filter((p) => p === "/users").length).toBe(1);
    expect(calls.filter((p) => p === "/users/486").length).toBeLessThanOrEqual(1);
  });
});
