import { readFileSync } from "node:fs";

/** A JSON example copied verbatim from the TestResults.io "User Management" doc page. */
export function fixture<T>(name: string): T {
  const url = new URL(`../../../src/vendors/testresults/__fixtures__/${name}`, import.meta.url);
  return JSON.parse(readFileSync(url, "utf8")) as T;
}
