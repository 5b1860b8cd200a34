/**
 * What the store promises, whichever engine keeps it: sqlite-store.test.ts and
 * postgres-store.test.ts run these same specs against a fresh store each.
 */
import { afterAll, afterEach, describe, expect, it } from "vitest";
import {
  PersonBasis,
  SnapshotSourceStatus,
  SnapshotStatus,
  SnapshotTrigger,
} from "../../src/history/snapshot.js";
import { SnapshotRunningError } from "../../src/history/snapshot-running.js";
import { InputError } from "../../src/model/errors.js";
import { PermissionLevel } from "../../src/model/records.js";
import { type PlanRecord, StepAction, type StepRecord } from "../../src/plans/plan.js";
import { openStore } from "../../src/store/open-store.js";
import { type AuditIntent, AuditOutcome, type AuditResult, type Store } from "../../src/store/store.js";
import { StoreOpenError } from "../../src/store/store-error.js";
import type { StorePlace, StoreTarget } from "../support/store-targets.js";

export function storeSpecs(target: StoreTarget): void {
  const places: StorePlace[] = [];
  const open: Store[] = [];

  async function freshPlace(): Promise<StorePlace> {
    const place = await target.fresh();
    places.push(place);
    return place;
  }
  async function openAt(place: StorePlace): Promise<Store> {
    const store = await openStore({ url: place.url });
    open.push(store);
    return store;
  }
  const freshStore = async () => openAt(await freshPlace());

  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
    await Promise.all(places.splice(0).map((p) => p.drop()));
  });
  afterAll(() => target.close());

  it(`opens as the ${target.engine} engine`, async () => {
    const store = await freshStore();
    expect(store.engine).toBe(target.engine);
  });

  describe("account links", () => {
    const dana = [
      { sourceId: "alpha", remoteId: "17" },
      { sourceId: "beta", remoteId: "u-9" },
    ];

    it("keeps each linked account with its person, who linked it and when", async () => {
      const store = await freshStore();
      const before = Date.now();
      await store.links.link(dana, "dana@example.com", "key:admin");
      const links = await store.links.all();
      expect(links.map((l) => [l.account.sourceId, l.account.remoteId, l.personKey, l.createdBy])).toEqual([
        ["alpha", "17", "dana@example.com", "key:admin"],
        ["beta", "u-9", "dana@example.com", "key:admin"],
      ]);
      for (const link of links) {
        expect(link.createdAt).toBeInstanceOf(Date);
        expect(link.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1);
      }
    });

    it("replaces an account's earlier link: an account belongs to one person", async () => {
      const store = await freshStore();
      await store.links.link(dana, "dana@example.com", "key:admin");
      await store.links.link([{ sourceId: "alpha", remoteId: "17" }], "bot@example.com", "cli");
      const links = await store.links.all();
      expect(links).toHaveLength(2);
      expect(links.find((l) => l.account.remoteId === "17")).toMatchObject({
        personKey: "bot@example.com",
        createdBy: "cli",
      });
      expect(links.find((l) => l.account.remoteId === "u-9")?.personKey).toBe("dana@example.com");
    });

    it("links an account listed twice once", async () => {
      const store = await freshStore();
      await store.links.link([dana[0]!, dana[0]!], "dana@example.com", "cli");
      expect(await store.links.all()).toHaveLength(1);
    });

    it("unlinks only the named accounts and answers how many links there were", async () => {
      const store = await freshStore();
      await store.links.link(dana, "dana@example.com", "cli");
      const removed = await store.links.unlink([
        { sourceId: "alpha", remoteId: "17" },
        { sourceId: "alpha", remoteId: "never-linked" },
      ]);
      expect(removed).toBe(1);
      expect((await store.links.all()).map((l) => l.account)).toEqual([
        { sourceId: "beta", remoteId: "u-9" },
      ]);
      expect(await store.links.unlink([])).toBe(0);
    });

    it("keeps hundreds of links in one call", async () => {
      const store = await freshStore();
      const many = Array.from({ length: 450 }, (_, i) => ({ sourceId: "gamma", remoteId: String(i) }));
      await store.links.link(many, "team@example.com", "cli");
      expect(await store.links.all()).toHaveLength(450);
      expect(await store.links.unlink(many)).toBe(450);
      expect(await store.links.all()).toEqual([]);
    });
  });

  describe("plans", () => {
    it("reads back a plan exactly as it was stored: every field, dates, nulls, the request's JSON, step order", async () => {
      const store = await freshStore();
      const plan = offboarding("p-1", new Date("2026-03-01T10:20:30.456Z"));
      await store.plans.create(plan);
      expect(await store.plans.get("p-1")).toEqual(plan);
    });

    it("answers null for a plan it does not hold", async () => {
      const store = await freshStore();
      expect(await store.plans.get("nope")).toBeNull();
    });

    it("records what happened to a step, leaving what the change does not name", async () => {
      const store = await freshStore();
      await store.plans.create(offboarding("p-1", new Date()));
      const finishedAt = new Date("2026-03-02T08:00:00.001Z");
      await store.plans.updateStep("p-1", "s2", {
        state: "FAILED",
        result: { code: "SOURCE_UNAVAILABLE", message: "the source did not answer", drift: null },
        attempts: 1,
        finishedAt,
      });
      await store.plans.updateStep("p-1", "s2", { state: "RUNNING", attempts: 2 });
      let s2 = (await store.plans.get("p-1"))?.steps.find((s) => s.id === "s2");
      expect(s2).toMatchObject({
        state: "RUNNING",
        attempts: 2,
        finishedAt,
        result: { code: "SOURCE_UNAVAILABLE", message: "the source did not answer", drift: null },
      });
      await store.plans.updateStep("p-1", "s2", { state: "APPLIED", result: null, finishedAt: null });
      const plan = await store.plans.get("p-1");
      s2 = plan?.steps.find((s) => s.id === "s2");
      expect(s2).toMatchObject({ state: "APPLIED", attempts: 2, finishedAt: null, result: null });
      // The other steps are as they were.
      expect(plan?.steps.filter((s) => s.id !== "s2")).toEqual(
        offboarding("p-1", new Date()).steps.filter((s) => s.id !== "s2"),
      );
    });

    it("changes a plan's status and nothing else", async () => {
      const store = await freshStore();
      const plan = offboarding("p-1", new Date());
      await store.plans.create(plan);
      await store.plans.setStatus("p-1", "APPLYING");
      expect(await store.plans.get("p-1")).toEqual({ ...plan, status: "APPLYING" });
    });

    it("leases a plan to one process at a time: renewed by its holder, taken by another only once it has run out, let go by its holder only", async () => {
      const store = await freshStore();
      await store.plans.create(offboarding("p-1", new Date()));
      const t = (seconds: number) => new Date(Date.UTC(2026, 2, 1, 10, 0, seconds));
      expect(await store.plans.lease("p-1", "a", t(0), t(10))).toBe(true);
      expect(await store.plans.lease("p-1", "b", t(5), t(15))).toBe(false);
      expect(await store.plans.lease("p-1", "a", t(8), t(18))).toBe(true);
      expect(await store.plans.lease("p-1", "b", t(12), t(22))).toBe(false);
      expect(await store.plans.lease("p-1", "b", t(19), t(29))).toBe(true);
      await store.plans.release("p-1", "a");
      expect(await store.plans.lease("p-1", "a", t(20), t(30))).toBe(false);
      await store.plans.release("p-1", "b");
      expect(await store.plans.lease("p-1", "a", t(20), t(30))).toBe(true);
      expect(await store.plans.lease("p-2", "a", t(20), t(30))).toBe(false);
    });

    it("starts a step only as it was read: a second start of the same read finds it taken", async () => {
      const store = await freshStore();
      await store.plans.create(offboarding("p-1", new Date()));
      const read = (await store.plans.get("p-1"))?.steps.find((s) => s.id === "s2") as StepRecord;
      expect(await store.plans.startStep("p-1", read)).toBe(true);
      expect(await store.plans.startStep("p-1", read)).toBe(false);
      const now = (await store.plans.get("p-1"))?.steps.find((s) => s.id === "s2");
      expect(now).toMatchObject({ state: "RUNNING", attempts: read.attempts + 1 });
      expect(await store.plans.startStep("p-1", now as StepRecord)).toBe(true);
    });

    it("refuses to change a plan or step it does not hold", async () => {
      const store = await freshStore();
      await store.plans.create(offboarding("p-1", new Date()));
      await expect(store.plans.setStatus("p-2", "APPLIED")).rejects.toThrow(/No plan "p-2"/);
      await expect(store.plans.updateStep("p-1", "s99", { state: "APPLIED" })).rejects.toThrow(
        /No step "s99" in plan "p-1"/,
      );
      await expect(store.plans.updateStep("p-2", "s1", { state: "APPLIED" })).rejects.toThrow(/plan "p-2"/);
    });

    it("stores a plan whole or not at all", async () => {
      const store = await freshStore();
      const plan = offboarding("p-1", new Date());
      const broken = { ...plan, steps: [...plan.steps, plan.steps[0]!] }; // a step id twice
      await expect(store.plans.create(broken)).rejects.toThrow();
      expect(await store.plans.get("p-1")).toBeNull();
      await store.plans.create(plan);
      await expect(store.plans.create(plan)).rejects.toThrow();
      expect(await store.plans.get("p-1")).toEqual(plan);
    });

    it("keeps a plan of hundreds of steps in their order", async () => {
      const store = await freshStore();
      const template = offboarding("big", new Date()).steps[0]!;
      const steps = Array.from({ length: 450 }, (_, i) => ({ ...template, id: `s${i + 1}` }));
      const plan = { ...offboarding("big", new Date()), steps };
      await store.plans.create(plan);
      expect((await store.plans.get("big"))?.steps.map((s) => s.id)).toEqual(steps.map((s) => s.id));
    });

    it("lists plans newest first, page after page, each with its steps", async () => {
      const store = await freshStore();
      const at = (minute: number) => new Date(Date.UTC(2026, 2, 1, 10, minute));
      // Two plans created in the same millisecond are ordered by id.
      const made = [
        offboarding("a", at(1)),
        offboarding("b", at(5)),
        offboarding("c", at(3)),
        offboarding("d", at(3)),
        offboarding("e", at(9)),
      ];
      for (const plan of made) await store.plans.create(plan);
      const seen: PlanRecord[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await store.plans.list({ first: 2, after });
        if (page.length === 0) break;
        seen.push(...page);
        after = page.at(-1)?.id;
      }
      expect(seen.map((p) => p.id)).toEqual(["e", "b", "d", "c", "a"]);
      expect(seen.find((p) => p.id === "c")).toEqual(made[2]);
      expect(await store.plans.list({ first: 0 })).toEqual([]);
    });

    it("refuses to page after a plan it does not hold, naming the argument", async () => {
      const store = await freshStore();
      const error = await store.plans.list({ first: 5, after: "gone" }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputError);
      expect(error).toMatchObject({ field: "after", message: expect.stringContaining("gone") });
    });
  });

  describe("audit trail", () => {
    it("keeps an intent PENDING until an outcome is appended; the latest outcome wins", async () => {
      const store = await freshStore();
      const id = await store.audit.recordIntent(
        intent({ before: { active: true }, after: { active: false } }),
      );
      let [event] = await store.audit.list({}, { first: 10 });
      expect(event).toEqual({
        ...intent({ before: { active: true }, after: { active: false } }),
        id,
        result: null,
      });
      expect((await store.audit.pending()).map((e) => e.id)).toEqual([id]);

      await store.audit.recordResult(
        id,
        result(AuditOutcome.UNKNOWN, { code: "SOURCE_TIMEOUT", message: "no answer" }),
      );
      const settled = result(AuditOutcome.APPLIED, { vendorStatus: 204, settled: true });
      await store.audit.recordResult(id, settled);
      [event] = await store.audit.list({}, { first: 10 });
      expect(event?.result).toEqual(settled);
      expect(await store.audit.pending()).toEqual([]);
    });

    it("reads back every field of an intent and a result, unknown states as null", async () => {
      const store = await freshStore();
      const full = intent({
        planId: "p-1",
        stepId: "s3",
        personKey: "dana@example.com",
        before: { roles: ["Tester"], note: "ünïcode ✓", nested: { n: 1.5, none: null } },
        after: "Viewer",
      });
      const id = await store.audit.recordIntent(full);
      const refused = result(AuditOutcome.REFUSED, {
        code: "SOURCE_REJECTED",
        message: "the vendor said no",
        vendorStatus: 422,
      });
      await store.audit.recordResult(id, refused);
      const bare = await store.audit.recordIntent(intent({ before: undefined, after: undefined }));
      const events = await store.audit.list({}, { first: 10 });
      expect(events).toEqual([
        { ...full, id, result: refused },
        { ...intent({ before: null, after: null }), id: bare, result: null },
      ]);
    });

    it("gives events ids that increase, and keep increasing after everything is pruned", async () => {
      const store = await freshStore();
      const first = await store.audit.recordIntent(intent());
      const second = await store.audit.recordIntent(intent());
      expect(Number(second)).toBeGreaterThan(Number(first));
      await store.audit.prune(new Date("2100-01-01T00:00:00Z"));
      const third = await store.audit.recordIntent(intent());
      expect(Number(third)).toBeGreaterThan(Number(second));
      // A cursor from before the pruning still pages forward.
      expect((await store.audit.list({}, { first: 5, after: second })).map((e) => e.id)).toEqual([third]);
    });

    it("filters by person, source, caller, action, plan and time", async () => {
      const store = await freshStore();
      const ids = await record(store, [
        intent({ personKey: "dana@example.com", sourceId: "alpha", at: day(1) }),
        intent({ personKey: "sam@example.com", sourceId: "beta", caller: "cli", at: day(2) }),
        intent({ personKey: "dana@example.com", sourceId: "beta", action: "ASSIGN_ROLE", at: day(3) }),
        intent({ planId: "p-7", stepId: "s1", at: day(4) }),
      ]);
      const listed = async (filter: Parameters<Store["audit"]["list"]>[0]) =>
        (await store.audit.list(filter, { first: 50 })).map((e) => ids.indexOf(e.id));
      expect(await listed({})).toEqual([0, 1, 2, 3]);
      expect(await listed({ personKey: "dana@example.com" })).toEqual([0, 2]);
      expect(await listed({ sourceId: "beta" })).toEqual([1, 2]);
      expect(await listed({ caller: "cli" })).toEqual([1]);
      expect(await listed({ action: "ASSIGN_ROLE" })).toEqual([2]);
      expect(await listed({ planId: "p-7" })).toEqual([3]);
      // since is inclusive, until exclusive.
      expect(await listed({ since: day(2), until: day(4) })).toEqual([1, 2]);
      expect(await listed({ since: day(3) })).toEqual([2, 3]);
      expect(await listed({ until: day(1) })).toEqual([]);
      expect(await listed({ personKey: "dana@example.com", sourceId: "beta", since: day(2) })).toEqual([2]);
    });

    it("filters by outcome on each event's latest result, PENDING meaning none yet", async () => {
      const store = await freshStore();
      const ids = await record(store, [intent(), intent(), intent(), intent()]);
      await store.audit.recordResult(ids[0]!, result(AuditOutcome.APPLIED));
      await store.audit.recordResult(ids[1]!, result(AuditOutcome.UNKNOWN));
      await store.audit.recordResult(ids[1]!, result(AuditOutcome.FAILED, { settled: true }));
      await store.audit.recordResult(ids[2]!, result(AuditOutcome.UNKNOWN));
      const listed = async (outcome: AuditOutcome) =>
        (await store.audit.list({ outcome }, { first: 50 })).map((e) => ids.indexOf(e.id));
      expect(await listed(AuditOutcome.APPLIED)).toEqual([0]);
      expect(await listed(AuditOutcome.FAILED)).toEqual([1]);
      expect(await listed(AuditOutcome.UNKNOWN)).toEqual([2]);
      expect(await listed(AuditOutcome.PENDING)).toEqual([3]);
      expect(await listed(AuditOutcome.REFUSED)).toEqual([]);
      expect((await store.audit.pending()).map((e) => ids.indexOf(e.id))).toEqual([3]);
    });

    it("pages oldest first after a cursor, filters applied before the page is cut", async () => {
      const store = await freshStore();
      const ids = await record(
        store,
        Array.from({ length: 7 }, (_, i) => intent({ sourceId: i % 2 === 0 ? "alpha" : "gamma" })),
      );
      const pages: string[][] = [];
      let after: string | undefined;
      for (;;) {
        const page = await store.audit.list({ sourceId: "alpha" }, { first: 3, after });
        if (page.length === 0) break;
        pages.push(page.map((e) => e.id));
        after = page.at(-1)?.id;
      }
      expect(pages).toEqual([[ids[0], ids[2], ids[4]], [ids[6]]]);
    });

    it("refuses a cursor that is not an event id, naming the argument", async () => {
      const store = await freshStore();
      const error = await store.audit.list({}, { first: 5, after: "abc" }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputError);
      expect(error).toMatchObject({ field: "after" });
    });

    it("refuses an outcome for an event it does not hold", async () => {
      const store = await freshStore();
      await expect(store.audit.recordResult("999", result(AuditOutcome.APPLIED))).rejects.toThrow(/999/);
      await expect(store.audit.recordResult("x", result(AuditOutcome.APPLIED))).rejects.toThrow(/"x"/);
    });

    it("prunes events older than the cutoff with their outcomes, answering how many", async () => {
      const store = await freshStore();
      const ids = await record(store, [
        intent({ at: day(1) }),
        intent({ at: day(2) }),
        intent({ at: day(3) }),
      ]);
      await store.audit.recordResult(ids[0]!, result(AuditOutcome.APPLIED));
      await store.audit.recordResult(ids[2]!, result(AuditOutcome.APPLIED));
      expect(await store.audit.prune(day(3))).toBe(2);
      const left = await store.audit.list({}, { first: 10 });
      expect(left.map((e) => [e.id, e.result?.outcome])).toEqual([[ids[2], AuditOutcome.APPLIED]]);
      expect(await store.audit.prune(day(3))).toBe(0);
    });
  });

  describe("snapshots", () => {
    const at = (minute: number) => new Date(Date.UTC(2026, 11, 6, 6, minute));

    it("records a snapshot as RUNNING with each source PENDING, in the order given", async () => {
      const store = await freshStore();
      await store.history.createSnapshot({
        id: "snap_1",
        trigger: SnapshotTrigger.MANUAL,
        takenBy: "key:admin",
        startedAt: at(0),
        sourceIds: ["beta", "alpha"],
      });
      const snapshot = await store.history.getSnapshot("snap_1");
      expect(snapshot).toMatchObject({
        id: "snap_1",
        status: SnapshotStatus.RUNNING,
        trigger: SnapshotTrigger.MANUAL,
        takenBy: "key:admin",
        startedAt: at(0),
        finishedAt: null,
      });
      expect(snapshot?.sources.map((s) => [s.sourceId, s.status, s.accountsRead])).toEqual([
        ["beta", SnapshotSourceStatus.PENDING, 0],
        ["alpha", SnapshotSourceStatus.PENDING, 0],
      ]);
      expect(await store.history.getSnapshot("snap_none")).toBeNull();
    });

    it("keeps each source's progress and error, and the snapshot's end", async () => {
      const store = await freshStore();
      const history = store.history;
      await history.createSnapshot({
        id: "snap_1",
        trigger: SnapshotTrigger.CLI,
        takenBy: "cli",
        startedAt: at(0),
        sourceIds: ["alpha", "beta"],
      });
      await history.updateSource("snap_1", "alpha", {
        status: SnapshotSourceStatus.COMPLETE,
        accountsRead: 250,
        accountsTotal: 250,
        loginsReported: true,
        startedAt: at(1),
        finishedAt: at(2),
      });
      await history.updateSource("snap_1", "beta", {
        status: SnapshotSourceStatus.FAILED,
        accountsRead: 40,
        error: { code: "SOURCE_UNAVAILABLE", message: "beta answered 503" },
      });
      await history.finishSnapshot("snap_1", SnapshotStatus.PARTIAL, at(3));
      const snapshot = await history.getSnapshot("snap_1");
      expect(snapshot?.status).toBe(SnapshotStatus.PARTIAL);
      expect(snapshot?.finishedAt).toEqual(at(3));
      expect(snapshot?.sources).toEqual([
        {
          sourceId: "alpha",
          status: SnapshotSourceStatus.COMPLETE,
          accountsRead: 250,
          accountsTotal: 250,
          loginsReported: true,
          startedAt: at(1),
          finishedAt: at(2),
          error: null,
        },
        {
          sourceId: "beta",
          status: SnapshotSourceStatus.FAILED,
          accountsRead: 40,
          accountsTotal: null,
          loginsReported: null,
          startedAt: null,
          finishedAt: null,
          error: { code: "SOURCE_UNAVAILABLE", message: "beta answered 503" },
        },
      ]);
    });

    it("lists snapshots newest first, in pages after a cursor, and finds the one left running", async () => {
      const store = await freshStore();
      for (const [i, id] of ["snap_a", "snap_b", "snap_c"].entries()) {
        await store.history.createSnapshot({
          id,
          trigger: SnapshotTrigger.SCHEDULE,
          takenBy: "system",
          startedAt: at(i),
          sourceIds: ["alpha"],
        });
        if (id !== "snap_c") await store.history.finishSnapshot(id, SnapshotStatus.COMPLETE, at(5));
      }
      expect((await store.history.listSnapshots({ first: 2 })).map((s) => s.id)).toEqual([
        "snap_c",
        "snap_b",
      ]);
      expect((await store.history.listSnapshots({ first: 2, after: "snap_b" })).map((s) => s.id)).toEqual([
        "snap_a",
      ]);
      expect((await store.history.runningSnapshots()).map((s) => s.id)).toEqual(["snap_c"]);
    });

    it("holds one snapshot RUNNING at a time: another is refused naming it, and stored once it ends", async () => {
      const store = await freshStore();
      const asked = (id: string) =>
        store.history.createSnapshot({
          id,
          trigger: SnapshotTrigger.MANUAL,
          takenBy: "key:admin",
          startedAt: at(0),
          sourceIds: ["alpha"],
        });
      await asked("snap_1");
      const refused = await asked("snap_2").catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(SnapshotRunningError);
      expect(refused).toMatchObject({ snapshotId: "snap_1" });
      expect(await store.history.getSnapshot("snap_2")).toBeNull();
      await store.history.finishSnapshot("snap_1", SnapshotStatus.COMPLETE, at(1));
      await asked("snap_2");
      expect((await store.history.runningSnapshots()).map((s) => s.id)).toEqual(["snap_2"]);
      // An id stored already is no new snapshot either.
      await store.history.finishSnapshot("snap_2", SnapshotStatus.COMPLETE, at(2));
      await expect(asked("snap_1")).rejects.toThrow(/already stored/);
    });

    it("stores one of many snapshots asked for at the same instant; the others name it", async () => {
      const store = await freshStore();
      const outcomes = await Promise.allSettled(
        ["snap_1", "snap_2", "snap_3", "snap_4"].map((id) =>
          store.history.createSnapshot({
            id,
            trigger: SnapshotTrigger.MANUAL,
            takenBy: "key:admin",
            startedAt: at(0),
            sourceIds: ["alpha", "beta"],
          }),
        ),
      );
      const running = await store.history.runningSnapshots();
      expect(running).toHaveLength(1);
      expect(running[0]?.sources).toHaveLength(2);
      expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
      for (const outcome of outcomes.filter((o) => o.status === "rejected"))
        expect((outcome as PromiseRejectedResult).reason).toMatchObject({ snapshotId: running[0]?.id });
    });

    describe("stored with its lease", () => {
      const now = at(0);
      const lease = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
      /** Snapshot `snap_1` stored by one connection, held by `runner`; another connection beside it. */
      async function storedHeld(runner: string) {
        const place = await freshPlace();
        const here = await openAt(place);
        const other = await openAt(place); // another process sharing the store
        await here.history.createSnapshot({
          id: "snap_1",
          trigger: SnapshotTrigger.MANUAL,
          takenBy: "key:admin",
          startedAt: now,
          sourceIds: ["alpha"],
          lease: { runner, until: lease(1) },
        });
        return { here: here.history, other: other.history };
      }

      it("is held from the moment it is stored: no other process finds it unheld or takes it before its run renews the lease", async () => {
        const { here, other } = await storedHeld("here#1");
        expect(await other.unheldSnapshots(now)).toEqual([]);
        expect(await other.leaseSnapshot("snap_1", "other#2", now, lease(1))).toBe(false);
        // The run it was stored for takes it over: the same holder renews it.
        expect(await here.leaseSnapshot("snap_1", "here#1", now, lease(2))).toBe(true);
        // A holder that died stops renewing: once its lease has run out, another may resume it.
        expect(await other.unheldSnapshots(lease(3))).toEqual(["snap_1"]);
        expect(await other.leaseSnapshot("snap_1", "other#2", lease(3), lease(4))).toBe(true);
        expect(await here.leaseSnapshot("snap_1", "here#1", lease(3), lease(4))).toBe(false);
      });

      it("held by a queue, is taken over by the worker that fetches it, and by no other process while the hold runs", async () => {
        const { other } = await storedHeld("queue");
        expect(await other.leaseSnapshot("snap_1", "follower#2", now, lease(1))).toBe(false);
        expect(await other.leaseSnapshot("snap_1", "worker#3", now, lease(1), "queue")).toBe(true);
        // Now the worker's: not the queue's to hand over again.
        expect(await other.leaseSnapshot("snap_1", "worker#4", now, lease(1), "queue")).toBe(false);
        expect(await other.unheldSnapshots(now)).toEqual([]);
      });

      it("is unheld from the start when stored without one, as a process that stopped leaves it", async () => {
        const store = await freshStore();
        await store.history.createSnapshot({
          id: "snap_1",
          trigger: SnapshotTrigger.MANUAL,
          takenBy: "key:admin",
          startedAt: now,
          sourceIds: ["alpha"],
        });
        expect(await store.history.unheldSnapshots(now)).toEqual(["snap_1"]);
      });

      it("once its lease has run out, is claimed by one process of several noticing it at once, never while held (the claimer's own hold too)", async () => {
        const { here, other } = await storedHeld("crashed#1");
        expect(await other.claimUnheldSnapshot("snap_1", "queue", now, lease(1))).toBe(false);
        // Its holder died: at lease(2) its lease has run out, and two processes claim it at once.
        const claims = await Promise.all([
          here.claimUnheldSnapshot("snap_1", "queue", lease(2), lease(3)),
          other.claimUnheldSnapshot("snap_1", "queue", lease(2), lease(3)),
        ]);
        expect(claims.filter(Boolean)).toHaveLength(1);
        expect(await other.unheldSnapshots(lease(2))).toEqual([]);
        // Unheld again once that hold runs out unused; a snapshot ended is nobody's to claim.
        expect(await other.claimUnheldSnapshot("snap_1", "queue", lease(4), lease(5))).toBe(true);
        await here.finishSnapshot("snap_1", SnapshotStatus.COMPLETE, lease(5));
        expect(await other.claimUnheldSnapshot("snap_1", "queue", lease(6), lease(7))).toBe(false);
      });
    });

    it("stores a batch of accounts with their grants and memberships, a membership listed twice once", async () => {
      const store = await freshStore();
      await store.history.createSnapshot({
        id: "snap_1",
        trigger: SnapshotTrigger.MANUAL,
        takenBy: "key:admin",
        startedAt: at(0),
        sourceIds: ["alpha"],
      });
      const team = { kind: "TEAM" as const, containerId: "t1", containerName: "Mobile" };
      await expect(
        store.history.writeAccounts("snap_1", [
          {
            sourceId: "alpha",
            remoteId: "17",
            personKey: "dana@example.com",
            personBasis: PersonBasis.EMAIL,
            email: "Dana@example.com",
            login: "dana",
            displayName: "Dana",
            active: true,
            admin: null,
            lastLoginAt: at(0),
            createdAt: null,
            archived: false,
            grants: [
              {
                projectId: "p1",
                projectName: "Mobile",
                role: "Tester",
                level: PermissionLevel.EXECUTE,
                via: null,
              },
              { projectId: null, projectName: null, role: null, level: PermissionLevel.UNKNOWN, via: null },
            ],
            memberships: [team, team],
          },
          {
            sourceId: "alpha",
            remoteId: "18",
            personKey: "account:VXNlcjphbHBoYToxOA",
            personBasis: PersonBasis.NONE,
            email: null,
            login: null,
            displayName: "Robot",
            active: false,
            admin: false,
            lastLoginAt: null,
            createdAt: at(0),
            archived: false,
            grants: null,
            memberships: null,
          },
        ]),
      ).resolves.toBeUndefined();
      await expect(store.history.clearSource("snap_1", "alpha")).resolves.toBeUndefined();
    });

    it("counts each snapshot's stored accounts, a source cleared counting none", async () => {
      const store = await freshStore();
      const account = (sourceId: string, remoteId: string) => ({
        sourceId,
        remoteId,
        personKey: `${remoteId}@example.com`,
        personBasis: PersonBasis.EMAIL,
        email: `${remoteId}@example.com`,
        login: null,
        displayName: remoteId,
        active: true,
        admin: null,
        lastLoginAt: null,
        createdAt: null,
        archived: false,
        grants: [],
        memberships: [],
      });
      for (const id of ["snap_1", "snap_2"]) {
        await store.history.createSnapshot({
          id,
          trigger: SnapshotTrigger.MANUAL,
          takenBy: "cli",
          startedAt: at(0),
          sourceIds: ["alpha", "beta"],
        });
        await store.history.finishSnapshot(id, SnapshotStatus.COMPLETE, at(1));
      }
      await store.history.writeAccounts("snap_1", [account("alpha", "1"), account("alpha", "2")]);
      await store.history.writeAccounts("snap_1", [account("beta", "1")]);
      await store.history.clearSource("snap_1", "beta");
      const counts = await store.history.countAccounts(["snap_1", "snap_2", "snap_none"]);
      expect([...counts]).toEqual([
        ["snap_1", 2],
        ["snap_2", 0],
        ["snap_none", 0],
      ]);
    });

    describe("a large page of accounts", () => {
      // 600 accounts with 4 rows each (the account, 2 grants, a membership): 2,400 rows, several
      // transactions' worth.
      const page = Array.from({ length: 600 }, (_, i) => ({
        sourceId: "alpha",
        remoteId: String(i),
        personKey: `u${i}@example.com`,
        personBasis: PersonBasis.EMAIL,
        email: `u${i}@example.com`,
        login: `u${i}`,
        displayName: `User ${i}`,
        active: true,
        admin: false,
        lastLoginAt: at(0),
        createdAt: at(0),
        archived: false,
        grants: [1, 2].map((p) => ({
          projectId: `p${p}`,
          projectName: `Project ${p}`,
          role: "Tester",
          level: PermissionLevel.EXECUTE,
          via: null,
        })),
        memberships: [{ kind: "GROUP" as const, containerId: "g1", containerName: "QA" }],
      }));
      const started = async () => {
        const store = await freshStore();
        await store.history.createSnapshot({
          id: "snap_1",
          trigger: SnapshotTrigger.MANUAL,
          takenBy: "cli",
          startedAt: at(0),
          sourceIds: ["alpha"],
        });
        return store;
      };

      it("lets timers run while it is written, the server's event loop never held for the whole page", async () => {
        const store = await started();
        const order: string[] = [];
        const writing = store.history.writeAccounts("snap_1", page).then(() => order.push("page written"));
        setImmediate(() => order.push("timer"));
        await writing;
        expect(order).toEqual(["timer", "page written"]);
        expect((await store.history.countAccounts(["snap_1"])).get("snap_1")).toBe(600);
      });

      it("answers another query asked meanwhile before the page is done, and still stores the page whole", async () => {
        const store = await started();
        const order: string[] = [];
        const writing = store.history.writeAccounts("snap_1", page).then(() => order.push("page written"));
        // Asked once the write has begun: it waits for a turn between the page's batches, not for
        // the whole page.
        await new Promise((resolve) => setImmediate(resolve));
        const reading = store.history.getSnapshot("snap_1").then((s) => order.push(`read ${s?.id}`));
        await Promise.all([writing, reading]);
        expect(order).toEqual(["read snap_1", "page written"]);
        expect((await store.history.countAccounts(["snap_1"])).get("snap_1")).toBe(600);
      });
    });

    it("prunes finished snapshots past the newest N or started before a cutoff, never a running one", async () => {
      const store = await freshStore();
      const names = ["snap_a", "snap_b", "snap_c", "snap_d", "snap_e"];
      // snap_a, the oldest, is left RUNNING: stored last (one runs at a time).
      for (const id of [...names.slice(1), "snap_a"]) {
        const i = names.indexOf(id);
        await store.history.createSnapshot({
          id,
          trigger: SnapshotTrigger.SCHEDULE,
          takenBy: "system",
          startedAt: at(i),
          sourceIds: ["alpha"],
        });
        if (id !== "snap_a") await store.history.finishSnapshot(id, SnapshotStatus.COMPLETE, at(i));
      }
      const ids = async () => (await store.history.listSnapshots({ first: 10 })).map((s) => s.id);
      expect(await store.history.pruneSnapshots({})).toBe(0);
      expect(await store.history.pruneSnapshots({ keepLast: 3 })).toBe(1);
      expect(await ids()).toEqual(["snap_e", "snap_d", "snap_c", "snap_a"]);
      expect(await store.history.pruneSnapshots({ before: at(4) })).toBe(2);
      // snap_a is still RUNNING (a process may be taking it): retention leaves it alone.
      expect(await ids()).toEqual(["snap_e", "snap_a"]);
      expect(await store.history.getSnapshot("snap_c")).toBeNull();
      expect((await store.history.countAccounts(["snap_c"])).get("snap_c")).toBe(0);
    });

    describe("parts larger than one delete batch", () => {
      // Each (snapshot, source) part holds 1,100 accounts, grants, memberships and containers:
      // every table more rows than one delete statement takes (batched-delete.ts, 1,000).
      const ROWS = 1100;
      const SNAPSHOT_TABLES = [
        "snapshot_accounts",
        "snapshot_grants",
        "snapshot_memberships",
        "snapshot_containers",
      ];
      const part = (sourceId: string) =>
        Array.from({ length: ROWS }, (_, i) => ({
          sourceId,
          remoteId: String(i),
          personKey: `u${i}@example.com`,
          personBasis: PersonBasis.EMAIL,
          email: `u${i}@example.com`,
          login: null,
          displayName: `User ${i}`,
          active: true,
          admin: null,
          lastLoginAt: null,
          createdAt: null,
          archived: false,
          grants: [
            {
              projectId: `p${i}`,
              projectName: null,
              role: "Tester",
              level: PermissionLevel.EXECUTE,
              via: null,
            },
          ],
          memberships: [{ kind: "GROUP" as const, containerId: `g${i}`, containerName: null }],
        }));
      const containers = (sourceId: string) =>
        Array.from({ length: ROWS }, (_, i) => ({
          sourceId,
          kind: "GROUP" as const,
          remoteId: `g${i}`,
          name: `Group ${i}`,
          active: null,
        }));

      /** Rows per table of each (snapshot, source) part, as `snap/source/table`. */
      async function rowCounts(place: StorePlace): Promise<Record<string, number>> {
        const out: Record<string, number> = {};
        for (const table of SNAPSHOT_TABLES) {
          const rows = await target.rows(
            place,
            `select snapshot_id, source_id, count(*) as n from ${table} group by snapshot_id, source_id`,
          );
          for (const row of rows) out[`${row.snapshot_id}/${row.source_id}/${table}`] = Number(row.n);
        }
        return out;
      }
      const partRows = (snapshotId: string, sourceId: string) =>
        Object.fromEntries(SNAPSHOT_TABLES.map((t) => [`${snapshotId}/${sourceId}/${t}`, ROWS]));

      async function twoSnapshots() {
        const place = await freshPlace();
        const store = await openAt(place);
        for (const [i, id] of ["snap_1", "snap_2"].entries()) {
          await store.history.createSnapshot({
            id,
            trigger: SnapshotTrigger.SCHEDULE,
            takenBy: "system",
            startedAt: at(i),
            sourceIds: ["alpha", "beta"],
          });
          for (const sourceId of ["alpha", "beta"]) {
            await store.history.writeAccounts(id, part(sourceId));
            await store.history.writeContainers(id, containers(sourceId));
            await store.history.updateSource(id, sourceId, { status: SnapshotSourceStatus.COMPLETE });
          }
          await store.history.finishSnapshot(id, SnapshotStatus.COMPLETE, at(i));
        }
        expect(await rowCounts(place)).toEqual({
          ...partRows("snap_1", "alpha"),
          ...partRows("snap_1", "beta"),
          ...partRows("snap_2", "alpha"),
          ...partRows("snap_2", "beta"),
        });
        return { place, store };
      }

      it("clears a source's whole part, every other part's rows untouched", async () => {
        const { place, store } = await twoSnapshots();
        await store.history.clearSource("snap_1", "alpha");
        expect(await rowCounts(place)).toEqual({
          ...partRows("snap_1", "beta"),
          ...partRows("snap_2", "alpha"),
          ...partRows("snap_2", "beta"),
        });
      }, 60_000);

      it("prunes a snapshot's every row, the other snapshot's rows untouched and its parts still COMPLETE", async () => {
        const { place, store } = await twoSnapshots();
        expect(await store.history.pruneSnapshots({ keepLast: 1 })).toBe(1);
        expect(await rowCounts(place)).toEqual({
          ...partRows("snap_2", "alpha"),
          ...partRows("snap_2", "beta"),
        });
        expect(await store.history.getSnapshot("snap_1")).toBeNull();
        expect(
          await target.rows(place, "select * from snapshot_sources where snapshot_id = 'snap_1'"),
        ).toEqual([]);
        const kept = await store.history.getSnapshot("snap_2");
        expect(kept?.status).toBe(SnapshotStatus.COMPLETE);
        expect(kept?.sources.map((s) => [s.sourceId, s.status, s.error])).toEqual([
          ["alpha", SnapshotSourceStatus.COMPLETE, null],
          ["beta", SnapshotSourceStatus.COMPLETE, null],
        ]);
      }, 60_000);

      it("answers a read asked while a part is cleared or a snapshot pruned before that ends", async () => {
        const { store } = await twoSnapshots();
        for (const [name, work] of [
          ["cleared", () => store.history.clearSource("snap_2", "beta")],
          ["pruned", () => store.history.pruneSnapshots({ keepLast: 1 })],
        ] as const) {
          const order: string[] = [];
          const deleting = work().then(() => order.push(name));
          // Asked once the delete has begun: it waits for a turn between batches, not for the end.
          for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
          const reading = store.history.roster().then(() => order.push("read"));
          await Promise.all([deleting, reading]);
          expect(order).toEqual(["read", name]);
        }
      }, 60_000);
    });

    it("stamps the roster with the time it was supplied at, to the millisecond", async () => {
      const store = await freshStore();
      expect(await store.history.rosterStamp()).toEqual({ entries: 0, suppliedAt: null });
      const at = new Date(Date.UTC(2026, 11, 6, 6, 0, 0, 123));
      await store.history.replaceRoster(
        [
          { personKey: "dana@example.com", name: "Dana" },
          { personKey: "amir@example.com", name: null },
        ],
        "key:hr",
        at,
      );
      expect(await store.history.rosterStamp()).toEqual({ entries: 2, suppliedAt: at });
      await store.history.replaceRoster([], "key:hr", new Date(at.getTime() + 1));
      expect(await store.history.rosterStamp()).toEqual({ entries: 0, suppliedAt: null });
    });

    it("replaces the roster whole, an email listed twice once", async () => {
      const store = await freshStore();
      expect(await store.history.replaceRoster([{ personKey: "old@example.com", name: null }], "cli")).toBe(
        1,
      );
      expect(
        await store.history.replaceRoster(
          [
            { personKey: "dana@example.com", name: "Dana" },
            { personKey: "amir@example.com", name: null },
            { personKey: "dana@example.com", name: "Dana" },
          ],
          "key:hr",
        ),
      ).toBe(2);
      expect(await store.history.roster()).toEqual([
        { personKey: "amir@example.com", name: null },
        { personKey: "dana@example.com", name: "Dana" },
      ]);
    });
  });

  describe("opening and migrating", () => {
    it("opens an existing store again without migrating twice, its data kept", async () => {
      const place = await freshPlace();
      const first = await openAt(place);
      await first.plans.create(offboarding("p-1", new Date("2026-01-01T00:00:00Z")));
      const id = await first.audit.recordIntent(intent());
      await first.close();
      open.splice(open.indexOf(first), 1);
      const again = await openAt(place);
      expect((await again.plans.get("p-1"))?.id).toBe("p-1");
      expect((await again.audit.list({}, { first: 5 })).map((e) => e.id)).toEqual([id]);
      const third = await openAt(place); // two open at once, as two replicas would be
      expect(await third.links.all()).toEqual([]);
    });

    it("stops with a migrate error naming the engine and the migration when the schema is in the way, leaving nothing half-made", async () => {
      const place = await freshPlace();
      // account_links is made before plans: the failed migration must take it back.
      await target.sql(place, "create table plans (id integer)");
      const error = await openStore({ url: place.url }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreOpenError);
      expect(error).toMatchObject({ stage: "migrate", engine: target.engine });
      expect((error as Error).message).toMatch(
        /^Cannot migrate the store \((SQLite|PostgreSQL) at .+\): migration 001-initial: .*plans/,
      );
      await target.sql(place, "drop table plans");
      const store = await openAt(place);
      expect(await store.links.all()).toEqual([]);
    });

    it("brings a store holding two RUNNING snapshots to one: the newest kept, the other ended FAILED as interrupted", async () => {
      const place = await freshPlace();
      const before = await openAt(place);
      // As an earlier Rollcall left it: no one-running index, two snapshots asked for at once.
      await target.sql(place, "drop index snapshots_one_running");
      await target.sql(place, "delete from kysely_migration where name = '005-one-running-snapshot'");
      for (const id of ["snap_1", "snap_2"])
        await before.history.createSnapshot({
          id,
          trigger: SnapshotTrigger.MANUAL,
          takenBy: "key:admin",
          startedAt: new Date(),
          sourceIds: ["alpha", "beta"],
        });
      await before.history.updateSource("snap_1", "alpha", { status: SnapshotSourceStatus.COMPLETE });
      await before.history.updateSource("snap_1", "beta", { status: SnapshotSourceStatus.RUNNING });
      await before.history.writeAccounts("snap_1", [
        {
          sourceId: "beta",
          remoteId: "1",
          personKey: "a@example.com",
          personBasis: PersonBasis.EMAIL,
          email: "a@example.com",
          login: null,
          displayName: "A",
          active: true,
          admin: null,
          lastLoginAt: null,
          createdAt: null,
          archived: false,
          grants: [],
          memberships: [],
        },
      ]);
      await before.close();
      open.pop();
      // And without what came after it (006-people-matrix), which the migrator runs again in order.
      await target.sql(place, "drop index snapshot_accounts_matrix");
      await target.sql(place, "alter table snapshot_accounts drop column highest_level");
      await target.sql(place, "alter table snapshot_accounts drop column search_text");
      await target.sql(place, "delete from kysely_migration where name = '006-people-matrix'");
      const store = await openAt(place);
      expect((await store.history.runningSnapshots()).map((s) => s.id)).toEqual(["snap_2"]);
      const ended = await store.history.getSnapshot("snap_1");
      expect(ended?.status).toBe(SnapshotStatus.FAILED);
      expect(ended?.finishedAt).toBeInstanceOf(Date);
      expect(
        ended?.sources.map((s) => [s.sourceId, s.status, s.error?.message.split(":")[0] ?? null]),
      ).toEqual([
        ["alpha", SnapshotSourceStatus.COMPLETE, null],
        ["beta", SnapshotSourceStatus.FAILED, "Interrupted"],
      ]);
      expect((await store.history.countAccounts(["snap_1"])).get("snap_1")).toBe(0);
      await expect(
        store.history.createSnapshot({
          id: "snap_3",
          trigger: SnapshotTrigger.MANUAL,
          takenBy: "key:admin",
          startedAt: new Date(),
          sourceIds: ["alpha"],
        }),
      ).rejects.toMatchObject({ snapshotId: "snap_2" });
    });

    it("stops with a migrate error when the store was migrated by a newer Rollcall", async () => {
      const place = await freshPlace();
      await (await openAt(place)).close();
      open.pop();
      await target.sql(
        place,
        "insert into kysely_migration (name, timestamp) values ('999-from-the-future', 'x')",
      );
      const error = await openStore({ url: place.url }).catch((e: unknown) => e);
      expect(error).toMatchObject({ stage: "migrate", engine: target.engine });
      expect((error as Error).message).toContain("999-from-the-future");
    });
  });
}

