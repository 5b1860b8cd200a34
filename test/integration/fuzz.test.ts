/**
 * A slice of the fuzz run (`npm run fuzz` runs 10,000 and prints its figures): generated requests
 * — valid, invalid, deep, wide, hostile arguments, bad cursors and ids, huge variables, wrong
 * content types, batched arrays, mutations with and without keys — against the gateway on its
 * simulators. Every one is answered, none with a 5xx, and the gateway keeps answering.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FuzzGenerator, type FuzzOutcome, isFault, runCase } from "../../bench/lib/fuzz.js";
import { rollcallSchema } from "../../src/schema/build-schema.js";
import { type GatewayHarness, startGateway } from "../support/gateway-harness.js";

const CASES = 300;

describe("fuzzed requests", () => {
  let gw: GatewayHarness;
  let generator: FuzzGenerator;
  beforeAll(async () => {
    // The fuzz measures the gateway, not its rate limiter (which would answer most cases 429).
    gw = await startGateway({ users: 10, extraConfig: { rateLimit: { enabled: false } } });
    const seen = await gw.gql<{
      users: { edges: Array<{ cursor: string; node: { id: string } }> };
      projects: { nodes: Array<{ id: string }> };
      groups: { nodes: Array<{ id: string }> };
    }>(
      `{ users(first: 40) { edges { cursor node { id } } } projects(first: 20) { nodes { id } } groups(first: 20) { nodes { id } } }`,
    );
    const data = seen.data!;
    generator = new FuzzGenerator(
      await rollcallSchema(),
      {
        ids: [
          ...data.users.edges.map((e) => e.node.id),
          ...data.projects.nodes.map((p) => p.id),
          ...data.groups.nodes.map((g) => g.id),
        ],
        cursors: data.users.edges.map((e) => e.cursor),
        sources: [...gw.sims.keys()],
        writeKey: gw.keys.write,
        readKey: gw.keys.read,
      },
      20261205,
    );
  });
  afterAll(() => gw?.stop());

  it(`answers ${CASES} generated requests without a 5xx or a dropped connection`, async () => {
    const outcomes: FuzzOutcome[] = [];
    for (let i = 0; i < CASES; i++) outcomes.push(await runCase(gw.rollcall.url, generator.case(), 20_000));
    const failed = outcomes.filter(isFault);
    expect(failed, JSON.stringify(failed.slice(0, 5))).toEqual([]);
    expect(new Set(outcomes.map((o) => o.kind)).size).toBeGreaterThan(10);
    expect((await gw.gql("{ sources { id } }")).status).toBe(200);
  });
});
