/**
 * On PostgreSQL, a replica asked for a snapshot while one is RUNNING follows that one. Taken by
 * `rollcall snapshot` (which runs it itself, not through the job engine), started after the
 * replicas and then crashed, its lease runs out unrenewed: no replica's start-up saw it, and no
 * job of the engine's holds it. Whoever follows it notices the lapse and offers it again to the
 * engine — once, however many follow it — and a worker resumes it: its parts COMPLETE are kept,
 * never read twice; the rest is read; the follower's answer is its end.
 */
import pg from "pg";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { SnapshotSourceStatus, SnapshotStatus, SnapshotTrigger } from "../../../src/history/snapshot.js";
import { SNAPSHOT_QUEUE } from "../../../src/history/snapshot-jobs.js";
import { openStore } from "../../../src/store/open-store.js";
import { vendors } from "../../../src/vendors/registry.js";
import { type GatewayHarness, startGateway } from "../../support/gateway-harness.js";
import { postgresTarget, type StorePlace } from "../../support/store-targets.js";

const [done, left] = vendors as [(typeof vendors)[0], (typeof vendors)[0]];
const ID = "snap_00000000clicrashed";
/** The crashed `rollcall snapshot`, as its lease names it. */
const CLI = "elsewhere#4242#cli";
/** What the CLI had read of the part it finished before it crashed. */
const DONE_READ = 3;

const fromNow = (ms: number) => new Date(Date.now() + ms);

describe("a replica following a snapshot whose CLI taker crashed after the replicas started, on PostgreSQL", () => {
  const target = postgresTarget();
  let place: StorePlace | undefined;
  let gw: GatewayHarness | undefined;

  afterEach(async () => {
    await gw?.stop();
    gw = undefined;
    await place?.drop();
    place = undefined;
  });
  afterAll(() => target.close());

  /** The snapshot jobs the engine holds or has archived: their data and state. */
  async function snapshotJobs(): Promise<Array<{ data: Record<string, unknown>; state: string }>> {
    const schema = `${new URL((place as StorePlace).url).searchParams.get("options")?.split("=")[1]}_jobs`;
    const client = new pg.Client({ connectionString: (place as StorePlace).url });
    await client.connect();
    try {
      const { rows } = await client.query(
        `select data, state from "${schema}".job where name = $1 union all select data, state from "${schema}".archive where name = $1`,
        [SNAPSHOT_QUEUE],
      );
      return rows as Array<{ data: Record<string, unknown>; state: string }>;
    } finally {
      await client.end();
    }
  }

  it("offers it again to the engine once its lease has lapsed, and follows it to its end: COMPLETE, its finished part not read again", async () => {
    place = await target.fresh();
    gw = await startGateway({
      users: 5,
      instances: [
        { vendor: done, id: done.kind },
        { vendor: left, id: left.kind },
      ],
      storeUrl: place.url,
      extraConfig: { store: { url: place.url, jobs: { leaseSeconds: 2, pollSeconds: 0.5 } } },
    });
    const server = gw;
    // After the replica started: `rollcall snapshot` stores its snapshot, held by its lease, and
    // finishes one part before it crashes.
    const cli = await openStore({ url: place.url });
    try {
      await cli.history.createSnapshot({
        id: ID,
        trigger: SnapshotTrigger.CLI,
        takenBy: "cli",
        startedAt: new Date(),
        sourceIds: [done.kind, left.kind],
        lease: { runner: CLI, until: fromNow(10 * 60_000) },
      });
      await cli.history.updateSource(ID, done.kind, {
        status: SnapshotSourceStatus.COMPLETE,
        accountsRead: DONE_READ,
        startedAt: new Date(),
        finishedAt: new Date(),
      });
      // It crashed: the lease it last took runs out (its end moved to the past here, rather than
      // waiting for it), and nobody renews it.
      expect(await cli.history.leaseSnapshot(ID, CLI, new Date(), fromNow(-1000))).toBe(true);
    } finally {
      await cli.close();
    }
    await expect.poll(snapshotJobs).toEqual([]);

    // Two asks at once: both follow the CLI's snapshot (no snapshot of their own), both see it lapse.
    const asked = await Promise.all(
      [1, 2].map(() => server.mutate<{ takeSnapshot: { id: string } }>(`mutation { takeSnapshot { id } }`)),
    );
    for (const answer of asked) {
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.takeSnapshot.id).toBe(ID);
    }

    const snapshotOf = () => server.rollcall.store.history.getSnapshot(ID);
    await expect
      .poll(async () => (await snapshotOf())?.status, { timeout: 15_000 })
      .toBe(SnapshotStatus.COMPLETE);
    const ended = await snapshotOf();
    expect(ended?.sources.map((s) => [s.sourceId, s.status, s.error])).toEqual([
      [done.kind, "COMPLETE", null],
      [left.kind, "COMPLETE", null],
    ]);
    // The part the CLI finished is kept as it was, never read again; the one it left is read.
    expect(ended?.sources[0]?.accountsRead).toBe(DONE_READ);
    expect(server.upstreamCounts()[done.kind]).toBe(0);
    expect(server.upstreamCounts()[left.kind]).toBeGreaterThan(0);
    expect(ended?.sources[1]?.accountsRead).toBeGreaterThan(0);
    // Offered once to the engine, whose worker took it. The job is marked done by the engine after
    // the worker's handler returns, which may be just after the snapshot reads COMPLETE: waited for.
    await expect
      .poll(() => snapshotJobs(), { timeout: 15_000 })
      .toEqual([
        {
          data: { snapshotId: ID, sourceIds: [done.kind, left.kind], takenBy: "cli" },
          state: "completed",
        },
      ]);
    expect((await server.rollcall.store.history.listSnapshots({ first: 10 })).map((s) => s.id)).toEqual([ID]);
  });
});
