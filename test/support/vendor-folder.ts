/**
 * What every vendor folder holds, under the same names (docs/adding-a-vendor.md, "The folder"):
 * the parts shared code reaches through the VendorModule, and the parts a reader expects in the
 * same place in every folder.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const REQUIRED_PARTS = [
  "index.ts",
  "config.ts",
  "client.ts",
  "connector.ts",
  "mapper.ts",
  "levels.ts",
  "raw-types.ts",
  "costs.ts",
  "doc-examples.ts",
  "handwritten.ts",
  "README.md",
  "simulator/index.ts",
  "simulator/auth.ts",
  "simulator/routes.ts",
  "simulator/state.ts",
  "simulator/representations.ts",
  "simulator/request-rules.ts",
  "__fixtures__/",
] as const;

/** The required parts `folder` lacks (a folder part must hold at least one file). */
export function missingParts(folder: string): string[] {
  return REQUIRED_PARTS.filter((part) => {
    const path = join(folder, part);
    if (!existsSync(path)) return true;
    return part.endsWith("/") ? !statSync(path).isDirectory() || readdirSync(path).length === 0 : false;
  });
}
