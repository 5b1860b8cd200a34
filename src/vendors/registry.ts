/**
 * Every vendor Rollcall speaks. Adding one = one folder under src/vendors/ plus one line here;
 * config validation, the demo, the contract suite and the docs all read this list.
 */
import { qacomplete } from "./qacomplete/index.js";
import { qtest } from "./qtest/index.js";
import { squashTm } from "./squash-tm/index.js";
import { testRail } from "./testrail/index.js";
import { testResults } from "./testresults/index.js";
import type { VendorModule } from "./vendor-module.js";

// biome-ignore lint/suspicious/noExplicitAny: each module narrows its own config type
export const vendors: ReadonlyArray<VendorModule<any>> = [squashTm, testResults, testRail, qacomplete, qtest];

export function vendorFor(kind: string): VendorModule | undefined {
  return vendors.find((v) => v.kind === kind);
}

export const vendorKinds = (): string[] => vendors.map((v) => v.kind);
