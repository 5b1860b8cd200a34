/**
 * The promise of docs/adding-a-vendor.md, kept: a sixth vendor is its folder plus one registry line.
 * Here the registry gets that one line (the throwaway vendor of test/support/sixth-vendor/), and
 * the same registry-driven suites the five real vendors run cover it — the connector contracts, the
 * batching floor from its declared floor and the benchmark's shape function, its doc examples, the
 * benchmark's hand-written baseline and mid-sized query — with nothing else changed anywhere.
 */
import { describe, expect, it, vi } from "vitest";
import { MID_SIZED, midSized } from "../bench/lib/queries.js";
import { floorOf } from "../bench/scenarios/upstream-requests.js";
import { vendors } from "../src/vendors/registry.js";
import { sixth } from "./support/sixth-vendor/index.js";
import { directoryBatchingSuite } from "./support/suites/directory-batching.js";
import { docExamplesSuite } from "./support/suites/doc-examples.js";
import { handwrittenBaselineSuite } from "./support/suites/handwritten-baseline.js";
import { missingParts } from "./support/vendor-folder.js";

// The one registry line. Everything that reads the registry — config validation, the gateway, the
// GraphQL schema's SourceKind, the estimate, the benchmarks — sees the sixth vendor from here on.
// Only its line: the five real vendors run the same suites in their own files, and running them
// twice would only slow the suite (with all six, the same suites pass too).
vi.mock("../src/vendors/registry.js", async (importOriginal) => {
  const registry = await importOriginal<typeof import("../src/vendors/registry.js")>();
  const { sixth: added } = await import("./support/sixth-vendor/index.js");
  const vendors = [added];
  // Should the registry export more than its list and these two lookups, this copy must learn it.
  if (Object.keys(registry).sort().join() !== "vendorFor,vendorKinds,vendors")
    throw new Error(`the registry exports ${Object.keys(registry).join(", ")}: update this mock`);
  return {
    vendors,
    vendorFor: (kind: string) => vendors.find((v) => v.kind === kind),
    vendorKinds: () => vendors.map((v) => v.kind),
  };
});

// The connector contracts (reads and writes), as the real vendors run them: they read the registry,
// which now holds the sixth vendor; each is imported as it stands.
await import("./contract/connector.contract.test.js");
await import("./contract/writes.contract.test.js");
// Every vendor signed in every way its config takes, behind simulators that echo credentials.
await import("./integration/secrets.test.js");

describe("a sixth vendor, added with its folder and one registry line", () => {
  it("has every part a vendor folder must have", () => {
    expect(missingParts(new URL("./support/sixth-vendor/", import.meta.url).pathname)).toEqual([]);
  });

  it("is in the benchmarks' mid-sized query and has its floor there", () => {
    expect(MID_SIZED).toContain(`sixth: users(sources: ["sixth"]`);
    expect(vendors.at(-1)).toBe(sixth);
    expect(MID_SIZED).toBe(midSized(vendors.map((v) => v.kind)));
    expect(floorOf("sixth")).toBe(sixth.floor);
  });
});

directoryBatchingSuite([sixth]);
docExamplesSuite([sixth]);
handwrittenBaselineSuite([sixth]);
