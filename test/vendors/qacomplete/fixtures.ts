import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const DIR = fileURLToPath(new URL("../../../src/vendors/qacomplete/__fixtures__/", import.meta.url));

/** A doc-page JSON sample from src/vendors/qacomplete/__fixtures__/. */
export function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(DIR + name, "utf8")) as T;
}
