/**
 * Two real Rollcall processes on one PostgreSQL store take snapshots through its job engine: the
 * replica taking a snapshot is killed (SIGKILL) while one source's part is COMPLETE and another's
 * RUNNING, and the other finishes it once the lease runs out — the RUNNING part cleared and read
 * again, the COMPLETE part never read twice, each account stored once. One stopped gracefully
 * (SIGTERM) lets go of its snapshot at once, its cancelled reads failing no part, and the other
 * finishes it. Two replicas asked for a snapshot at the same instant start one. And a schedule
 * running on both replicas takes one snapshot per tick.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newApiKey } from "../../../src/server/api-keys.js";
import type { SimServer } from "../../../src/simulator/sim-server.js";
import { vendors } from "../../../src/vendors/registry.js";
import { buildRollcall, type ReplicaProcess, startReplica } from "../../support/replica-process.js";
import { postgresTarget, type StorePlace } from "../../support/store-targets.js";

const LATENCY_MS = 100;
/** Each call's latency while the replica taking a snapshot stops: longer than its stop may wait. */
const STOPPING_LATENCY_MS = 3000;
const SNAPSHOT = "id status sources { sourceId status accountsRead }";
interface SnapshotJson {
  id: string;
  status: string;
  sources: { sourceId: string; status: string; accountsRead: number }[];
}

const outDir = join(process.cwd(), `dist-snapshot-takeover-test-${process.pid}`);
const target = postgresTarget();
beforeAll(() => buildRollcall(outDir), 180_000);
afterAll(async () => {
  await target.close();
  rmSync(outDir, { recursive: true, force: true });
});

