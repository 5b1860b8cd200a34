// Module hooks registered by loaded-packages.cjs: each ES module loaded from node_modules is
// appended, as its file URL, to $ROLLCALL_LOADED_PACKAGES_FILE.esm (the hooks run on a thread of
// their own, so they write as they go rather than at exit). ESM-only packages (jose, csv-parse,
// graphql-scalars, @libsql/client) never reach the CommonJS module cache.
import { appendFileSync } from "node:fs";

const file = `${process.env.ROLLCALL_LOADED_PACKAGES_FILE}.esm`;

export async function load(url, context, nextLoad) {
  if (url.includes("/node_modules/")) appendFileSync(file, `${url}\n`);
  return nextLoad(url, context);
}
