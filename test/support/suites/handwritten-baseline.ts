/**
 * The benchmarks' hand-written baseline (`VendorModule.handwritten`, each vendor folder's
 * handwritten.ts) answers the mid-sized query exactly as the gateway does — the same JSON,
 * permission order included — with the same upstream calls per source: the floor the throughput
 * benchmark compares the gateway with is a fair one.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baselineAnswer } from "../../../bench/lib/baseline.js";
import { midSized } from "../../../bench/lib/queries.js";
import type { VendorModule } from "../../../src/vendors/vendor-module.js";
import { type GatewayHarness, startGateway } from "../gateway-harness.js";

export function handwrittenBaselineSuite(vendors: readonly VendorModule[]): void {
  describe("the benchmarks' hand-written baseline", () => {
    let gw: GatewayHarness;
    const sources = () =>
      vendors.map((vendor) => ({
        vendor,
        source: vendor.simulator.demoSource(gw.sims.get(vendor.kind)!.url, vendor.kind),
      }));
    const calls = () => Object.fromEntries([...gw.sims].map(([id, sim]) => [id, sim.log.calls().length]));
    const query = () => midSized(vendors.map((v) => v.kind));

    beforeAll(async () => {
      gw = await startGateway({
        instances: vendors.map((vendor) => ({ vendor, id: vendor.kind })),
        users: 50,
      });
      // Sign-ins happen outside the counted runs, as in the benchmark.
      await gw.gql(query());
      await baselineAnswer(sources());
    });
    afterAll(() => gw?.stop());

    it("answers the mid-sized query as the gateway does, with the same upstream calls per source", async () => {
      gw.clearLogs();
      const { data, errors } = await gw.gql(query());
      expect(errors).toBeUndefined();
      const gatewayCalls = calls();
      gw.clearLogs();
      const baseline = await baselineAnswer(sources());
      expect(baseline).toEqual({ data });
      expect(calls()).toEqual(gatewayCalls);
      for (const vendor of vendors) expect(gatewayCalls[vendor.kind], vendor.kind).toBeGreaterThan(0);
    });
  });
}
