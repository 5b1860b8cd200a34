/** Within one operation each object costs its source one read, however many fields ask for it. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { vendors } from "../../src/vendors/registry.js";
import { type GatewayHarness, startGateway } from "../support/gateway-harness.js";

describe.each(vendors.map((v) => v.kind))("one operation on %s, one upstream call per object", (source) => {
  let gw: GatewayHarness;
  let ids: string[];
  const calls = () =>
    gw.sims
      .get(source)!
      .log.calls()
      .map((e) => `${e.method} ${e.path}?${e.query}`);
  const callsOf = async (query: string) => {
    gw.clearLogs();
    const { errors } = await gw.gql(query);
    expect(errors).toBeUndefined();
    return calls();
  };

  beforeAll(async () => {
    gw = await startGateway({
      instances: vendors.filter((v) => v.kind === source).map((vendor) => ({ vendor, id: source })),
      users: 10,
    });
    const { data } = await gw.gql<{ users: { nodes: Array<{ id: string }> } }>(
      `{ users(first: 5) { nodes { id } } }`,
    );
    ids = data!.users.nodes.map((u) => u.id);
  });
  afterAll(() => gw?.stop());

  it("costs what asking once costs for the same object asked for twice", async () => {
    const [a, b] = ids;
    const once = await callsOf(`{
      x: node(id: "${a}") { id ... on User { permissions { role } } }
      y: nodes(ids: ["${b}"]) { id }
    }`);
    const twice = await callsOf(`{
      a: node(id: "${a}") { id }
      b: node(id: "${a}") { id ... on User { permissions { role } } }
      c: nodes(ids: ["${a}", "${b}"]) { id }
    }`);
    expect(new Set(twice).size, "no call repeats").toBe(twice.length);
    expect(twice.sort()).toEqual(once.sort());
  });

  it("serves a listed user's later lookup from the list, at most one read more", async () => {
    const list = await callsOf(`{ users(first: 5) { nodes { id } } }`);
    // The node lookup may run before or after the list; either way at most the list plus one read.
    const both = await callsOf(`{ users(first: 5) { nodes { id } } node(id: "${ids[0]}") { id } }`);
    expect(new Set(both).size, "no call repeats").toBe(both.length);
    expect(both.length).toBeLessThanOrEqual(list.length + 1);
    for (const call of list) expect(both).toContain(call);
  });
});