function offboarding(id: string, createdAt: Date): PlanRecord {
  const steps: StepRecord[] = [
    {
      id: "s1",
      sourceId: "alpha",
      action: StepAction.DEACTIVATE_ACCOUNT,
      target: {
        userId: "17",
        email: null,
        projectId: null,
        groupId: null,
        teamId: null,
        label: "dana@example.com (alpha)",
      },
      from: "active",
      to: "inactive",
      possible: true,
      reason: null,
      dependsOn: [],
      state: "PENDING",
      result: null,
      attempts: 0,
      finishedAt: null,
    },
    {
      id: "s2",
      sourceId: "beta",
      action: StepAction.REMOVE_FROM_PROJECT,
      target: {
        userId: "u-9",
        email: "dana@example.com",
        projectId: "P4",
        groupId: "G1",
        teamId: "T2",
        label: "dana@example.com on Mobile (beta)",
      },
      from: "Tester",
      to: null,
      possible: true,
      reason: null,
      dependsOn: ["s1"],
      state: "PENDING",
      result: { code: null, message: null, drift: "role was Lead, the plan saw Tester" },
      attempts: 3,
      finishedAt: new Date("2026-03-01T10:21:00.999Z"),
    },
    {
      id: "s3",
      sourceId: "gamma",
      action: StepAction.DELETE_ACCOUNT,
      target: {
        userId: "5",
        email: null,
        projectId: null,
        groupId: null,
        teamId: null,
        label: "dana (gamma)",
      },
      from: "active",
      to: null,
      possible: false,
      reason: "this source cannot delete a user",
      dependsOn: ["s1", "s2"],
      state: "IMPOSSIBLE",
      result: null,
      attempts: 0,
      finishedAt: null,
    },
  ];
  return {
    id,
    kind: "OFFBOARDING",
    status: "PLANNED",
    createdAt,
    createdBy: "key:admin",
    summary: "offboard dana@example.com (DEACTIVATE)",
    request: { email: "dana@example.com", mode: "DEACTIVATE", sources: null, note: "départ ✓", n: [1, 2.5] },
    steps,
  };
}

function day(n: number): Date {
  return new Date(Date.UTC(2026, 0, n, 12, 0, 0, 123));
}

function intent(overrides: Partial<AuditIntent> = {}): AuditIntent {
  return {
    at: day(1),
    caller: "key:admin",
    operation: "setUserActive",
    planId: null,
    stepId: null,
    sourceId: "alpha",
    target: "VXNlcjpxdGVzdDoxNw==",
    personKey: null,
    action: "DEACTIVATE_ACCOUNT",
    before: { active: true },
    after: { active: false },
    ...overrides,
  };
}

function result(
  outcome: AuditResult["outcome"],
  overrides: Partial<Omit<AuditResult, "outcome">> = {},
): AuditResult {
  return {
    at: new Date("2026-01-05T00:00:00.500Z"),
    outcome,
    code: null,
    message: null,
    vendorStatus: null,
    settled: false,
    ...overrides,
  };
}

async function record(store: Store, intents: AuditIntent[]): Promise<string[]> {
  const ids: string[] = [];
  for (const i of intents) ids.push(await store.audit.recordIntent(i));
  return ids;
}
