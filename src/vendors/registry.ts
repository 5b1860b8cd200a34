/**
 * Every vendor Rollcall speaks. Adding one = one folder under src/vendors/ plus one line here;
 * config validation, the demo, the GraphQL schema, the estimate, every registry-driven test suite
 * and the benchmarks all read this list (test/architecture/one-folder.test.ts keeps it so).
 */
import { qacomplete } from "./qacomplete/index.js";
import { qtest } from "./qtest/index.js";
import { squashTm } from "./squash-tm/index.js";
import { testRail } from "./testrail/index.js";
import { testResults } from "./testresults/index.js";
import type { VendorModule } from "./vendor-module.js";

// Config order decides the order of cross-source lists; in the demo it is this order. Vendors
// whose full user list takes more round trips (a directory read in two waves) come last, so the
// others' relations can start as soon as their users are in (see listAcrossSources).
// biome-ignore lint/suspicious/noExplicitAny: each module narrows its own config type
export const vendors: ReadonlyArray<VendorModule<any>> = [qtest, squashTm, qacomplete, testRail, testResults];

export function vendorFor(kind: string): VendorModule | undefined {
  return vendors.find((v) => v.kind === kind);
}

export const vendorKinds = (): string[] => vendors.map((v) => v.kind);
