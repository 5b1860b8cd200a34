/**
 * A snapshot is stored with its lease already held, never RUNNING and unheld before its run takes
 * over (src/history/snapshot-lease.ts). The server takes one (takeSnapshot) and, in the moment after
 * the store has it and before anything runs it — held open here: the server's store answers
 * `createSnapshot` only once the second process has decided — `rollcall snapshot` asks for one
 * (a second process: its own store connection). It must follow that snapshot: not fail it as one a
 * stopped process left (the embedded store), nor resume it itself (PostgreSQL, where the server's
 * job engine has yet to offer it to a worker). On SQLite and on PostgreSQL.
 *
 * And a snapshot stored held for a run that never reads (its process was stopping) is let go at
 * once, as a stop leaves every snapshot: the next process need not wait out a lease to take it.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { CliIo } from "../../../src/cli/cli-io.js";
import { runCli } from "../../../src/cli/run-cli.js";
import { renderSnapshot } from "../../../src/cli/snapshot-report.js";
import { type SnapshotRecord, SnapshotTrigger } from "../../../src/history/snapshot.js";
import { QUEUED_FOR_WORKER } from "../../../src/history/snapshot-lease.js";
import { SnapshotStoppedError, stopSnapshots } from "../../../src/history/snapshot-stop.js";
import { startSnapshot } from "../../../src/history/take-snapshot.js";
import { THIS_RUNNER } from "../../../src/plans/plan-lease.js";
import { vendorFor } from "../../../src/vendors/registry.js";
import { writeConfig } from "../../support/cli.js";
import { type GatewayHarness, startGateway } from "../../support/gateway-harness.js";
import { postgresTarget, type StorePlace, sqliteTarget } from "../../support/store-targets.js";

interface CliRun {
  readonly out: string[];
  readonly err: string[];
  readonly status: Promise<number | "running">;
  /** True once the command has ended. */
  settled(): boolean;
}

function startCli(args: string[]): CliRun {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    env: {},
    readStdin: async () => "",
  };
  let ended = false;
  const status = runCli(args, io).finally(() => {
    ended = true;
  });
  return { out, err, status, settled: () => ended };
}

describe.each([
  ["SQLite", null],
  ["PostgreSQL", postgresTarget()],
] as const)(
  "rollcall snapshot asked the moment the server has stored its snapshot, on %s",
  (_engine, target) => {
    let place: StorePlace | undefined;
    let gw: GatewayHarness;
    let config: string;

    beforeAll(async () => {
      place = await target?.fresh();
      gw = await startGateway({
        users: 10,
        ...(place && {
          storeUrl: place.url,
          // Workers look every half second; the queue's hold (a lease and a poll) outlasts that.
          extraConfig: { store: { url: place.url, jobs: { leaseSeconds: 10, pollSeconds: 0.5 } } },
        }),
      });
      const sources = [...gw.sims].map(([id, sim]) => ({
        ...vendorFor(id)?.simulator.demoSource(sim.url, id),
        retryBaseDelayMs: 10,
      }));
      config = await writeConfig("rollcall.yaml", { sources, store: { url: gw.storeUrl } });
    });

    afterAll(async () => {
      await gw?.stop();
      await place?.drop();
      await target?.close();
    });

    it("follows it to its end: not failed as interrupted, not resumed by the command, no second snapshot", async () => {
      const history = gw.rollcall.store.history;
      const before = (await history.listSnapshots({ first: 100 })).map((s) => s.id);
      const store = history.createSnapshot.bind(history);
      let cli: CliRun | undefined;
      let unheldWhenAsked: string[] | undefined;
      let holderWhenAsked: unknown;
      // The server's snapshot is stored; before its store answers (nothing runs it yet), the command
      // asks, and the server goes on once the command has said what it does (or ended).
      const stored = vi.spyOn(history, "createSnapshot").mockImplementationOnce(async (snapshot) => {
        await store(snapshot);
        unheldWhenAsked = await history.unheldSnapshots(new Date());
        const [row] = await (target ?? sqliteTarget()).rows(
          place ?? { url: gw.storeUrl, drop: async () => undefined },
          `select runner from snapshots where id = '${snapshot.id}'`,
        );
        holderWhenAsked = row?.runner;
        const asked = startCli(["snapshot", "--config", config]);
        cli = asked;
        await expect.poll(() => asked.out.length > 0 || asked.settled()).toBe(true);
      });
      try {
        const taken = await gw.mutate<{ takeSnapshot: { id: string } }>(`mutation { takeSnapshot { id } }`);
        expect(taken.errors).toBeUndefined();
        const id = taken.data!.takeSnapshot.id;
        expect(stored).toHaveBeenCalledTimes(1);
        const run = cli as CliRun;
        expect(await run.status).toBe(0);
        expect(run.err).toEqual([]);
        expect(run.out[0]).toMatch(
          new RegExp(`^Snapshot ${id} is already running, started elsewhere at \\S+Z .*: following it`),
        );
        expect(run.out.join("\n")).not.toMatch(/resuming it here|Resumed snapshot/);
        const snapshot = (await history.getSnapshot(id)) as SnapshotRecord;
        expect(snapshot.status).toBe("COMPLETE");
        expect(snapshot.sources.map((s) => [s.sourceId, s.status, s.error])).toEqual(
          [...gw.sims.keys()].map((sourceId) => [sourceId, "COMPLETE", null]),
        );
        expect(run.out.slice(-2)).toEqual([
          `Followed snapshot ${id}, started elsewhere (not taken by this command):`,
          renderSnapshot(snapshot),
        ]);
        // The command's ask answered the server's snapshot: none of its own.
        expect((await history.listSnapshots({ first: 100 })).map((s) => s.id)).toEqual([id, ...before]);
        // Held from the moment it was stored: by the server's process that runs it, or by the job
        // engine's queue until a worker takes it over.
        expect(unheldWhenAsked).toEqual([]);
        expect(holderWhenAsked).toBe(target ? QUEUED_FOR_WORKER : THIS_RUNNER);
      } finally {
        stored.mockRestore();
        await cli?.status;
      }
    });
  },
);

describe("a snapshot stored while its process stops", () => {
  it("is let go at once, RUNNING as it was: unheld for the next process, not held for a lease", async () => {
    const gw = await startGateway({ users: 5 });
    try {
      const { store, gateway } = gw.rollcall;
      await stopSnapshots(store);
      const started = await startSnapshot(gateway, store, {
        trigger: SnapshotTrigger.MANUAL,
        takenBy: "cli",
      });
      await expect(started.done).rejects.toBeInstanceOf(SnapshotStoppedError);
      const left = await store.history.getSnapshot(started.snapshot.id);
      expect(left?.status).toBe("RUNNING");
      expect(left?.sources.map((s) => s.status)).toEqual([...gw.sims.keys()].map(() => "PENDING"));
      expect(await store.history.unheldSnapshots(new Date())).toEqual([started.snapshot.id]);
    } finally {
      await gw.stop();
    }
  });
});
