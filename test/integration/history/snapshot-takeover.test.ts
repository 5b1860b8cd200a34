/**
 * Two real Rollcall processes on one PostgreSQL store take snapshots through its job engine: the
 * replica taking a snapshot is killed (SIGKILL) while one source's part is COMPLETE and another's
 * RUNNING, and the other finishes it once the lease runs out — the RUNNING part cleared and read
 * again, the COMPLETE part never read twice, each account stored once. One stopped gracefully
 * (SIGTERM) lets go of its snapshot at once, its cancelled reads failing no part, and the other
 * finishes it. Two replicas asked for a snapshot at the same instant start one. And a schedule
 * running on both replicas takes one snapshot per tick.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { vendors } from "../../../src/vendors/registry.js";
import {
  askReplica,
  type ReplicaProcess,
  type ReplicasOnPostgres,
  startReplicasOnPostgres,
} from "../../support/replica-process.js";

const LATENCY_MS = 100;
/** Each call's latency while the replica taking a snapshot stops: longer than its stop may wait. */
const STOPPING_LATENCY_MS = 3000;
const SNAPSHOT = "id status sources { sourceId status accountsRead }";
interface SnapshotJson {
  id: string;
  status: string;
  sources: { sourceId: string; status: string; accountsRead: number }[];
}
interface PartRow {
  source_id: string;
  status: string;
  accounts_read: number;
}

/** The source read at full speed; the others are slowed, with small pages. */
const [fast] = vendors.map((v) => v.kind);
/** Small pages: the slowed sources take a while, long enough to be cut half way. */
const smallPagesButFast = (kind: string) => (kind !== fast ? { pageSize: 2 } : {});

const partsOf = (on: ReplicasOnPostgres, id: string) =>
  on.sql<PartRow>("select source_id, status, accounts_read from snapshot_sources where snapshot_id = $1", [
    id,
  ]);
const runnerOf = async (on: ReplicasOnPostgres, id: string) =>
  (await on.sql<{ runner: string | null }>("select runner from snapshots where id = $1", [id]))[0]?.runner ??
  null;

/** How many accounts each source lists (archived ones too): what a snapshot must store of it. */
async function accountsBySource(on: ReplicasOnPostgres<"writer">, key: string): Promise<Map<string, number>> {
  const expected = new Map<string, number>();
  for (const kind of on.sims.keys()) {
    const { users } = await askReplica<{ users: { nodes: unknown[] } }>(
      on.replicas[0] as ReplicaProcess,
      key,
      `query($s: [ID!]) { users(sources: $s, first: 1000, filter: { includeArchived: true }) { nodes { id } } }`,
      { s: [kind] },
    );
    expected.set(kind, users.nodes.length);
  }
  return expected;
}

/**
 * Every source's count of accounts, then a snapshot asked of the first replica with every source
 * but the fast one slowed: RUNNING, for the test to cut.
 */
async function snapshotSlowedButFast(
  on: ReplicasOnPostgres<"writer">,
): Promise<{ expected: Map<string, number>; started: SnapshotJson }> {
  const expected = await accountsBySource(on, on.keys.writer);
  for (const [kind, sim] of on.sims) {
    sim.log.clear();
    if (kind !== fast) sim.faults.set({ latencyMs: LATENCY_MS });
  }
  const { takeSnapshot: started } = await askReplica<{ takeSnapshot: SnapshotJson }>(
    on.replicas[0] as ReplicaProcess,
    on.keys.writer,
    `mutation { takeSnapshot { ${SNAPSHOT} } }`,
  );
  expect(started.status).toBe("RUNNING");
  return { expected, started };
}

/**
 * The replica whose worker holds the snapshot's lease, once the fast part is COMPLETE while another
 * is RUNNING with some accounts stored: the moment to cut it.
 */
async function holderOnceHalfWay(on: ReplicasOnPostgres, id: string): Promise<ReplicaProcess> {
  let holder: ReplicaProcess | undefined;
  let cut = false;
  for (let i = 0; i < 600 && !(holder && cut); i += 1) {
    const [held, parts] = await Promise.all([runnerOf(on, id), partsOf(on, id)]);
    holder = on.replicas.find((r) => held?.includes(`#${r.pid}#`));
    cut =
      parts.some((p) => p.source_id === fast && p.status === "COMPLETE") &&
      parts.some((p) => p.status === "RUNNING" && p.accounts_read > 0);
    if (!(holder && cut)) await sleep(50);
  }
  expect(holder, "a replica took the snapshot").toBeDefined();
  expect(cut, "cut with one part COMPLETE and another RUNNING").toBe(true);
  return holder as ReplicaProcess;
}

