// Preloaded (`node --require`) into a Rollcall process by test/integration/optional-modules.test.ts:
// at exit, writes to $ROLLCALL_LOADED_PACKAGES_FILE the npm packages the process loaded, one per
// line, read from Node's CommonJS module cache (every optional engine Rollcall uses is CommonJS, so
// each one loaded, through `import` too, is in it).
const { writeFileSync } = require("node:fs");

process.once("exit", () => {
  const packages = new Set();
  for (const file of Object.keys(require.cache)) {
    const found = /[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)[\\/](?!.*[\\/]node_modules[\\/])/.exec(
      file,
    );
    if (found) packages.add(found[1].replace("\\", "/"));
  }
  writeFileSync(process.env.ROLLCALL_LOADED_PACKAGES_FILE, [...packages].sort().join("\n"));
});
