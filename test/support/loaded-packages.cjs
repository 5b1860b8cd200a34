// Preloaded (`node --require`) into a Rollcall process by test/integration/optional-modules.test.ts:
// at exit, writes to $ROLLCALL_LOADED_PACKAGES_FILE the npm packages the process loaded, one per
// line: those in Node's CommonJS module cache (a CommonJS package loaded through `import` is there
// too) and the ES modules loaded-packages-hooks.mjs saw loaded.
const { existsSync, readFileSync, writeFileSync } = require("node:fs");
const { register } = require("node:module");
const { pathToFileURL } = require("node:url");

const file = process.env.ROLLCALL_LOADED_PACKAGES_FILE;
register("./loaded-packages-hooks.mjs", pathToFileURL(__filename));

/** The package a module's file belongs to: the last node_modules/<name> or node_modules/@scope/<name>. */
function packageOf(path) {
  const found = /[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)[\\/](?!.*[\\/]node_modules[\\/])/.exec(
    path,
  );
  return found ? found[1].replace("\\", "/") : null;
}

process.once("exit", () => {
  const esm = existsSync(`${file}.esm`)
    ? readFileSync(`${file}.esm`, "utf8").split("\n").filter(Boolean)
    : [];
  const packages = new Set();
  for (const path of [
    ...Object.keys(require.cache),
    ...esm.map((url) => decodeURIComponent(new URL(url).pathname)),
  ]) {
    const name = packageOf(path);
    if (name) packages.add(name);
  }
  writeFileSync(file, [...packages].sort().join("\n"));
});
