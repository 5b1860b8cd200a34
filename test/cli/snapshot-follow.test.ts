/**
 * `rollcall snapshot` while another process takes a snapshot of the same store (a real concurrent
 * run: the server, taking one through takeSnapshot against the simulators over real HTTP, its
 * sources slowed so that it runs for a while): the command takes no second snapshot but follows
 * that one, says so, shows each source's progress as the store records it (plain lines, or bars on
 * a terminal), and ends with that snapshot's report and the exit status a snapshot it took itself
 * would have: 0 when COMPLETE, 1 when a source failed. On the embedded SQLite store and on
 * PostgreSQL (where the server takes it through its job engine).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CliIo } from "../../src/cli/cli-io.js";
import { runCli } from "../../src/cli/run-cli.js";
import { renderSnapshot } from "../../src/cli/snapshot-report.js";
import type { SnapshotRecord } from "../../src/history/snapshot.js";
import { vendorFor, vendors } from "../../src/vendors/registry.js";
import { writeConfig } from "../support/cli.js";
import { type GatewayHarness, startGateway } from "../support/gateway-harness.js";
import { postgresTarget, type StorePlace } from "../support/store-targets.js";

/** Each simulated call's latency while the server's snapshot runs: pages of two take a while. */
const LATENCY_MS = 300;
const PAGE = 2;

interface CliRun {
  readonly out: string[];
  readonly err: string[];
  /** What was drawn on the terminal, when the run had one. */
  readonly drawn: string[];
  readonly status: Promise<number | "running">;
}

function startCli(args: string[], onTerminal: boolean): CliRun {
  const out: string[] = [];
  const err: string[] = [];
  const drawn: string[] = [];
  const io: CliIo = {
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    env: {},
    readStdin: async () => "",
    ...(onTerminal && { terminal: { write: (text: string) => drawn.push(text), columns: 120 } }),
  };
  return { out, err, drawn, status: runCli(args, io) };
}

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A source's progress as `rollcall snapshot` shows it while reading: some accounts read. */
const readingLine = (sourceId: string) =>
  new RegExp(`${escaped(sourceId)}\\s+\\[[#?-]{24}\\]\\s+[1-9][\\d,]*(/[\\d,]+| accounts)\\s+running`);

describe.each([
  ["SQLite", null],
  ["PostgreSQL", postgresTarget()],
] as const)("rollcall snapshot while another process takes one, on %s", (_engine, target) => {
  let place: StorePlace | undefined;
  let gw: GatewayHarness;
  let config: string;
  /** Sources read in pages (the others read their whole list at once: one page, no progress between). */
  let paged: string[];

  beforeAll(async () => {
    place = await target?.fresh();
    const sourceOverrides = Object.fromEntries(vendors.map((v) => [v.kind, { pageSize: PAGE }]));
    gw = await startGateway({
      users: 20,
      sourceOverrides,
      ...(place && {
        storeUrl: place.url,
        extraConfig: { store: { url: place.url, jobs: { leaseSeconds: 2, pollSeconds: 0.5 } } },
      }),
    });
    paged = vendors
      .map((v) => v.kind)
      .filter((kind) => (gw.rollcall.gateway.connector(kind)?.userPageSize ?? null) !== null);
    expect(paged.length).toBeGreaterThan(0);
    // The command's config: the same sources, and the server's store.
    const sources = [...gw.sims].map(([id, sim]) => ({
      ...vendorFor(id)?.simulator.demoSource(sim.url, id),
      retryBaseDelayMs: 10,
      ...sourceOverrides[id],
    }));
    config = await writeConfig("rollcall.yaml", { sources, store: { url: gw.storeUrl } });
  });

  afterAll(async () => {
    await gw?.stop();
    await place?.drop();
    await target?.close();
  });

  /** The server starts a snapshot (takeSnapshot) and holds it: its sources are being read. */
  async function serverTaking(): Promise<string> {
    for (const sim of gw.sims.values()) sim.faults.set({ latencyMs: LATENCY_MS });
    const taken = await gw.mutate<{ takeSnapshot: { id: string } }>(`mutation { takeSnapshot { id } }`);
    expect(taken.errors).toBeUndefined();
    const id = taken.data!.takeSnapshot.id;
    await expect
      .poll(async () => (await gw.rollcall.store.history.getSnapshot(id))?.sources.map((s) => s.status))
      .toContain("RUNNING");
    return id;
  }

  const final = async (id: string) => (await gw.rollcall.store.history.getSnapshot(id)) as SnapshotRecord;
  const snapshotIds = async () =>
    (await gw.rollcall.store.history.listSnapshots({ first: 100 })).map((s) => s.id);

  it("follows it with a line per page read, then its report: COMPLETE, exit 0", async () => {
    const before = await snapshotIds();
    const id = await serverTaking();
    const cli = startCli(["snapshot", "--config", config], false);
    try {
      // Each paged source's progress shows while the server reads it.
      for (const sourceId of paged)
        await expect.poll(() => cli.out.join("\n")).toMatch(readingLine(sourceId));
    } finally {
      for (const sim of gw.sims.values()) sim.faults.clear();
    }
    expect(await cli.status).toBe(0);
    expect(cli.err).toEqual([]);
    expect(cli.out[0]).toMatch(
      new RegExp(
        `^Snapshot ${id} is already running, started elsewhere at \\S+Z \\(manual, by key:test-writer\\): following it`,
      ),
    );
    const snapshot = await final(id);
    expect(snapshot.status).toBe("COMPLETE");
    // The same report a snapshot it took would end with, headed by whose snapshot it was.
    expect(cli.out.slice(-2)).toEqual([
      `Followed snapshot ${id}, started elsewhere (not taken by this command):`,
      renderSnapshot(snapshot),
    ]);
    // No second snapshot: the command's ask answered the one running.
    expect(await snapshotIds()).toEqual([id, ...before]);
  });

  it("follows it with a bar per source on a terminal; a source failing makes it PARTIAL: exit 1, the failure named", async () => {
    const id = await serverTaking();
    const cli = startCli(["snapshot", "--config", config], true);
    const [failing] = paged as [string];
    try {
      await expect.poll(() => cli.drawn.join("")).toMatch(readingLine(failing));
      gw.sims.get(failing)!.faults.inject({ kind: "5xx", status: 503 });
      for (const [sourceId, sim] of gw.sims) if (sourceId !== failing) sim.faults.clear();
      expect(await cli.status).toBe(1);
    } finally {
      for (const sim of gw.sims.values()) sim.faults.clear();
    }
    const snapshot = await final(id);
    expect(snapshot.status).toBe("PARTIAL");
    expect(snapshot.sources.find((s) => s.sourceId === failing)?.error?.code).toBe("SOURCE_UNAVAILABLE");
    // Bars for every source of the snapshot, redrawn in place.
    const screen = cli.drawn.join("");
    for (const { sourceId } of snapshot.sources) expect(screen).toContain(`\x1b[2K${sourceId}`);
    // Up as many lines as there are bars, to draw them again.
    expect(screen).toContain(`\x1b[${snapshot.sources.length}A`);
    expect(cli.out[0]).toMatch(new RegExp(`^Snapshot ${id} is already running, started elsewhere at `));
    expect(cli.out.slice(-2)).toEqual([
      `Followed snapshot ${id}, started elsewhere (not taken by this command):`,
      renderSnapshot(snapshot),
    ]);
    expect(cli.out.at(-1)).toMatch(new RegExp(`${failing}\\s+FAILED\\s+-\\s+\\S+\\s+SOURCE_UNAVAILABLE: `));
  });
});
