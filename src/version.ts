import { readFileSync } from "node:fs";

/** Rollcall's version, from package.json (beside dist/ and src/ alike). */
export const VERSION: string = (() => {
  try {
    return (
      JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }
    ).version;
  } catch {
    return "unknown";
  }
})();
