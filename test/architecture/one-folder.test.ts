/**
 * A vendor is one folder plus one registry line (docs/adding-a-vendor.md). Every registered vendor's
 * folder has the same required parts under the same names, every vendor folder is registered, and
 * no vendor's name — its kind, its product's name — appears in shared code: src/ outside the vendor
 * folders, bench/, and the tests outside test/vendors/<kind>/. What shared code needs of a vendor
 * it reads from the registry.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { vendors } from "../../src/vendors/registry.js";
import type { VendorModule } from "../../src/vendors/vendor-module.js";
import { missingParts } from "../support/vendor-folder.js";

const ROOT = new URL("../../", import.meta.url).pathname;
const CODE = /\.(ts|js|mjs|cjs)$/;
/** Generated from the schema (whose SourceKind enum the registry fills). */
const GENERATED = ["examples/generated"];
/** Words of product names too common to be a vendor's name. */
const GENERIC = new Set(["manager", "tool", "test", "tests", "suite", "cloud"]);

/** How a vendor's name can show: its kind, the kind's parts, the words of its product name. */
function namesOf(vendor: Pick<VendorModule, "kind" | "vendor">): string[] {
  const words = [vendor.kind, ...vendor.kind.split(/[-_]/), ...vendor.vendor.split(/[\s.]+/)];
  return [...new Set(words.map((w) => w.toLowerCase()))].filter((w) => w.length >= 4 && !GENERIC.has(w));
}

function files(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((entry) => {
    const path = join(dir, entry);
    if (entry === "node_modules" || GENERATED.includes(path)) return [];
    return statSync(join(ROOT, path)).isDirectory() ? files(path) : [path];
  });
}

const vendorFolders = new Set(vendors.map((v) => `src/vendors/${v.kind}/`));
const vendorTests = new Set(vendors.map((v) => `test/vendors/${v.kind}/`));
/** The registry names every vendor: that is its one line per vendor. */
const REGISTRY = "src/vendors/registry.ts";
const isVendorOwn = (path: string) =>
  path === REGISTRY || [...vendorFolders, ...vendorTests].some((folder) => path.startsWith(folder));

/** Shared code: every code file of src/, bench/ and test/ outside the vendors' own folders. */
const shared = ["src", "bench", "test"].flatMap(files).filter((p) => CODE.test(p) && !isVendorOwn(p));

describe("one folder per vendor", () => {
  it("gives every registered vendor a folder named by its kind, with every required part", () => {
    for (const vendor of vendors)
      expect(missingParts(join(ROOT, "src/vendors", vendor.kind)), vendor.kind).toEqual([]);
  });

  it("registers every vendor folder (a folder with a connector)", () => {
    const withConnector = readdirSync(join(ROOT, "src/vendors")).filter((entry) => {
      const path = join(ROOT, "src/vendors", entry);
      return statSync(path).isDirectory() && readdirSync(path).includes("connector.ts");
    });
    expect(withConnector.sort()).toEqual(vendors.map((v) => v.kind).sort());
  });

  it("keeps every vendor's name out of shared code", () => {
    const names = vendors.flatMap((v) => namesOf(v).map((name) => ({ kind: v.kind, name })));
    const found: string[] = [];
    for (const path of shared) {
      const lines = readFileSync(join(ROOT, path), "utf8").split("\n");
      lines.forEach((line, i) => {
        const lower = line.toLowerCase();
        const named = names.filter(({ name }) => lower.includes(name)).map(({ kind }) => kind);
        if (named.length > 0) found.push(`${path}:${i + 1} names ${[...new Set(named)].join(", ")}`);
      });
    }
    expect(found).toEqual([]);
  });

  it("reads a vendor's names from its kind and product name", () => {
    expect(namesOf({ kind: "acme-tm", vendor: "Acme Test Manager.io" })).toEqual(["acme-tm", "acme"]);
  });
});