async function post<T>(replica: ReplicaProcess, key: string, query: string, variables = {}): Promise<T> {
  const response = await fetch(replica.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  const { data, errors } = (await response.json()) as { data?: T; errors?: unknown[] };
  if (errors || !data) throw new Error(JSON.stringify(errors));
  return data;
}

async function sql<T>(place: StorePlace, statement: string, values: unknown[]): Promise<T[]> {
  const client = new pg.Client({ connectionString: place.url });
  await client.connect();
  try {
    return (await client.query(statement, values)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Two replicas of one config, started one after the other (the first creates the engine's schema). */
async function twoReplicas(dir: string, config: unknown): Promise<ReplicaProcess[]> {
  return [await startReplica(outDir, dir, "a", config), await startReplica(outDir, dir, "b", config)];
}

describe("a replica killed while it takes a snapshot", () => {
  const dir = mkdtempSync(join(tmpdir(), "rollcall-snapshot-takeover-"));
  const writer = newApiKey();
  const sims = new Map<string, SimServer>(vendors.map((v) => [v.kind, v.simulator.create({ users: 20 })]));
  const [fast] = vendors.map((v) => v.kind);
  const replicas: ReplicaProcess[] = [];
  let place: StorePlace;

  beforeAll(async () => {
    place = await target.fresh();
    const sources = await Promise.all(
      vendors.map(async (v) => ({
        ...v.simulator.demoSource(await (sims.get(v.kind) as SimServer).start(), v.kind),
        // Small pages: the slowed sources take a while, long enough to be cut half way.
        ...(v.kind !== fast && { pageSize: 2 }),
      })),
    );
    replicas.push(
      ...(await twoReplicas(dir, {
        server: { port: 0, host: "127.0.0.1", overload: { maxEventLoopDelayMs: 0 } },
        logging: { level: "info" },
        auth: { apiKeys: [{ name: "writer", scope: "write", sha256: writer.sha256 }] },
        store: { url: place.url, jobs: { leaseSeconds: 1, pollSeconds: 0.5, waitSeconds: 0 } },
        sources,
      })),
    );
  }, 180_000);

  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.stop()));
    await Promise.all([...sims.values()].map((s) => s.stop()));
    await place?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("is finished by the other: the RUNNING part read again, the COMPLETE part kept and not read twice, each account stored once", async () => {
    const [a, b] = replicas as [ReplicaProcess, ReplicaProcess];
    const expected = new Map<string, number>();
    for (const kind of sims.keys()) {
      const { users } = await post<{ users: { nodes: unknown[] } }>(
        a,
        writer.key,
        `query($s: [ID!]) { users(sources: $s, first: 1000, filter: { includeArchived: true }) { nodes { id } } }`,
        { s: [kind] },
      );
      expected.set(kind, users.nodes.length);
    }
    for (const [kind, sim] of sims) {
      sim.log.clear();
      if (kind !== fast) sim.faults.set({ latencyMs: LATENCY_MS });
    }
    const { takeSnapshot: started } = await post<{ takeSnapshot: SnapshotJson }>(
      a,
      writer.key,
      `mutation { takeSnapshot { ${SNAPSHOT} } }`,
    );
    expect(started.status).toBe("RUNNING");

    // Whichever replica's worker took the snapshot holds its lease: kill it once the fast part is
    // COMPLETE while another is RUNNING with some accounts stored.
    let holder: ReplicaProcess | undefined;
    let cut = false;
    for (let i = 0; i < 600 && !(holder && cut); i += 1) {
      const [row] = await sql<{ runner: string | null }>(
        place,
        "select runner from snapshots where id = $1",
        [started.id],
      );
      const parts = await sql<{ source_id: string; status: string; accounts_read: number }>(
        place,
        "select source_id, status, accounts_read from snapshot_sources where snapshot_id = $1",
        [started.id],
      );
      holder = replicas.find((r) => row?.runner?.includes(`#${r.pid}#`));
      cut =
        parts.some((p) => p.source_id === fast && p.status === "COMPLETE") &&
        parts.some((p) => p.status === "RUNNING" && p.accounts_read > 0);
      if (!(holder && cut)) await sleep(50);
    }
    expect(holder, "a replica took the snapshot").toBeDefined();
    expect(cut, "killed with one part COMPLETE and another RUNNING").toBe(true);
    await (holder as ReplicaProcess).kill();
    const fastCalls = (sims.get(fast) as SimServer).log.calls().length;
    const survivor = holder === a ? b : a;

    let done = started;
    for (let i = 0; i < 600 && done.status === "RUNNING"; i += 1) {
      await sleep(100);
      done = (
        await post<{ snapshot: SnapshotJson }>(
          survivor,
          writer.key,
          `query($id: ID!) { snapshot(id: $id) { ${SNAPSHOT} } }`,
          {
            id: started.id,
          },
        )
      ).snapshot;
    }
    expect(done.status).toBe("COMPLETE");
    expect((sims.get(fast) as SimServer).log.calls().length, "the COMPLETE part was not read again").toBe(
      fastCalls,
    );
    const stored = await sql<{ source_id: string; n: string; distinct_n: string }>(
      place,
      `select source_id, count(*) as n, count(distinct remote_id) as distinct_n
         from snapshot_accounts where snapshot_id = $1 group by source_id`,
      [started.id],
    );
    for (const [kind, count] of expected) {
      const row = stored.find((r) => r.source_id === kind);
      expect(Number(row?.n), `${kind}: each account stored once`).toBe(count);
      expect(Number(row?.distinct_n), kind).toBe(count);
      expect(done.sources.find((s) => s.sourceId === kind)?.accountsRead, kind).toBe(count);
    }
  }, 180_000);
});

describe("a replica stopped (SIGTERM) while it takes a snapshot", () => {
  const dir = mkdtempSync(join(tmpdir(), "rollcall-snapshot-stop-"));
  const writer = newApiKey();
  const sims = new Map<string, SimServer>(vendors.map((v) => [v.kind, v.simulator.create({ users: 20 })]));
  const [fast] = vendors.map((v) => v.kind);
  const replicas: ReplicaProcess[] = [];
  let place: StorePlace;

  beforeAll(async () => {
    place = await target.fresh();
    const sources = await Promise.all(
      vendors.map(async (v) => ({
        ...v.simulator.demoSource(await (sims.get(v.kind) as SimServer).start(), v.kind),
        ...(v.kind !== fast && { pageSize: 2 }),
      })),
    );
    replicas.push(
      ...(await twoReplicas(dir, {
        server: { port: 0, host: "127.0.0.1", overload: { maxEventLoopDelayMs: 0 } },
        logging: { level: "info" },
        auth: { apiKeys: [{ name: "writer", scope: "write", sha256: writer.sha256 }] },
        // A long lease: the stopped replica's cannot run out during the test, so the other
        // resumes the snapshot only because the stopping one let go of it.
        store: { url: place.url, jobs: { leaseSeconds: 120, pollSeconds: 0.5, waitSeconds: 0 } },
        sources,
      })),
    );
  }, 180_000);

  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.stop()));
    await Promise.all([...sims.values()].map((s) => s.stop()));
    await place?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("lets go of it, its unfinished parts left as they were; the other finishes it with no part FAILED and the COMPLETE part not read again", async () => {
    const [a, b] = replicas as [ReplicaProcess, ReplicaProcess];
    const expected = new Map<string, number>();
    for (const kind of sims.keys()) {
      const { users } = await post<{ users: { nodes: unknown[] } }>(
        a,
        writer.key,
        `query($s: [ID!]) { users(sources: $s, first: 1000, filter: { includeArchived: true }) { nodes { id } } }`,
        { s: [kind] },
      );
      expected.set(kind, users.nodes.length);
    }
    for (const [kind, sim] of sims) {
      sim.log.clear();
      if (kind !== fast) sim.faults.set({ latencyMs: LATENCY_MS });
    }
    const { takeSnapshot: started } = await post<{ takeSnapshot: SnapshotJson }>(
      a,
      writer.key,
      `mutation { takeSnapshot { ${SNAPSHOT} } }`,
    );
    expect(started.status).toBe("RUNNING");
    const parts = () =>
      sql<{ source_id: string; status: string; accounts_read: number }>(
        place,
        "select source_id, status, accounts_read from snapshot_sources where snapshot_id = $1",
        [started.id],
      );
    const runner = async () =>
      (
        await sql<{ runner: string | null }>(place, "select runner from snapshots where id = $1", [
          started.id,
        ])
      )[0]?.runner ?? null;

    let holder: ReplicaProcess | undefined;
    let cut = false;
    for (let i = 0; i < 600 && !(holder && cut); i += 1) {
      const [held, now] = await Promise.all([runner(), parts()]);
      holder = replicas.find((r) => held?.includes(`#${r.pid}#`));
      cut =
        now.some((p) => p.source_id === fast && p.status === "COMPLETE") &&
        now.some((p) => p.status === "RUNNING" && p.accounts_read > 0);
      if (!(holder && cut)) await sleep(50);
    }
    expect(holder, "a replica took the snapshot").toBeDefined();
    expect(cut, "stopped with one part COMPLETE and another RUNNING").toBe(true);
    const stopping = holder as ReplicaProcess;
    // Slower still while it stops: what is left could not be read within the stop's grace.
    for (const [kind, sim] of sims) if (kind !== fast) sim.faults.set({ latencyMs: STOPPING_LATENCY_MS });
    await stopping.stop();
    for (const [kind, sim] of sims) if (kind !== fast) sim.faults.set({ latencyMs: LATENCY_MS });
    const fastCalls = (sims.get(fast) as SimServer).log.calls().length;
    const survivor = stopping === a ? b : a;

    // What the stopped replica left: its lease given up (it had nearly two minutes to run), no part
    // failed by its cancelled reads.
    expect((await runner()) ?? "", "the stopped replica let go of the lease").not.toContain(
      `#${stopping.pid}#`,
    );
    const [row] = await sql<{ status: string }>(place, "select status from snapshots where id = $1", [
      started.id,
    ]);
    expect(row?.status, "the stopped replica left the snapshot to the other").toBe("RUNNING");
    const left = await parts();
    expect(left.filter((p) => p.status === "FAILED")).toEqual([]);
    expect(left.find((p) => p.source_id === fast)?.status).toBe("COMPLETE");

    let done = started;
    for (let i = 0; i < 600 && done.status === "RUNNING"; i += 1) {
      await sleep(100);
      done = (
        await post<{ snapshot: SnapshotJson }>(
          survivor,
          writer.key,
          `query($id: ID!) { snapshot(id: $id) { ${SNAPSHOT} } }`,
          { id: started.id },
        )
      ).snapshot;
    }
    expect(done.status).toBe("COMPLETE");
    expect(done.sources.map((s) => s.status)).toEqual(done.sources.map(() => "COMPLETE"));
    expect((sims.get(fast) as SimServer).log.calls().length, "the COMPLETE part was not read again").toBe(
      fastCalls,
    );
    const stored = await sql<{ source_id: string; n: string; distinct_n: string }>(
      place,
      `select source_id, count(*) as n, count(distinct remote_id) as distinct_n
         from snapshot_accounts where snapshot_id = $1 group by source_id`,
      [started.id],
    );
    for (const [kind, count] of expected) {
      const row = stored.find((r) => r.source_id === kind);
      expect(Number(row?.n), `${kind}: each account stored once`).toBe(count);
      expect(Number(row?.distinct_n), kind).toBe(count);
      expect(done.sources.find((s) => s.sourceId === kind)?.accountsRead, kind).toBe(count);
    }
    expect(
      stopping.logs.filter((line) => line.includes(`snapshot ${started.id}`) && line.includes('"level":50')),
      "the stopping replica logged no failure of the snapshot",
    ).toEqual([]);
  }, 180_000);
});

describe("takeSnapshot asked of two replicas at the same instant", () => {
  const dir = mkdtempSync(join(tmpdir(), "rollcall-snapshot-race-"));
  const writer = newApiKey();
  const sims = new Map<string, SimServer>(vendors.map((v) => [v.kind, v.simulator.create({ users: 3 })]));
  const replicas: ReplicaProcess[] = [];
  let place: StorePlace;

  beforeAll(async () => {
    place = await target.fresh();
    const sources = await Promise.all(
      vendors.map(async (v) => v.simulator.demoSource(await (sims.get(v.kind) as SimServer).start(), v.kind)),
    );
    replicas.push(
      ...(await twoReplicas(dir, {
        server: { port: 0, host: "127.0.0.1", overload: { maxEventLoopDelayMs: 0 } },
        logging: { level: "info" },
        auth: { apiKeys: [{ name: "writer", scope: "write", sha256: writer.sha256 }] },
        store: { url: place.url, jobs: { leaseSeconds: 5, pollSeconds: 0.5, waitSeconds: 0 } },
        sources,
      })),
    );
  }, 180_000);

  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.stop()));
    await Promise.all([...sims.values()].map((s) => s.stop()));
    await place?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("starts one snapshot, which both answer, round after round", async () => {
    const ROUNDS = 15;
    const ask = (replica: ReplicaProcess) =>
      post<{ takeSnapshot: { id: string; status: string } }>(
        replica,
        writer.key,
        "mutation { takeSnapshot { id status } }",
      );
    for (let round = 1; round <= ROUNDS; round += 1) {
      const answers = await Promise.all(replicas.map(ask));
      const ids = answers.map((a) => a.takeSnapshot.id);
      const stored = await sql<{ id: string; status: string }>(place, "select id, status from snapshots", []);
      expect(stored.length, `round ${round}: snapshots stored (${ids.join(", ")})`).toBe(round);
      expect(new Set(ids).size, `round ${round}: both replicas answered the same snapshot`).toBe(1);
      let running = stored.filter((s) => s.status === "RUNNING");
      for (let i = 0; i < 300 && running.length > 0; i += 1) {
        await sleep(100);
        running = await sql(place, "select id from snapshots where status = 'RUNNING'", []);
      }
      expect(running, `round ${round}: the snapshot ended`).toEqual([]);
    }
  }, 180_000);
});

