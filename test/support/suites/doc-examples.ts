/**
 * Each vendor's doc-page examples (`VendorModule.simulator.docExamples`), read through one GraphQL
 * endpoint from the simulators that seed them, and one person found in every source by email.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DocExample, VendorModule } from "../../../src/vendors/vendor-module.js";
import { type GatewayHarness, startGateway } from "../gateway-harness.js";

/** What `holds` asks of an answer: every key given (objects), every item given in any order (lists). */
function holding(expected: unknown): unknown {
  if (Array.isArray(expected)) return expect.arrayContaining(expected.map(holding));
  if (expected !== null && typeof expected === "object")
    return expect.objectContaining(
      Object.fromEntries(Object.entries(expected).map(([key, value]) => [key, holding(value)])),
    );
  return expected;
}

export function docExamplesSuite(vendors: readonly VendorModule[]): void {
  describe("the vendors' doc examples through GraphQL", () => {
    let gw: GatewayHarness;
    beforeAll(async () => {
      gw = await startGateway({
        instances: vendors.map((vendor) => ({ vendor, id: vendor.kind })),
        users: 20,
      });
    });
    afterAll(() => gw?.stop());

    const read = async (source: string, example: DocExample) => {
      const id = `${source}:${example.type}:${example.remoteId}`;
      const { data, errors } = await gw.gql<{ node: unknown }>(
        `{ node(id: ${JSON.stringify(id)}) { ... on ${example.type} { ${example.select} } } }`,
      );
      expect(errors).toBeUndefined();
      return data!.node;
    };

    for (const vendor of vendors)
      for (const example of vendor.simulator.docExamples)
        it(`${vendor.vendor}: ${example.shows}`, async () => {
          expect(await read(vendor.kind, example)).toEqual(holding(example.holds));
        });

    it("states at least one doc example for every vendor", () => {
      for (const vendor of vendors)
        expect(vendor.simulator.docExamples.length, vendor.kind).toBeGreaterThan(0);
    });

    it("usersByEmail finds one person in every vendor where they exist", async () => {
      const { data, errors } = await gw.gql<{
        usersByEmail: Array<{ displayName: string; source: { id: string } }>;
      }>(`{ usersByEmail(email: "ADA.Lovelace@example.com") { displayName source { id } } }`);
      expect(errors).toBeUndefined();
      expect(data!.usersByEmail.map((u) => u.source.id).sort()).toEqual(vendors.map((v) => v.kind).sort());
      expect(new Set(data!.usersByEmail.map((u) => u.displayName))).toEqual(new Set(["Ada Lovelace"]));
    });
  });
}
