import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

export default defineConfig({
  // type-graphql reads decorator metadata; Oxc emits it only when asked.
  oxc: { decorator: { legacy: true, emitDecoratorMetadata: true } },
  resolve: {
    // graphql 16 has no exports map: Node loads its CommonJS build for every dependency, while Vite
    // would hand our sources the .mjs one, and graphql refuses objects from "another realm".
    alias: [{ find: /^graphql$/, replacement: require.resolve("graphql") }],
  },
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