describe("a schedule running on two replicas", () => {
  const dir = mkdtempSync(join(tmpdir(), "rollcall-snapshot-schedule-"));
  const sims = new Map<string, SimServer>(vendors.map((v) => [v.kind, v.simulator.create({ users: 5 })]));
  const replicas: ReplicaProcess[] = [];
  let place: StorePlace;

  beforeAll(async () => {
    place = await target.fresh();
    const sources = await Promise.all(
      vendors.map(async (v) => v.simulator.demoSource(await (sims.get(v.kind) as SimServer).start(), v.kind)),
    );
    replicas.push(
      ...(await twoReplicas(dir, {
        server: { port: 0, host: "127.0.0.1", overload: { maxEventLoopDelayMs: 0 } },
        logging: { level: "info" },
        store: { url: place.url, jobs: { leaseSeconds: 2, pollSeconds: 0.5, waitSeconds: 0 } },
        snapshots: { schedule: "*/5 * * * * *" },
        sources,
      })),
    );
  }, 180_000);

  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.stop()));
    await Promise.all([...sims.values()].map((s) => s.stop()));
    await place?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("takes one snapshot per tick, which both replicas answer", async () => {
    // Ticks from now on, when both replicas run (the first ran some alone while the second started).
    const since = new Date();
    let scheduled: { id: string }[] = [];
    for (let i = 0; i < 300 && scheduled.length < 2; i += 1) {
      await sleep(100);
      scheduled = await sql<{ id: string }>(
        place,
        "select id from snapshots where trigger = 'SCHEDULE' and status <> 'RUNNING' and started_at > $1 order by id",
        [since],
      );
    }
    expect(scheduled.length).toBeGreaterThanOrEqual(2);
    await sleep(500);
    const took = (replica: ReplicaProcess) =>
      new Set(
        replica.logs
          .filter((line) => line.includes("took the scheduled snapshot"))
          .map((line) => /"snapshot":"(snap_[0-9a-z]+)"/.exec(line)?.[1]),
      );
    const [a, b] = replicas as [ReplicaProcess, ReplicaProcess];
    for (const { id } of scheduled) {
      expect(took(a).has(id), `replica a answered ${id}`).toBe(true);
      expect(took(b).has(id), `replica b answered ${id}`).toBe(true);
    }
  }, 120_000);
});
