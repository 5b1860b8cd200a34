/**
 * `rollcall snapshot` as the CLI runs it (arguments, config file, connectors and store in process,
 * output, exit status) against the simulators over real HTTP: plain lines when not on a terminal,
 * bars redrawn in place on one, each source's result, 0 when complete and 1 when a source failed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CliIo } from "../../src/cli/cli-io.js";
import { runCli } from "../../src/cli/run-cli.js";
import { vendorFor, vendors } from "../../src/vendors/registry.js";
import { rollcall, writeConfig } from "../support/cli.js";
import { type GatewayHarness, startGateway } from "../support/gateway-harness.js";

describe("rollcall snapshot", () => {
  let gw: GatewayHarness;
  let config: string;
  beforeAll(async () => {
    gw = await startGateway({ users: 20 });
    const sources = [...gw.sims].map(([id, sim]) => vendorFor(id)?.simulator.demoSource(sim.url, id));
    config = await writeConfig("rollcall.yaml", { sources });
  });
  afterAll(() => gw?.stop());

  /** A result row per source: SOURCE STATUS ACCOUNTS … */
  const rows = (stdout: string) =>
    new Map(
      stdout
        .split("\n")
        .filter((l) => vendors.some((v) => l.startsWith(`${v.kind} `)) && !l.includes("["))
        .map((l) => {
          const [source, status, accounts] = l.split(/\s+/);
          return [source, { status, accounts }] as const;
        }),
    );

  it("takes a snapshot of every source, prints each one's result, and exits 0", async () => {
    const run = await rollcall(["snapshot", "--config", config]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Snapshot snap_\w+: COMPLETE$/);
    const results = rows(run.stdout);
    for (const vendor of vendors) {
      expect(results.get(vendor.kind)?.status, vendor.kind).toBe("COMPLETE");
      expect(Number(results.get(vendor.kind)?.accounts), vendor.kind).toBeGreaterThan(0);
    }
    // Not a terminal: progress is plain lines, never cursor movement.
    expect(run.stdout).not.toContain("\x1b[");
    expect(run.stdout).toMatch(/\[[#-]+\]\s+[\d,]+\/[\d,]+\s+running/);
  });

  it("draws a bar per source on a terminal, redrawn in place", async () => {
    const drawn: string[] = [];
    const out: string[] = [];
    const io: CliIo = {
      out: (text) => out.push(text),
      err: (text) => out.push(text),
      env: {},
      readStdin: async () => "",
      terminal: { write: (text) => drawn.push(text), columns: 100 },
    };
    const [one] = vendors;
    expect(await runCli(["snapshot", "--config", config, "--sources", one!.kind], io)).toBe(0);
    const screen = drawn.join("");
    expect(screen).toContain(`${one!.kind}`);
    expect(screen).toContain("\x1b[1A");
    expect(screen).toMatch(/\[#{24}\]/);
    expect(out.join("\n")).toMatch(/COMPLETE$/);
  });

  it("exits 1 with a source's failure named when it can't be read, the others complete", async () => {
    const [failing] = vendors;
    gw.sims.get(failing!.kind)!.faults.inject({ kind: "5xx", status: 503 });
    try {
      const run = await rollcall(["snapshot", "--config", config]);
      expect(run.status).toBe(1);
      expect(run.stdout).toMatch(/: PARTIAL$/);
      const failed = run.stdout
        .split("\n")
        .find((l) => l.startsWith(`${failing!.kind} `) && l.includes("FAILED"));
      expect(failed).toMatch(/SOURCE_UNAVAILABLE: /);
      expect(rows(run.stdout).get(vendors[1]!.kind)?.status).toBe("COMPLETE");
    } finally {
      gw.sims.get(failing!.kind)!.faults.clear();
    }
  });

  it("refuses an unknown source and a stray argument", async () => {
    const unknown = await rollcall(["snapshot", "--config", config, "--sources", "nowhere"]);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('Unknown source "nowhere"');
    const stray = await rollcall(["snapshot", "now", "--config", config]);
    expect(stray.status).toBe(2);
  });
});
