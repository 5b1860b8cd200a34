/**
 * While the demo runs, the command line reaches its simulators through the config it writes: that
 * config loads, and `rollcall check` finds every one of its sources usable.
 */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfigFile } from "../../src/config/load-config.js";
import { writeDemoCliConfig } from "../../src/demo/demo-cli-config.js";
import { type DemoSimulators, startDemoSimulators } from "../../src/demo/start-demo.js";
import { vendors } from "../../src/vendors/registry.js";
import { rollcall } from "../support/cli.js";

describe("the demo's config for the command line", () => {
  let demo: DemoSimulators;
  let path: string;
  beforeAll(async () => {
    demo = await startDemoSimulators({ users: 2 });
    path = await writeDemoCliConfig(demo, join(await mkdtemp(join(tmpdir(), "rollcall-demo-")), "demo.yaml"));
  });
  afterAll(async () => {
    await demo?.stop();
  });

  it("names every simulator as a source, and the demo's store", async () => {
    const config = await loadConfigFile(path, {});
    expect(config.sources.map((s) => s.id)).toEqual(vendors.map((v) => v.kind));
    expect(config.store.url).toBe("file:./data/rollcall-demo.db");
  });

  it("reaches every simulator: rollcall check finds each source usable", async () => {
    const run = await rollcall(["check", "--config", path], { NODE_ENV: "test" });
    expect(run.stdout).toContain(`All ${vendors.length} sources can be used.`);
  });
});
