/**
 * The demo takes a snapshot as it starts, so the console's people matrix has rows the first time
 * it is opened (the matrix reads the latest snapshot, never the vendors).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningRollcall, startRollcall } from "../../src/app.js";
import { parseConfig } from "../../src/config/load-config.js";
import { demoConfig } from "../../src/demo/demo-config.js";
import { takeFirstSnapshot } from "../../src/demo/first-snapshot.js";
import { type DemoSimulators, startDemoSimulators } from "../../src/demo/start-demo.js";
import { vendors } from "../../src/vendors/registry.js";

const MATRIX = `{ accessMatrix(first: 100) { asOf totalCount incompleteSources sources { sourceId status } snapshot { status takenBy } } }`;

interface MatrixAnswer {
  data?: {
    accessMatrix: {
      asOf: string;
      totalCount: number;
      incompleteSources: string[];
      sources: Array<{ sourceId: string; status: string }>;
      snapshot: { status: string; takenBy: string };
    } | null;
  };
  errors?: unknown[];
}

describe("the demo's first snapshot", () => {
  let demo: DemoSimulators;
  let rollcall: RunningRollcall;
  let dir: string;
  beforeAll(async () => {
    demo = await startDemoSimulators({ users: 3 });
    dir = await mkdtemp(join(tmpdir(), "rollcall-demo-snapshot-"));
    const { raw } = demoConfig(demo, 0);
    rollcall = await startRollcall(
      parseConfig({ ...raw, store: { url: `file:${join(dir, "demo.db")}` } }, { NODE_ENV: "test" }),
    );
  });
  afterAll(async () => {
    await rollcall?.close();
    await demo?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const matrix = async (): Promise<MatrixAnswer> =>
    (await (
      await fetch(rollcall.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: MATRIX }),
      })
    ).json()) as MatrixAnswer;

  it("gives the console's matrix every simulator's people, read whole, once it is taken", async () => {
    const before = await matrix();
    expect(before.errors).toBeUndefined();
    expect(before.data?.accessMatrix).toBeNull();
    const logged: string[] = [];
    await takeFirstSnapshot(rollcall, {
      info: (_details, message) => logged.push(message),
      error: (_details, message) => logged.push(`error: ${message}`),
    });
    expect(logged).toEqual(["took the demo's first snapshot: the console's people matrix reads it"]);
    const { data, errors } = await matrix();
    expect(errors).toBeUndefined();
    expect(data?.accessMatrix?.snapshot).toEqual({ status: "COMPLETE", takenBy: "system" });
    expect(data?.accessMatrix?.sources).toEqual(
      vendors.map((v) => ({ sourceId: v.kind, status: "COMPLETE" })),
    );
    expect(data?.accessMatrix?.incompleteSources).toEqual([]);
    expect(data?.accessMatrix?.totalCount).toBeGreaterThan(0);
  });

  it("says so in the log, and does not throw, when the vendors cannot be read", async () => {
    await demo.stop();
    const logged: string[] = [];
    await takeFirstSnapshot(rollcall, {
      info: (_details, message) => logged.push(message),
      error: (_details, message) => logged.push(`error: ${message}`),
    });
    expect(logged).toEqual([
      "error: the demo's first snapshot is FAILED: the matrix shows the sources it could read",
    ]);
  });
});
