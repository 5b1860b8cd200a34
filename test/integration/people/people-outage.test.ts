/** One vendor down: everyone else's people still come back, and the outage is named on the field. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { person as seeded } from "../../../src/simulator/people.js";
import { vendors } from "../../../src/vendors/registry.js";
import { type GatewayHarness, startGateway } from "../../support/gateway-harness.js";

const ada = seeded(0);
type People = {
  people: { nodes: Array<{ email: string | null; accounts: Array<{ source: { id: string } }> }> };
};

describe("people with one vendor down", () => {
  let gw: GatewayHarness;
  beforeAll(async () => {
    gw = await startGateway({
      users: 10,
      // Each source fails fast and is asked again next time (no retries, no circuit breaker).
      sourceOverrides: Object.fromEntries(
        vendors.map((v) => [v.kind, { retries: 0, circuitBreaker: { failureThreshold: 0 } }]),
      ),
    });
  });
  afterAll(() => gw?.stop());

  for (const down of vendors) {
    it(`lists the others' people and reports ${down.kind} as a source error`, async () => {
      const others = vendors.filter((v) => v !== down).map((v) => v.kind);
      const sim = gw.sims.get(down.kind)!;
      sim.faults.inject({ kind: "5xx", status: 503 });
      try {
        const list = await gw.gql<People>(
          `{ people(first: 1000) { nodes { email accounts { source { id } } } } }`,
        );
        expect(list.status).toBe(200);
        expect(list.errors).toHaveLength(1);
        expect(list.errors![0]).toMatchObject({
          path: ["people"],
          extensions: { code: "SOURCE_UNAVAILABLE", source: down.kind },
        });
        const adaThere = list.data!.people.nodes.find((p) => p.email === ada.email);
        expect(adaThere?.accounts.map((a) => a.source.id)).toEqual(others);

        const one = await gw.gql<{ person: { accounts: Array<{ source: { id: string } }> } }>(
          `query($e: String!) { person(email: $e) { accounts { source { id } } } }`,
          { e: ada.email },
        );
        expect(one.data!.person.accounts.map((a) => a.source.id)).toEqual(others);
        expect(one.errors).toMatchObject([{ path: ["person"], extensions: { source: down.kind } }]);
      } finally {
        sim.faults.clear();
      }
    });
  }
});