/** The snapshot as `replica` answers it once it is no longer RUNNING. */
async function finished(replica: ReplicaProcess, key: string, started: SnapshotJson): Promise<SnapshotJson> {
  let done = started;
  for (let i = 0; i < 600 && done.status === "RUNNING"; i += 1) {
    await sleep(100);
    done = (
      await askReplica<{ snapshot: SnapshotJson }>(
        replica,
        key,
        `query($id: ID!) { snapshot(id: $id) { ${SNAPSHOT} } }`,
        { id: started.id },
      )
    ).snapshot;
  }
  return done;
}

/** Each source's accounts stored once in the snapshot, and counted so in its part. */
async function expectEachAccountOnce(
  on: ReplicasOnPostgres,
  done: SnapshotJson,
  expected: ReadonlyMap<string, number>,
): Promise<void> {
  const stored = await on.sql<{ source_id: string; n: string; distinct_n: string }>(
    `select source_id, count(*) as n, count(distinct remote_id) as distinct_n
       from snapshot_accounts where snapshot_id = $1 group by source_id`,
    [done.id],
  );
  for (const [kind, count] of expected) {
    const row = stored.find((r) => r.source_id === kind);
    expect(Number(row?.n), `${kind}: each account stored once`).toBe(count);
    expect(Number(row?.distinct_n), kind).toBe(count);
    expect(done.sources.find((s) => s.sourceId === kind)?.accountsRead, kind).toBe(count);
  }
}

/** Two replicas over vendors of 20 users, all but the fast one read in small pages: to be cut. */
const replicasToCut = ({ leaseSeconds }: { leaseSeconds: number }) =>
  startReplicasOnPostgres({
    users: 20,
    source: smallPagesButFast,
    apiKeys: { writer: "write" },
    jobs: { leaseSeconds, pollSeconds: 0.5, waitSeconds: 0 },
  });

const fastCalls = (on: ReplicasOnPostgres) => on.sims.get(fast)?.log.calls().length;

