import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

/**
 * The console's bundle (README "Console"): built into dist/console, served by the gateway at
 * /console. Vite 8 compiles TSX with Oxc itself, so no React plugin: the automatic JSX runtime is
 * all React needs (no fast refresh: the console is built, not developed against a dev server).
 */
const here = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root: here,
  base: "/console/",
  oxc: { jsx: { runtime: "automatic", importSource: "react" } },
  build: {
    outDir: fileURLToPath(new URL("../dist/console", import.meta.url)),
    emptyOutDir: true,
    // One small bundle: every asset is served by the gateway itself, nothing from a CDN.
    assetsInlineLimit: 0,
    sourcemap: false,
    target: "es2022",
  },
  logLevel: "warn",
});
