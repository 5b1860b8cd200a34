/**
 * Snapshots through GraphQL: takeSnapshot answers RUNNING at once, `snapshot(id:)` shows each
 * source's progress while it runs, `snapshots` pages them newest first; only a write-scoped caller
 * may take one. And the server's own: its schedule takes them, its start-up fails those a stop
 * interrupted.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SnapshotSourceStatus, SnapshotStatus, SnapshotTrigger } from "../../../src/history/snapshot.js";
import { vendors } from "../../../src/vendors/registry.js";
import { type GatewayHarness, startGateway } from "../../support/gateway-harness.js";

const SNAPSHOT = `id status trigger takenBy startedAt finishedAt progress accountCount
  sources { sourceId source { id } status accountsRead accountsTotal loginsReported startedAt finishedAt error { code message } }`;

interface SnapshotView {
  id: string;
  status: string;
  trigger: string;
  takenBy: string;
  finishedAt: string | null;
  progress: number | null;
  accountCount: number;
  sources: Array<{
    sourceId: string;
    source: { id: string } | null;
    status: string;
    accountsRead: number;
    accountsTotal: number | null;
    error: { code: string; message: string } | null;
  }>;
}

async function readSnapshot(gw: GatewayHarness, id: string): Promise<SnapshotView | null> {
  const { data, errors } = await gw.gql<{ snapshot: SnapshotView | null }>(
    `query($id: ID!) { snapshot(id: $id) { ${SNAPSHOT} } }`,
    { id },
  );
  expect(errors).toBeUndefined();
  return data!.snapshot;
}

async function finished(gw: GatewayHarness, id: string): Promise<SnapshotView> {
  for (;;) {
    const snapshot = await readSnapshot(gw, id);
    if (snapshot && snapshot.status !== SnapshotStatus.RUNNING) return snapshot;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("snapshots through GraphQL", () => {
  let gw: GatewayHarness;
  beforeAll(async () => {
    // The specs poll a running snapshot: the rate limiter is not what they are about.
    gw = await startGateway({ users: 30, extraConfig: { rateLimit: { enabled: false } } });
  });
  afterAll(() => gw?.stop());

  it("answers takeSnapshot RUNNING at once, shows each source's progress while it runs, then its end", async () => {
    const [slow] = vendors;
    const sim = gw.sims.get(slow!.kind)!;
    // The slow source's answers take seconds: the others finish while it is read.
    sim.faults.set({ latencyMs: 3000 });
    const taken = await gw.mutate<{ takeSnapshot: SnapshotView }>(
      `mutation { takeSnapshot { ${SNAPSHOT} } }`,
    );
    expect(taken.errors).toBeUndefined();
    const started = taken.data!.takeSnapshot;
    expect(started).toMatchObject({ status: "RUNNING", trigger: "MANUAL", takenBy: "key:test-writer" });
    expect(started.id).toMatch(/^snap_/);
    expect(started.sources.map((s) => s.sourceId)).toEqual(vendors.map((v) => v.kind));

    // While the slow one is read, the others finish: their progress shows, the snapshot runs on.
    let running: SnapshotView | null = null;
    for (;;) {
      running = await readSnapshot(gw, started.id);
      const others = running!.sources.filter((s) => s.sourceId !== slow!.kind);
      if (others.every((s) => s.status === SnapshotSourceStatus.COMPLETE)) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(running!.status).toBe("RUNNING");
    expect(running!.finishedAt).toBeNull();
    expect(running!.sources.find((s) => s.sourceId === slow!.kind)?.status).toBe("RUNNING");
    expect(running!.accountCount).toBe(
      running!.sources.filter((s) => s.sourceId !== slow!.kind).reduce((n, s) => n + s.accountsRead, 0),
    );
    // A second takeSnapshot while one runs answers the running one.
    const again = await gw.mutate<{ takeSnapshot: { id: string } }>(`mutation { takeSnapshot { id } }`);
    expect(again.data?.takeSnapshot.id).toBe(started.id);

    sim.faults.set({ latencyMs: 0 });
    const done = await finished(gw, started.id);
    expect(done.progress).toBe(1);
    expect(done.finishedAt).not.toBeNull();
    const slowPart = done.sources.find((s) => s.sourceId === slow!.kind)!;
    expect(slowPart.status).toBe("COMPLETE");
    expect(slowPart.accountsRead).toBe(slowPart.accountsTotal);
    expect(done.accountCount).toBe(done.sources.reduce((n, s) => n + s.accountsRead, 0));
  }, 60_000);

  it("pages snapshots newest first, and answers null for an unknown id", async () => {
    const taken = await gw.mutate<{ takeSnapshot: { id: string } }>(
      `mutation($s: [ID!]) { takeSnapshot(input: { sources: $s }) { id } }`,
      { s: [vendors[1]!.kind] },
    );
    expect(taken.errors).toBeUndefined();
    const latest = await finished(gw, taken.data!.takeSnapshot.id);
    expect(latest.status).toBe("COMPLETE");
    expect(latest.sources.map((s) => s.sourceId)).toEqual([vendors[1]!.kind]);
    const first = await gw.gql<{
      snapshots: { nodes: Array<{ id: string }>; pageInfo: { hasNextPage: boolean; endCursor: string } };
    }>(`{ snapshots(first: 1) { nodes { id } pageInfo { hasNextPage endCursor } } }`);
    expect(first.data?.snapshots.nodes.map((n) => n.id)).toEqual([latest.id]);
    expect(first.data?.snapshots.pageInfo.hasNextPage).toBe(true);
    const next = await gw.gql<{ snapshots: { nodes: Array<{ id: string }> } }>(
      `query($a: String) { snapshots(first: 10, after: $a) { nodes { id } } }`,
      { a: first.data?.snapshots.pageInfo.endCursor },
    );
    expect(next.data?.snapshots.nodes.length).toBeGreaterThan(0);
    expect(next.data?.snapshots.nodes.every((n) => n.id < latest.id)).toBe(true);
    expect(await readSnapshot(gw, "snap_0000000000000")).toBeNull();
  });

  it("refuses takeSnapshot to a read-only key and to nobody, naming the scope, taking nothing", async () => {
    const before = await gw.gql<{ snapshots: { nodes: unknown[] } }>(
      `{ snapshots(first: 100) { nodes { id } } }`,
    );
    const readOnly = await gw.gql(`mutation { takeSnapshot { id } }`, undefined, {
      authorization: `Bearer ${gw.keys.read}`,
    });
    expect(readOnly.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const anonymous = await gw.gql(`mutation { takeSnapshot { id } }`);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const after = await gw.gql<{ snapshots: { nodes: unknown[] } }>(
      `{ snapshots(first: 100) { nodes { id } } }`,
    );
    expect(after.data?.snapshots.nodes).toHaveLength(before.data!.snapshots.nodes.length);
  });

  it("refuses an unknown source naming input.sources", async () => {
    const answer = await gw.mutate(`mutation { takeSnapshot(input: { sources: ["nowhere"] }) { id } }`);
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.sources" });
  });
});

describe("the server's own snapshots", () => {
  it("takes one at its schedule, by system", async () => {
    const gw = await startGateway({
      users: 10,
      instances: [{ vendor: vendors[0]!, id: vendors[0]!.kind }],
      // Every second (croner's six-field form), so the spec waits a second, not a day.
      extraConfig: { snapshots: { schedule: "* * * * * *" } },
    });
    try {
      let scheduled: { id: string; trigger: string; takenBy: string } | undefined;
      while (!scheduled) {
        const { data } = await gw.gql<{
          snapshots: { nodes: Array<{ id: string; trigger: string; takenBy: string }> };
        }>(`{ snapshots(first: 5) { nodes { id trigger takenBy } } }`);
        scheduled = data?.snapshots.nodes.find((n) => n.trigger === "SCHEDULE");
        if (!scheduled) await new Promise((r) => setTimeout(r, 100));
      }
      expect(scheduled.takenBy).toBe("system");
      expect(gw.rollcall.snapshots.nextRun()).toBeInstanceOf(Date);
    } finally {
      await gw.stop();
    }
  });

  it("leaves a snapshot a stop cuts short to the next start, which marks it interrupted: the cancelled read is no failure of the source's", async () => {
    const [fast, slow] = vendors as [(typeof vendors)[0], (typeof vendors)[0]];
    const first = await startGateway({
      users: 10,
      instances: [
        { vendor: fast, id: fast.kind },
        { vendor: slow, id: slow.kind },
      ],
    });
    const { storeUrl } = first;
    first.sims.get(slow.kind)!.faults.set({ latencyMs: 3000 });
    const taken = await first.mutate<{ takeSnapshot: SnapshotView }>(`mutation { takeSnapshot { id } }`);
    const id = taken.data!.takeSnapshot.id;
    let parts: SnapshotView["sources"] = [];
    for (let i = 0; i < 200; i += 1) {
      parts = (await readSnapshot(first, id))!.sources;
      if (parts[0]?.status === "COMPLETE" && parts[1]?.status === "RUNNING") break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(parts.map((p) => p.status)).toEqual(["COMPLETE", "RUNNING"]);
    await first.rollcall.close();
    const again = await startGateway({
      users: 10,
      instances: [
        { vendor: fast, id: fast.kind },
        { vendor: slow, id: slow.kind },
      ],
      storeUrl,
    });
    try {
      const snapshot = await readSnapshot(again, id);
      expect(snapshot?.status).toBe("FAILED");
      expect(snapshot?.sources.map((s) => [s.sourceId, s.status])).toEqual([
        [fast.kind, "COMPLETE"],
        [slow.kind, "FAILED"],
      ]);
      expect(snapshot?.sources[0]?.accountsRead).toBeGreaterThan(0);
      expect(snapshot?.sources[1]?.error?.message).toMatch(/^Interrupted/);
    } finally {
      await again.stop();
      await Promise.all([...first.sims.values()].map((s) => s.stop()));
    }
  });

  it("answers the snapshot another process is taking, and fails one a stopped process left, taking a new one", async () => {
    const gw = await startGateway({ users: 5, instances: [{ vendor: vendors[0]!, id: vendors[0]!.kind }] });
    const history = gw.rollcall.store.history;
    const ask = () => gw.mutate<{ takeSnapshot: SnapshotView }>(`mutation { takeSnapshot { ${SNAPSHOT} } }`);
    try {
      // Another process (the CLI) holds the lease of the one RUNNING: that one is the answer.
      await history.createSnapshot({
        id: "snap_00000000elsewhere",
        trigger: SnapshotTrigger.CLI,
        takenBy: "cli",
        startedAt: new Date(),
        sourceIds: [vendors[0]!.kind],
      });
      const now = new Date();
      expect(
        await history.leaseSnapshot(
          "snap_00000000elsewhere",
          "other#1#cli",
          now,
          new Date(now.getTime() + 60_000),
        ),
      ).toBe(true);
      const joined = await ask();
      expect(joined.errors).toBeUndefined();
      expect(joined.data!.takeSnapshot).toMatchObject({ id: "snap_00000000elsewhere", status: "RUNNING" });
      // Its process stopped without ending it (its lease let go): the next ask fails it as interrupted.
      await history.releaseSnapshot("snap_00000000elsewhere", "other#1#cli");
      const fresh = await ask();
      expect(fresh.errors).toBeUndefined();
      expect(fresh.data!.takeSnapshot.id).not.toBe("snap_00000000elsewhere");
      expect((await finished(gw, fresh.data!.takeSnapshot.id)).status).toBe("COMPLETE");
      const left = await readSnapshot(gw, "snap_00000000elsewhere");
      expect(left?.status).toBe("FAILED");
      expect(left?.sources[0]?.error?.message).toMatch(/^Interrupted/);
    } finally {
      await gw.stop();
    }
  });

  it("marks a snapshot a stop interrupted FAILED at start-up, its unfinished sources too", async () => {
    const first = await startGateway({
      users: 10,
      instances: [{ vendor: vendors[0]!, id: vendors[0]!.kind }],
    });
    const { storeUrl } = first;
    // As a process that stopped mid-snapshot leaves it: RUNNING, one source done, one not.
    await first.rollcall.store.history.createSnapshot({
      id: "snap_00000000interrupted",
      trigger: SnapshotTrigger.SCHEDULE,
      takenBy: "system",
      startedAt: new Date(Date.now() - 1000),
      sourceIds: ["done-source", "reading-source"],
    });
    await first.rollcall.store.history.updateSource("snap_00000000interrupted", "done-source", {
      status: SnapshotSourceStatus.COMPLETE,
    });
    await first.rollcall.store.history.updateSource("snap_00000000interrupted", "reading-source", {
      status: SnapshotSourceStatus.RUNNING,
      accountsRead: 100,
    });
    await first.rollcall.close();
    const again = await startGateway({
      users: 10,
      instances: [{ vendor: vendors[0]!, id: vendors[0]!.kind }],
      storeUrl,
    });
    try {
      const snapshot = await readSnapshot(again, "snap_00000000interrupted");
      expect(snapshot?.status).toBe("FAILED");
      expect(snapshot?.finishedAt).not.toBeNull();
      expect(snapshot?.sources.map((s) => [s.sourceId, s.status, s.source])).toEqual([
        ["done-source", "COMPLETE", null],
        ["reading-source", "FAILED", null],
      ]);
      expect(snapshot?.sources[1]?.error?.message).toMatch(/^Interrupted/);
    } finally {
      await again.stop();
      await Promise.all([...first.sims.values()].map((s) => s.stop()));
    }
  });
});
