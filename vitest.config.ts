import { defineConfig } from "vitest/config";

export default defineConfig({
  // type-graphql reads decorator metadata; Oxc emits it only when asked (see docs/stack.md).
  oxc: { decorator: { legacy: true, emitDecoratorMetadata: true } },
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
