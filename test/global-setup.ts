import { rmSync } from "node:fs";
import { join } from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** Where this test run's build of Rollcall goes (test/support/replica-process.ts). */
    rollcallBuildDir: string;
  }
}

/**
 * Names the folder of this run's build of Rollcall, which the specs that start Rollcall processes
 * share (built once, by the first that needs it), and removes it once the run is over. Inside the
 * repository, beside `dist/`, so the build finds node_modules and package.json as `npm run build`'s.
 * Every project of the run gets the same folder: it is named after the run's process.
 */
export default function setup(project: TestProject): () => void {
  const dir = join(process.cwd(), `dist-test-run-${process.pid}`);
  project.provide("rollcallBuildDir", dir);
  const remove = () => {
    for (const leftover of [dir, `${dir}.partial`, `${dir}.lock`])
      rmSync(leftover, { recursive: true, force: true });
  };
  // Watch mode: the sources may have changed since the last run, so a rerun builds afresh.
  project.onTestsRerun(remove);
  return remove;
}
