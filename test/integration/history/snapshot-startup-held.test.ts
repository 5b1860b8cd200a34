/**
 * A server starting on the SQLite file a `rollcall snapshot` is taking a snapshot of (two real
 * processes: the command here, the server a process of the build, each with its own connection to
 * the file; the simulators slowed so the snapshot runs a while). The command holds the snapshot's
 * lease, renewed as it reads: the server's start-up leaves the snapshot to it — not failed as
 * interrupted, as one a stop left would be — and, asked for a snapshot meanwhile, answers that one.
 * The command's snapshot ends COMPLETE, every source read whole, and the command exits 0.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CliIo } from "../../../src/cli/cli-io.js";
import { runCli } from "../../../src/cli/run-cli.js";
import { newApiKey } from "../../../src/server/api-keys.js";
import type { SimServer } from "../../../src/simulator/sim-server.js";
import { vendors } from "../../../src/vendors/registry.js";
import { writeConfig } from "../../support/cli.js";
import { type ReplicaProcess, startReplica } from "../../support/replica-process.js";
import { sqliteTarget } from "../../support/store-targets.js";

/** Each simulated call's latency while the server starts: pages of two take a while. */
const LATENCY_MS = 300;
const SNAPSHOT = "id status sources { sourceId status accountsRead error { message } }";

interface SnapshotJson {
  id: string;
  status: string;
  sources: { sourceId: string; status: string; accountsRead: number; error: { message: string } | null }[];
}

describe("a server started while `rollcall snapshot` takes a snapshot of the same SQLite file", () => {
  const dir = mkdtempSync(join(tmpdir(), "rollcall-startup-held-"));
  const storeUrl = `file:${join(dir, "rollcall.db")}`;
  const place = { url: storeUrl, drop: async () => undefined };
  const writer = newApiKey();
  const sims = new Map<string, SimServer>(vendors.map((v) => [v.kind, v.simulator.create({ users: 20 })]));
  let sources: Record<string, unknown>[];
  let server: ReplicaProcess | undefined;

  beforeAll(async () => {
    sources = await Promise.all(
      vendors.map(async (v) => ({
        ...v.simulator.demoSource(await (sims.get(v.kind) as SimServer).start(), v.kind),
        retryBaseDelayMs: 10,
        pageSize: 2,
      })),
    );
  });

  afterAll(async () => {
    await server?.stop();
    await Promise.all([...sims.values()].map((s) => s.stop()));
    rmSync(dir, { recursive: true, force: true });
  });

  async function ask<T>(query: string): Promise<T> {
    const response = await fetch((server as ReplicaProcess).url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${writer.key}` },
      body: JSON.stringify({ query }),
    });
    const { data, errors } = (await response.json()) as { data?: T; errors?: unknown[] };
    if (errors || !data) throw new Error(JSON.stringify(errors));
    return data;
  }

  it("leaves it to the command: not marked interrupted, answered when asked for one; it ends COMPLETE, exit 0", async () => {
    const config = await writeConfig("rollcall.yaml", { sources, store: { url: storeUrl } });
    for (const sim of sims.values()) sim.faults.set({ latencyMs: LATENCY_MS });
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
      env: {},
      readStdin: async () => "",
    };
    const command = runCli(["snapshot", "--config", config], io);
    try {
      // The command is reading: its snapshot RUNNING, a source's part under way.
      let id: string | undefined;
      await expect
        .poll(async () => {
          const rows = await sqliteTarget().rows(
            place,
            "select s.id, p.status, p.accounts_read from snapshots s join snapshot_sources p on p.snapshot_id = s.id where s.status = 'RUNNING'",
          );
          id = rows[0]?.id as string | undefined;
          return rows.some((r) => r.status === "RUNNING" && Number(r.accounts_read) > 0);
        })
        .toBe(true);

      server = await startReplica(dir, "server", {
        server: { port: 0, host: "127.0.0.1", overload: { maxEventLoopDelayMs: 0 } },
        logging: { level: "info" },
        auth: { apiKeys: [{ name: "writer", scope: "write", sha256: writer.sha256 }] },
        store: { url: storeUrl },
        sources,
      });
      // Start-up left it to the command, and said so.
      const logs = server.logs;
      expect(logs.join("\n")).not.toMatch(/interrupted by a stop/);
      const held = logs.find((line) => line.includes("snapshots running in another process"));
      expect(held && JSON.parse(held).snapshots).toEqual([id]);
      const { snapshot: seen } = await ask<{ snapshot: SnapshotJson }>(
        `{ snapshot(id: "${id}") { ${SNAPSHOT} } }`,
      );
      expect(seen.status).toBe("RUNNING");
      expect(seen.sources.some((s) => s.status === "FAILED")).toBe(false);
      // Asked for a snapshot, the server answers the command's (it follows it): none of its own.
      const { takeSnapshot } = await ask<{ takeSnapshot: SnapshotJson }>(
        `mutation { takeSnapshot { ${SNAPSHOT} } }`,
      );
      expect([takeSnapshot.id, takeSnapshot.status]).toEqual([id, "RUNNING"]);
    } finally {
      for (const sim of sims.values()) sim.faults.clear();
    }

    expect(await command).toBe(0);
    expect(err).toEqual([]);
    expect(out.join("\n")).not.toMatch(/following it|Followed snapshot/);
    const { snapshots } = await ask<{ snapshots: { nodes: SnapshotJson[] } }>(
      `{ snapshots(first: 10) { nodes { ${SNAPSHOT} } } }`,
    );
    expect(snapshots.nodes).toHaveLength(1);
    const [snapshot] = snapshots.nodes as [SnapshotJson];
    expect(snapshot.status).toBe("COMPLETE");
    expect(snapshot.sources.map((s) => [s.sourceId, s.status, s.error])).toEqual(
      vendors.map((v) => [v.kind, "COMPLETE", null]),
    );
    expect(server?.logs.join("\n")).not.toMatch(/interrupted|its lease ran out/);
  });
});
