/**
 * A server starting on a store that holds a snapshot RUNNING judges it by its lease, as every
 * process sharing the store does. Nobody holding it (stored without a lease, or one run out): a
 * stop or a crash left it, and start-up takes care of it as ever — failed as interrupted on the
 * embedded SQLite store, resumed through the job engine on PostgreSQL. Held (a live lease): it is
 * another process's, left RUNNING and untouched. Held by a process that crashed just before the
 * start (a lease that still looks live, then runs out unrenewed): left at start, and taken care of
 * once the lease runs out — never RUNNING for ever. On SQLite and on PostgreSQL. (The snapshot of
 * a real `rollcall snapshot` process running while a server starts: snapshot-startup-held.test.ts.)
 */
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { SnapshotStatus, SnapshotTrigger } from "../../../src/history/snapshot.js";
import { openStore } from "../../../src/store/open-store.js";
import type { StoredLease } from "../../../src/store/store.js";
import { vendors } from "../../../src/vendors/registry.js";
import { type GatewayHarness, startGateway } from "../../support/gateway-harness.js";
import {
  postgresTarget,
  type StorePlace,
  type StoreTarget,
  sqliteTarget,
} from "../../support/store-targets.js";

const [vendor] = vendors as [(typeof vendors)[0]];
const ID = "snap_00000000leftrunning";
/** Another process, as a snapshot's lease names it. */
const OTHER = "elsewhere#4242#cli";

const fromNow = (ms: number) => new Date(Date.now() + ms);

describe.each([
  ["SQLite", sqliteTarget()],
  ["PostgreSQL", postgresTarget()],
] as const)("a snapshot RUNNING when the server starts, on %s", (_engine, target: StoreTarget) => {
  let place: StorePlace | undefined;
  let gw: GatewayHarness | undefined;
  const crashLeft = target.engine === "sqlite" ? "failed as interrupted" : "resumed";

  afterEach(async () => {
    await gw?.stop();
    gw = undefined;
    await place?.drop();
    place = undefined;
  });
  afterAll(() => target.close());

  /** A store holding snapshot ID RUNNING, its one source not begun, with `lease`; then a server on it. */
  async function startOn(lease: StoredLease | undefined): Promise<GatewayHarness> {
    place = await target.fresh();
    const store = await openStore({ url: place.url });
    try {
      await store.history.createSnapshot({
        id: ID,
        trigger: SnapshotTrigger.CLI,
        takenBy: "cli",
        startedAt: new Date(Date.now() - 1000),
        sourceIds: [vendor.kind],
        ...(lease && { lease }),
      });
    } finally {
      await store.close();
    }
    gw = await startGateway({
      users: 5,
      instances: [{ vendor, id: vendor.kind }],
      storeUrl: place.url,
      ...(target.engine === "postgres" && {
        extraConfig: { store: { url: place.url, jobs: { leaseSeconds: 2, pollSeconds: 0.5 } } },
      }),
    });
    return gw;
  }

  const snapshotOf = async (server: GatewayHarness) => server.rollcall.store.history.getSnapshot(ID);
  const holderOf = async () =>
    (await target.rows(place as StorePlace, `select runner from snapshots where id = '${ID}'`))[0]?.runner;

  /** What start-up does with a snapshot a stop or a crash left, as it always has. */
  async function expectTakenCareOf(server: GatewayHarness): Promise<void> {
    if (target.engine === "sqlite") {
      // At start-up already: failed, its part not done failed as interrupted.
      const failed = await snapshotOf(server);
      expect(failed?.status).toBe(SnapshotStatus.FAILED);
      expect(failed?.sources.map((s) => [s.sourceId, s.status])).toEqual([[vendor.kind, "FAILED"]]);
      expect(failed?.sources[0]?.error?.message).toMatch(/^Interrupted/);
    } else {
      // Offered to the job engine at start-up; a worker resumes it and reads its part.
      await expect.poll(async () => (await snapshotOf(server))?.status).toBe(SnapshotStatus.COMPLETE);
      const resumed = await snapshotOf(server);
      expect(resumed?.sources.map((s) => [s.sourceId, s.status, s.error])).toEqual([
        [vendor.kind, "COMPLETE", null],
      ]);
      expect(resumed?.sources[0]?.accountsRead).toBeGreaterThan(0);
    }
  }

  it(`stored without a lease (its process stopped): ${crashLeft} at start-up, as ever`, async () => {
    const server = await startOn(undefined);
    await expectTakenCareOf(server);
    expect(server.logs.join("\n")).not.toContain("snapshots running in another process");
  });

  it(`held by a lease that has run out (its process crashed a while ago): ${crashLeft} at start-up, as ever`, async () => {
    const server = await startOn({ runner: OTHER, until: fromNow(-5000) });
    await expectTakenCareOf(server);
  });

  it("held by a live lease (another process is taking it): left RUNNING and untouched, the holder's", async () => {
    const server = await startOn({ runner: OTHER, until: fromNow(10 * 60_000) });
    const snapshot = await snapshotOf(server);
    expect(snapshot?.status).toBe(SnapshotStatus.RUNNING);
    expect(snapshot?.sources.map((s) => [s.sourceId, s.status, s.error])).toEqual([
      [vendor.kind, "PENDING", null],
    ]);
    expect(await holderOf()).toBe(OTHER);
    expect(server.logs.join("\n")).not.toMatch(/interrupted by a stop|offered again/);
    const held = server.logs.find((line) => line.includes("snapshots running in another process"));
    expect(held && JSON.parse(held).snapshots).toEqual([ID]);
    // Asked for a snapshot meanwhile, the server answers that one (it follows it): none of its own.
    const asked = await server.mutate<{ takeSnapshot: { id: string; status: string } }>(
      `mutation { takeSnapshot { id status } }`,
    );
    expect(asked.errors).toBeUndefined();
    expect(asked.data?.takeSnapshot).toEqual({ id: ID, status: "RUNNING" });
    expect((await server.rollcall.store.history.listSnapshots({ first: 10 })).map((s) => s.id)).toEqual([ID]);
    expect(server.upstreamCounts()[vendor.kind]).toBe(0);
  });

  it(`held by a process that crashed just before the start (its lease runs out unrenewed): left at start, ${crashLeft} once the lease has run out`, async () => {
    const server = await startOn({ runner: OTHER, until: fromNow(10 * 60_000) });
    // Start-up took it for its holder's: its lease was live.
    const atStart = await snapshotOf(server);
    expect(atStart?.status).toBe(SnapshotStatus.RUNNING);
    expect(atStart?.sources.map((s) => s.status)).toEqual(["PENDING"]);
    const held = server.logs.find((line) => line.includes("snapshots running in another process"));
    expect(held && JSON.parse(held).snapshots).toEqual([ID]);
    // Its holder is dead: the lease it last took runs out (its end moved to the past here, rather
    // than waiting for it), and nobody renews it. The server, nobody asking it anything, takes care
    // of the snapshot as start-up would have.
    expect(await server.rollcall.store.history.leaseSnapshot(ID, OTHER, new Date(), fromNow(-1000))).toBe(
      true,
    );
    await expect
      .poll(async () => (await snapshotOf(server))?.status)
      .toBe(target.engine === "sqlite" ? SnapshotStatus.FAILED : SnapshotStatus.COMPLETE);
    await expectTakenCareOf(server);
    expect(server.logs.join("\n")).toMatch(
      /a snapshot another process held at start-up: its lease ran out unrenewed/,
    );
  });
});