// Each case has its own store, simulators and replicas, and waits mostly on leases and polls: they
// run at once (each test asserts with its own `expect`, as tests running at once must).
describe.concurrent("snapshots taken by two replicas on one PostgreSQL store", () => {
  describe("a replica killed while it takes a snapshot", () => {
    let on: ReplicasOnPostgres<"writer">;

    beforeAll(async () => {
      on = await replicasToCut({ leaseSeconds: 1 });
    }, 180_000);

    afterAll(() => on?.stop());

    it("is finished by the other: the RUNNING part read again, the COMPLETE part kept and not read twice, each account stored once", async ({
      expect,
    }) => {
      const [a, b] = on.replicas as [ReplicaProcess, ReplicaProcess];
      const { expected, started } = await snapshotSlowedButFast(on);

      const holder = await holderOnceHalfWay(on, started.id);
      await holder.kill();
      const calledAtKill = fastCalls(on);
      // The cut is made: the survivor's part need not be slow.
      for (const sim of on.sims.values()) sim.faults.clear();
      const survivor = holder === a ? b : a;

      const done = await finished(survivor, on.keys.writer, started);
      expect(done.status).toBe("COMPLETE");
      expect(fastCalls(on), "the COMPLETE part was not read again").toBe(calledAtKill);
      await expectEachAccountOnce(on, done, expected);
    }, 180_000);
  });

  describe("a replica stopped (SIGTERM) while it takes a snapshot", () => {
    let on: ReplicasOnPostgres<"writer">;

    beforeAll(async () => {
      // A long lease: the stopped replica's cannot run out during the test, so the other
      // resumes the snapshot only because the stopping one let go of it.
      on = await replicasToCut({ leaseSeconds: 120 });
    }, 180_000);

    afterAll(() => on?.stop());

    it("lets go of it, its unfinished parts left as they were; the other finishes it with no part FAILED and the COMPLETE part not read again", async ({
      expect,
    }) => {
      const [a, b] = on.replicas as [ReplicaProcess, ReplicaProcess];
      const { expected, started } = await snapshotSlowedButFast(on);

      const stopping = await holderOnceHalfWay(on, started.id);
      // Slower still while it stops: what is left could not be read within the stop's grace.
      for (const [kind, sim] of on.sims)
        if (kind !== fast) sim.faults.set({ latencyMs: STOPPING_LATENCY_MS });
      await stopping.stop();
      // Stopped: the survivor's part need not be slow.
      for (const sim of on.sims.values()) sim.faults.clear();
      const calledAtStop = fastCalls(on);
      const survivor = stopping === a ? b : a;

      // What the stopped replica left: its lease given up (it had nearly two minutes to run), no part
      // failed by its cancelled reads.
      expect((await runnerOf(on, started.id)) ?? "", "the stopped replica let go of the lease").not.toContain(
        `#${stopping.pid}#`,
      );
      const [row] = await on.sql<{ status: string }>("select status from snapshots where id = $1", [
        started.id,
      ]);
      expect(row?.status, "the stopped replica left the snapshot to the other").toBe("RUNNING");
      const left = await partsOf(on, started.id);
      expect(left.filter((p) => p.status === "FAILED")).toEqual([]);
      expect(left.find((p) => p.source_id === fast)?.status).toBe("COMPLETE");

      const done = await finished(survivor, on.keys.writer, started);
      expect(done.status).toBe("COMPLETE");
      expect(done.sources.map((s) => s.status)).toEqual(done.sources.map(() => "COMPLETE"));
      expect(fastCalls(on), "the COMPLETE part was not read again").toBe(calledAtStop);
      await expectEachAccountOnce(on, done, expected);
      expect(
        stopping.logs.filter(
          (line) => line.includes(`snapshot ${started.id}`) && line.includes('"level":50'),
        ),
        "the stopping replica logged no failure of the snapshot",
      ).toEqual([]);
    }, 180_000);
  });

  describe("takeSnapshot asked of two replicas at the same instant", () => {
    let on: ReplicasOnPostgres<"writer">;

    beforeAll(async () => {
      on = await startReplicasOnPostgres({
        users: 3,
        apiKeys: { writer: "write" },
        jobs: { leaseSeconds: 5, pollSeconds: 0.5, waitSeconds: 0 },
      });
    }, 180_000);

    afterAll(() => on?.stop());

    it("starts one snapshot, which both answer, round after round", async ({ expect }) => {
      const ROUNDS = 15;
      const ask = (replica: ReplicaProcess) =>
        askReplica<{ takeSnapshot: { id: string; status: string } }>(
          replica,
          on.keys.writer,
          "mutation { takeSnapshot { id status } }",
        );
      for (let round = 1; round <= ROUNDS; round += 1) {
        const answers = await Promise.all(on.replicas.map(ask));
        const ids = answers.map((a) => a.takeSnapshot.id);
        const stored = await on.sql<{ id: string; status: string }>("select id, status from snapshots");
        expect(stored.length, `round ${round}: snapshots stored (${ids.join(", ")})`).toBe(round);
        expect(new Set(ids).size, `round ${round}: both replicas answered the same snapshot`).toBe(1);
        let running = stored.filter((s) => s.status === "RUNNING");
        for (let i = 0; i < 300 && running.length > 0; i += 1) {
          await sleep(100);
          running = await on.sql("select id from snapshots where status = 'RUNNING'");
        }
        expect(running, `round ${round}: the snapshot ended`).toEqual([]);
      }
    }, 180_000);
  });

  describe("a schedule running on two replicas", () => {
    let on: ReplicasOnPostgres;

    beforeAll(async () => {
      on = await startReplicasOnPostgres({
        users: 5,
        jobs: { leaseSeconds: 2, pollSeconds: 0.5, waitSeconds: 0 },
        config: { snapshots: { schedule: "*/5 * * * * *" } },
      });
    }, 180_000);

    afterAll(() => on?.stop());

    it("takes one snapshot per tick, which both replicas answer", async ({ expect }) => {
      // Ticks from now on, when both replicas run (the first ran some alone while the second started).
      const since = new Date();
      let scheduled: { id: string }[] = [];
      for (let i = 0; i < 300 && scheduled.length < 2; i += 1) {
        await sleep(100);
        scheduled = await on.sql<{ id: string }>(
          "select id from snapshots where trigger = 'SCHEDULE' and status <> 'RUNNING' and started_at > $1 order by id",
          [since],
        );
      }
      expect(scheduled.length).toBeGreaterThanOrEqual(2);
      const took = (replica: ReplicaProcess) =>
        new Set(
          replica.logs
            .filter((line) => line.includes("took the scheduled snapshot"))
            .map((line) => /"snapshot":"(snap_[0-9a-z]+)"/.exec(line)?.[1]),
        );
      const [a, b] = on.replicas as [ReplicaProcess, ReplicaProcess];
      // Each replica logs its answer once the snapshot has ended: as soon as both have, not a set time.
      for (const { id } of scheduled) {
        await expect.poll(() => took(a).has(id), { message: `replica a answered ${id}` }).toBe(true);
        await expect.poll(() => took(b).has(id), { message: `replica b answered ${id}` }).toBe(true);
      }
    }, 120_000);
  });
});
