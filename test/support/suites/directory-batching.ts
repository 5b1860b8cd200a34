/**
 * The point of Rollcall: a directory page of 50 users per source, with their teams, groups,
 * projects and permissions, costs each vendor exactly the fewest calls its API allows — the floor
 * its module declares (`VendorModule.floor`), computed from the source's shape as the benchmarks
 * compute it. Requests are counted where they land: in each simulator's request log, over real HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aliasOf } from "../../../bench/lib/queries.js";
import { shapeOf } from "../../../bench/lib/shape.js";
import type { VendorModule } from "../../../src/vendors/vendor-module.js";
import { type GatewayHarness, startGateway } from "../gateway-harness.js";

const N = 50;

const directory = (source: string) => `
  ${aliasOf(source)}: users(sources: ["${source}"], first: ${N}) {
    edges { node {
      id displayName email active lastLoginAt
      teams { nodes { name } }
      groups { nodes { name } }
      projects { nodes { name } }
      permissions { role level project { name } }
    } }
  }`;

export function directoryBatchingSuite(vendors: readonly VendorModule[]): void {
  describe("directory batching", () => {
    let gw: GatewayHarness;
    const floors = new Map<string, number>();
    beforeAll(async () => {
      gw = await startGateway({
        instances: vendors.map((vendor) => ({ vendor, id: vendor.kind })),
        users: 60,
      });
      for (const vendor of vendors)
        floors.set(vendor.kind, vendor.floor.calls(await shapeOf((q) => gw.gql(q), vendor.kind, N)));
    });
    afterAll(() => gw?.stop());

    /** Upstream calls of the last operation per source, sign-ins left out (they are per connector). */
    const countedCalls = (source: string) =>
      gw.sims
        .get(source)!
        .log.calls()
        .map((e) => `${e.method} ${e.path}?${e.query}`);

    for (const vendor of vendors) {
      it(`meets ${vendor.kind}'s floor for ${N} users with teams, groups, projects and permissions`, async () => {
        gw.clearLogs();
        const { data, errors } = await gw.gql<Record<string, { edges: unknown[] }>>(
          `{ ${directory(vendor.kind)} }`,
        );
        expect(errors).toBeUndefined();
        expect(Object.values(data!)[0]!.edges).toHaveLength(N);
        const counted = countedCalls(vendor.kind);
        expect(new Set(counted).size, "no call repeats within one operation").toBe(counted.length);
        expect(counted.length, vendor.floor.reason).toBe(floors.get(vendor.kind));
      });
    }

    it("keeps every floor when one operation reads every source at once", async () => {
      gw.clearLogs();
      const { errors } = await gw.gql(`{ ${vendors.map((v) => directory(v.kind)).join("\n")} }`);
      expect(errors).toBeUndefined();
      for (const vendor of vendors)
        expect(countedCalls(vendor.kind).length, vendor.kind).toBe(floors.get(vendor.kind));
    });
  });
}
