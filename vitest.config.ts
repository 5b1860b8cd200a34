import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

/** Spec files that replace a module with vi.mock: they must not share modules with the others. */
const MOCKING_FILES = ["test/sixth-vendor.test.ts", "test/unit/compiled-executor.test.ts"];

export default defineConfig({
  // type-graphql reads decorator metadata; Oxc emits it only when asked.
  oxc: { decorator: { legacy: true, emitDecoratorMetadata: true } },
  resolve: {
    // graphql 16 has no exports map: Node loads its CommonJS build for every dependency, while Vite
    // would hand our sources the .mjs one, and graphql refuses objects from "another realm".
    alias: [{ find: /^graphql$/, replacement: require.resolve("graphql") }],
  },
  test: {
    setupFiles: ["test/setup.ts"],
    // Names the one build of Rollcall the specs that start its processes share (built on first use).
    globalSetup: ["test/global-setup.ts"],
    // Two workers, even on two cores (Vitest's default there is one): most of the suite's time is
    // waiting — on simulators' latencies, leases, replicas' processes — not computing. Measured on
    // the 2-core CI machine: 405 s with one worker, 268 s with two, every spec passing. Three were no
    // faster once the replica specs stopped building Rollcall each (156 s against 160 s, 2 cores).
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // A poll ends as soon as its condition holds; the default 1 s is shorter than a loaded CI
    // machine takes to read five simulators (the console's matrix waited on it and failed).
    expect: { poll: { timeout: 15_000 } },
    // Most of a fresh module graph's cost is importing the app (type-graphql, Apollo, Fastify, the
    // five vendors): with each file in a fresh one, imports took longer than the tests (264 of 555 s).
    // Files share their worker's modules, then; only those that replace a module (vi.mock) get
    // their own. Every gateway a test starts is its own (own store, own registry of metrics).
    projects: [
      {
        extends: true,
        test: { name: "isolated", include: MOCKING_FILES, isolate: true },
      },
      {
        extends: true,
        test: { name: "shared", include: ["test/**/*.test.ts"], exclude: MOCKING_FILES, isolate: false },
      },
    ],
  },
});
