/**
 * Access reviews read from the store, whichever engine keeps it: changes between two snapshots
 * (with the audit events that made them) and findings in one. review-store.test.ts runs these on
 * the embedded SQLite store and on PostgreSQL, each spec on a fresh store.
 */
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { ChangeKind, ChangeOrigin } from "../../src/history/changes/access-change.js";
import {
  changesPage,
  comparisonOf,
  eachChange,
  type LinkedChange,
} from "../../src/history/changes/access-changes.js";
import { FindingKind } from "../../src/history/findings/finding.js";
import { findingCounts, findingsPage, findingsScope } from "../../src/history/findings/findings.js";
import { PersonBasis, SnapshotSourceStatus, SnapshotTrigger } from "../../src/history/snapshot.js";
import { InputError } from "../../src/model/errors.js";
import { PermissionLevel } from "../../src/model/records.js";
import { StepAction } from "../../src/plans/plan.js";
import { openStore } from "../../src/store/open-store.js";
import { AuditOutcome, type Store } from "../../src/store/store.js";
import { account, grant, member, writeSnapshot } from "../support/history-fixture.js";
import type { StorePlace, StoreTarget } from "../support/store-targets.js";

const at = (day: number, hour = 0) => new Date(Date.UTC(2026, 10, day, hour));
const { EXECUTE, EDIT, MANAGE, ADMIN, VIEW } = PermissionLevel;

/** A change as a spec reads it: kind, account, and what it is about. */
function brief(c: LinkedChange): string {
  const about = c.project
    ? ` ${c.project.id ?? "*"}${c.via ? ` via ${c.via.type} ${c.via.id}` : ""} ${c.before?.role ?? "-"}/${c.before?.level ?? "-"} -> ${c.after?.role ?? "-"}/${c.after?.level ?? "-"}`
    : c.container
      ? ` ${c.container.kind} ${c.container.id}`
      : "";
  return `${c.kind} ${c.sourceId}:${c.remoteId}${about}`;
}

export function reviewSpecs(target: StoreTarget): void {
  const places: StorePlace[] = [];
  const open: Store[] = [];
  async function freshStore(): Promise<Store> {
    const place = await target.fresh();
    places.push(place);
    const store = await openStore({ url: place.url });
    open.push(store);
    return store;
  }
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
    await Promise.all(places.splice(0).map((p) => p.drop()));
  });
  afterAll(() => target.close());

  async function changes(store: Store, from: string, to: string, extra: object = {}) {
    const request = { from, to, ...extra };
    const comparison = await comparisonOf(store, request);
    const page = await changesPage(store.review, comparison, request, { offset: 0, limit: 1000 });
    return { comparison, page, briefs: page.changes.map(brief) };
  }

  describe("changes between two snapshots", () => {
    it("reports every kind of change of a source read whole in both", async () => {
      const store = await freshStore();
      await writeSnapshot(store, "snap_1", at(1), {
        alpha: {
          accounts: [
            account("ada", { grants: [grant("p1", "Tester", EXECUTE), grant("p2", "Lead", MANAGE)] }),
            account("bob", { active: true, memberships: [member("GROUP", "g1"), member("TEAM", "t1")] }),
            account("cy", { active: false }),
            account("gone"),
            account("dee", { grants: [grant("p3", null, VIEW, { type: "GROUP", remoteId: "g1" })] }),
          ],
        },
      });
      await writeSnapshot(store, "snap_2", at(2), {
        alpha: {
          accounts: [
            account("ada", { grants: [grant("p1", "Lead", MANAGE), grant("p4", "Tester", EXECUTE)] }),
            account("bob", { active: false, memberships: [member("GROUP", "g2"), member("TEAM", "t2")] }),
            account("cy", { active: true }),
            account("new"),
            account("dee", { grants: [grant("p3", null, EDIT, { type: "GROUP", remoteId: "g1" })] }),
          ],
        },
      });
      const { page, briefs, comparison } = await changes(store, "snap_1", "snap_2");
      expect(comparison.compared).toEqual(["alpha"]);
      expect(comparison.incompleteSources).toEqual([]);
      expect(briefs).toEqual([
        "PERMISSION_GAINED alpha:ada p4 -/- -> Tester/EXECUTE",
        "PERMISSION_LOST alpha:ada p2 Lead/MANAGE -> -/-",
        "PERMISSION_CHANGED alpha:ada p1 Tester/EXECUTE -> Lead/MANAGE",
        "ACCOUNT_DEACTIVATED alpha:bob",
        "GROUP_JOINED alpha:bob GROUP g2",
        "GROUP_LEFT alpha:bob GROUP g1",
        "TEAM_JOINED alpha:bob TEAM t2",
        "TEAM_LEFT alpha:bob TEAM t1",
        "ACCOUNT_ACTIVATED alpha:cy",
        "PERMISSION_CHANGED alpha:dee p3 via GROUP g1 -/VIEW -> -/EDIT",
        "ACCOUNT_REMOVED alpha:gone",
        "ACCOUNT_CREATED alpha:new",
      ]);
      expect(page.totalCount).toBe(12);
      expect(
        page.changes.every((c) => c.origin === ChangeOrigin.OUTSIDE_ROLLCALL && c.auditEvent === null),
      ).toBe(true);
      const dee = page.changes.find((c) => c.remoteId === "dee");
      expect(dee?.via).toEqual({ type: "GROUP", id: "g1", name: null });
      expect(dee?.project).toEqual({ id: "p3", name: "Project p3" });
    });

    it("brings a created account's grants as gains and takes a removed one's as losses", async () => {
      const store = await freshStore();
      await writeSnapshot(store, "snap_1", at(1), {
        alpha: { accounts: [account("old", { grants: [grant(null, "Admin", ADMIN)] })] },
      });
      await writeSnapshot(store, "snap_2", at(2), {
        alpha: {
          accounts: [
            account("new", { grants: [grant("p1", "Tester")], memberships: [member("TEAM", "t1")] }),
          ],
        },
      });
      const { briefs } = await changes(store, "snap_1", "snap_2");
      expect(briefs).toEqual([
        "ACCOUNT_CREATED alpha:new",
        "PERMISSION_GAINED alpha:new p1 -/- -> Tester/EXECUTE",
        "TEAM_JOINED alpha:new TEAM t1",
        "ACCOUNT_REMOVED alpha:old",
        "PERMISSION_LOST alpha:old * Admin/ADMIN -> -/-",
      ]);
    });

    it("records a failed source as not compared, never its accounts as removed", async () => {
      const store = await freshStore();
      const accounts = [account("ada", { grants: [grant("p1", "Tester")] }), account("bob")];
      await writeSnapshot(store, "snap_1", at(1), { alpha: { accounts }, beta: { accounts } });
      await writeSnapshot(store, "snap_2", at(2), {
        alpha: { status: SnapshotSourceStatus.FAILED },
        beta: { accounts: [...accounts, account("cy")] },
      });
      await writeSnapshot(store, "snap_3", at(3), { alpha: { accounts: [] }, beta: { accounts } });
      const second = await changes(store, "snap_1", "snap_2");
      expect(second.comparison.incompleteSources).toEqual(["alpha"]);
      expect(second.briefs).toEqual(["ACCOUNT_CREATED beta:cy"]);
      // Failed in the older one: alpha's empty part in snap_3 is not compared with nothing.
      const third = await changes(store, "snap_2", "snap_3");
      expect(third.comparison.incompleteSources).toEqual(["alpha"]);
      expect(third.briefs).toEqual(["ACCOUNT_REMOVED beta:cy"]);
      // A source only one snapshot asked for is not compared either.
      await writeSnapshot(store, "snap_4", at(4), { beta: { accounts } });
      expect((await changes(store, "snap_1", "snap_4")).comparison.incompleteSources).toEqual(["alpha"]);
    });

    it("compares a relation only where it was read in both: unread permissions or memberships are never losses", async () => {
      const store = await freshStore();
      await writeSnapshot(store, "snap_1", at(1), {
        alpha: {
          accounts: [
            account("ada", { grants: [grant("p1", "Tester")], memberships: [member("GROUP", "g1")] }),
            account("bob", { grants: null, memberships: null }),
          ],
        },
      });
      await writeSnapshot(store, "snap_2", at(2), {
        alpha: {
          accounts: [
            account("ada", { grants: null, memberships: null }),
            account("bob", { grants: [grant("p9", "Admin", ADMIN)], memberships: [member("TEAM", "t9")] }),
          ],
        },
      });
      expect((await changes(store, "snap_1", "snap_2")).briefs).toEqual([]);
    });

    it("filters by kind and person, pages in a stable order, and counts what the filter keeps", async () => {
      const store = await freshStore();
      const many = (active: boolean) =>
        Array.from({ length: 7 }, (_, i) =>
          account(`u${i}`, { active, grants: active ? [] : [grant("p1", "Tester")] }),
        );
      await writeSnapshot(store, "snap_1", at(1), { alpha: { accounts: many(true) } });
      await writeSnapshot(store, "snap_2", at(2), { alpha: { accounts: many(false) } });
      const request = { from: "snap_1", to: "snap_2", kinds: [ChangeKind.ACCOUNT_DEACTIVATED] };
      const comparison = await comparisonOf(store, request);
      const first = await changesPage(store.review, comparison, request, { offset: 0, limit: 3 });
      const rest = await changesPage(store.review, comparison, request, { offset: 3, limit: 10 });
      expect(first.totalCount).toBe(7);
      expect(first.hasNextPage).toBe(true);
      expect(rest.hasNextPage).toBe(false);
      expect([...first.changes, ...rest.changes].map((c) => c.remoteId)).toEqual([
        "u0",
        "u1",
        "u2",
        "u3",
        "u4",
        "u5",
        "u6",
      ]);
      const dana = await changes(store, "snap_1", "snap_2", { personKey: "u3@example.com" });
      expect(dana.briefs).toEqual([
        "ACCOUNT_DEACTIVATED alpha:u3",
        "PERMISSION_GAINED alpha:u3 p1 -/- -> Tester/EXECUTE",
      ]);
      expect(dana.page.totalCount).toBe(2);
      const only = await changes(store, "snap_1", "snap_2", { sourceIds: ["beta"] });
      expect(only.page.totalCount).toBe(0);
    });

    it("walks every change a few accounts at a time, in the pages' order, across sources", async () => {
      const store = await freshStore();
      const older = (id: string) => [
        account(`${id}1`, { grants: [grant("p1", "Tester")] }),
        account(`${id}2`, { memberships: [member("GROUP", "g1")] }),
        account(`${id}3`),
        account(`${id}5`, { active: false }),
      ];
      const newer = (id: string) => [
        account(`${id}1`, { grants: [grant("p1", "Lead", MANAGE)] }),
        account(`${id}2`, { memberships: [member("GROUP", "g2")] }),
        account(`${id}4`),
        account(`${id}5`),
      ];
      await writeSnapshot(store, "snap_1", at(1), {
        alpha: { accounts: older("a") },
        beta: { accounts: older("b") },
      });
      await writeSnapshot(store, "snap_2", at(2), {
        alpha: { accounts: newer("a") },
        beta: { accounts: newer("b") },
      });
      const query = { from: "snap_1", to: "snap_2", sourceIds: ["beta", "alpha"] };
      const paged = await store.review.changes(query, { offset: 0, limit: 100 });
      expect(paged).toHaveLength(12);
      const walked = [];
      let after = null;
      let calls = 0;
      do {
        const batch = await store.review.changesByAccounts(query, after, 2);
        walked.push(...batch.changes);
        after = batch.next;
        calls++;
      } while (after !== null);
      expect(walked).toEqual(paged);
      // Five accounts per source, two at a time: three batches each, and one to find the end.
      expect(calls).toBe(7);
    });

    it("links a change to the APPLIED audit event that made it, else marks it made outside Rollcall", async () => {
      const store = await freshStore();
      await writeSnapshot(store, "snap_1", at(1), {
        alpha: {
          accounts: [account("ada"), account("bob"), account("cy", { grants: [grant("p1", "Tester")] })],
        },
      });
      await writeSnapshot(store, "snap_2", at(3), {
        alpha: {
          accounts: [
            account("ada", { active: false }),
            account("bob", { active: false }),
            account("cy", { grants: [grant("p1", "Lead", MANAGE)] }),
            account("dan"),
          ],
        },
      });
      const event = async (
        target: string,
        action: StepAction,
        after: unknown,
        outcome: AuditOutcome,
        when = at(2),
        message: string | null = null,
      ) => {
        const id = await store.audit.recordIntent({
          at: when,
          caller: "key:admin",
          operation: "setUserActive",
          planId: null,
          stepId: null,
          sourceId: "alpha",
          target,
          personKey: null,
          action,
          before: null,
          after,
        });
        await store.audit.recordResult(id, {
          at: when,
          outcome: outcome as Exclude<AuditOutcome, AuditOutcome.PENDING>,
          code: null,
          message,
          vendorStatus: null,
          settled: false,
        });
        return id;
      };
      const adaOff = await event(
        "alpha:User:ada",
        StepAction.DEACTIVATE_ACCOUNT,
        { active: false },
        AuditOutcome.APPLIED,
      );
      // bob's deactivation was refused, and another one was recorded before snap_1: neither made it.
      await event("alpha:User:bob", StepAction.DEACTIVATE_ACCOUNT, { active: false }, AuditOutcome.REFUSED);
      await event(
        "alpha:User:bob",
        StepAction.DEACTIVATE_ACCOUNT,
        { active: false },
        AuditOutcome.APPLIED,
        at(0),
      );
      const cyRole = await event(
        "alpha:User:cy",
        StepAction.CHANGE_ROLE,
        { project: "alpha:Project:p1", role: "Lead" },
        AuditOutcome.APPLIED,
      );
      // A role change on another project explains nothing here.
      await event(
        "alpha:User:cy",
        StepAction.CHANGE_ROLE,
        { project: "alpha:Project:p2", role: "Lead" },
        AuditOutcome.APPLIED,
      );
      const danMade = await event(
        "Dan@Example.com",
        StepAction.CREATE_ACCOUNT,
        { email: "Dan@Example.com" },
        AuditOutcome.APPLIED,
        at(2),
        "Created alpha:User:dan",
      );
      const { page } = await changes(store, "snap_1", "snap_2");
      expect(page.changes.map((c) => [brief(c), c.origin, c.auditEvent?.id ?? null])).toEqual([
        ["ACCOUNT_DEACTIVATED alpha:ada", ChangeOrigin.ROLLCALL, adaOff],
        ["ACCOUNT_DEACTIVATED alpha:bob", ChangeOrigin.OUTSIDE_ROLLCALL, null],
        ["PERMISSION_CHANGED alpha:cy p1 Tester/EXECUTE -> Lead/MANAGE", ChangeOrigin.ROLLCALL, cyRole],
        ["ACCOUNT_CREATED alpha:dan", ChangeOrigin.ROLLCALL, danMade],
      ]);
      expect(page.changes[0]?.auditEvent).toMatchObject({
        caller: "key:admin",
        action: "DEACTIVATE_ACCOUNT",
      });

      const outside = await changes(store, "snap_1", "snap_2", { origin: ChangeOrigin.OUTSIDE_ROLLCALL });
      expect(outside.briefs).toEqual(["ACCOUNT_DEACTIVATED alpha:bob"]);
      expect(outside.page.totalCount).toBe(1);
      const comparison = await comparisonOf(store, { from: "snap_1", to: "snap_2" });
      const streamed: string[] = [];
      for await (const c of eachChange(store.review, comparison, {
        from: "snap_1",
        to: "snap_2",
        origin: ChangeOrigin.ROLLCALL,
      }))
        streamed.push(c.remoteId);
      expect(streamed).toEqual(["ada", "cy", "dan"]);
    });

    it("refuses an unknown snapshot, a running one, or a newer `from`, naming the argument", async () => {
      const store = await freshStore();
      await writeSnapshot(store, "snap_1", at(1), { alpha: {} });
      await writeSnapshot(store, "snap_2", at(2), { alpha: {} });
      await store.history.createSnapshot({
        id: "snap_3",
        trigger: SnapshotTrigger.MANUAL,
        takenBy: "cli",
        startedAt: at(3),
        sourceIds: ["alpha"],
      });
      await expect(comparisonOf(store, { from: "snap_x", to: "snap_2" })).rejects.toBeInstanceOf(InputError);
      await expect(comparisonOf(store, { from: "snap_x", to: "snap_2" })).rejects.toMatchObject({
        field: "from",
      });
      await expect(comparisonOf(store, { from: "snap_1", to: "snap_3" })).rejects.toMatchObject({
        field: "to",
        message: expect.stringContaining("still being taken"),
      });
      await expect(comparisonOf(store, { from: "snap_2", to: "snap_1" })).rejects.toMatchObject({
        field: "from",
      });
    });
  });

  describe("findings in a snapshot", () => {
    async function found(
      store: Store,
      kind: FindingKind,
      extra: { dormantDays?: number; snapshotId?: string } = {},
    ) {
      const scope = await findingsScope(store, extra);
      const page = await findingsPage(store.review, scope, { kind }, { offset: 0, limit: 100 });
      return { scope, page, ids: page.findings.map((f) => `${f.sourceId}:${f.remoteId}`) };
    }

    async function staffed(store: Store) {
      await writeSnapshot(store, "snap_1", at(1), { alpha: { accounts: [account("early")] } });
      await writeSnapshot(store, "snap_2", at(30), {
        alpha: {
          accounts: [
            account("ada", { lastLoginAt: at(29), grants: [grant("p1", "Lead", MANAGE)] }),
            account("sleepy", { lastLoginAt: at(1, 1), createdAt: at(1) }),
            account("never", { lastLoginAt: null, createdAt: at(2) }),
            account("fresh", { lastLoginAt: null, createdAt: at(29) }),
            account("robot", { email: null, lastLoginAt: at(29) }),
            account("dana", { active: false, grants: [grant("p1", "Tester")] }),
            account("boss", { admin: true, lastLoginAt: at(29) }),
            account("unread", { active: false, grants: null, memberships: null }),
          ],
        },
        beta: {
          loginsReported: false,
          accounts: [
            account("dana", { lastLoginAt: null, memberships: [member("TEAM", "t1")] }),
            account("eve", { active: false, memberships: [member("GROUP", "g1")] }),
          ],
        },
        gamma: { status: SnapshotSourceStatus.FAILED },
      });
    }

    it("judges the newest finished snapshot by default and says which sources' parts are missing", async () => {
      const store = await freshStore();
      await staffed(store);
      const { scope } = await found(store, FindingKind.UNOWNED_ACCOUNT);
      expect(scope.snapshot.id).toBe("snap_2");
      expect(scope.sourceIds).toEqual(["alpha", "beta"]);
      expect(scope.incompleteSources).toEqual(["gamma"]);
      expect((await found(store, FindingKind.UNOWNED_ACCOUNT, { snapshotId: "snap_1" })).ids).toEqual([]);
    });

    it("finds dormant accounts only where the source reports logins, never-logged-in ones once old enough", async () => {
      const store = await freshStore();
      await staffed(store);
      const { page, ids } = await found(store, FindingKind.DORMANT_ACCOUNT, { dormantDays: 20 });
      expect(ids).toEqual(["alpha:never", "alpha:sleepy"]);
      expect(page.findings[1]).toMatchObject({ daysSinceLogin: 28, kind: FindingKind.DORMANT_ACCOUNT });
      expect(page.findings[1]?.reason).toMatch(/no login for 28 days/);
      expect(page.findings[0]).toMatchObject({ daysSinceLogin: null });
      expect((await found(store, FindingKind.DORMANT_ACCOUNT)).ids).toEqual([]);
    });

    it("finds unowned accounts, privileged ones, and inactive ones still holding access", async () => {
      const store = await freshStore();
      await staffed(store);
      const unowned = await found(store, FindingKind.UNOWNED_ACCOUNT);
      expect(unowned.ids).toEqual(["alpha:robot"]);
      expect(unowned.page.findings[0]?.personBasis).toBe(PersonBasis.NONE);
      const privileged = await found(store, FindingKind.PRIVILEGED_ACCOUNT);
      expect(privileged.ids).toEqual(["alpha:ada", "alpha:boss"]);
      expect(privileged.page.findings[0]?.levels).toEqual([MANAGE]);
      expect(privileged.page.findings[1]?.reason).toContain("instance administrator");
      const inactive = await found(store, FindingKind.INACTIVE_WITH_ACCESS);
      // "unread" had nothing read: unknown, never a finding.
      expect(inactive.ids).toEqual(["alpha:dana", "beta:eve"]);
      expect(inactive.page.findings.map((f) => [f.grantCount, f.membershipCount])).toEqual([
        [1, 0],
        [0, 1],
      ]);
    });

    it("finds a person deactivated in one source and still active in another", async () => {
      const store = await freshStore();
      await staffed(store);
      const { page, ids } = await found(store, FindingKind.PARTIAL_OFFBOARDING);
      expect(ids).toEqual(["beta:dana"]);
      expect(page.findings[0]?.inactiveAccounts).toEqual(["alpha:User:dana"]);
      expect(page.findings[0]?.reason).toContain("alpha:User:dana");
    });

    it("finds active accounts not on the roster once one is set, and refuses to judge without one", async () => {
      const store = await freshStore();
      await staffed(store);
      const scope = await findingsScope(store, {});
      await expect(
        findingsPage(store.review, scope, { kind: FindingKind.NOT_IN_ROSTER }, { offset: 0, limit: 10 }),
      ).rejects.toMatchObject({ field: "kind", message: expect.stringContaining("No staff roster") });
      const before = await findingCounts(store.review, scope);
      expect(before.find((c) => c.kind === FindingKind.NOT_IN_ROSTER)).toMatchObject({ count: null });
      await store.history.replaceRoster(
        ["ada", "sleepy", "never", "fresh", "boss"].map((n) => ({
          personKey: `${n}@example.com`,
          name: null,
        })),
        "spec",
      );
      const { ids } = await found(store, FindingKind.NOT_IN_ROSTER);
      // Ordered by person: robot's is `account:alpha:User:robot`.
      expect(ids).toEqual(["alpha:robot", "beta:dana"]);
      const counts = await findingCounts(store.review, scope);
      expect(Object.fromEntries(counts.map((c) => [c.kind, c.count]))).toEqual({
        DORMANT_ACCOUNT: 0,
        UNOWNED_ACCOUNT: 1,
        NOT_IN_ROSTER: 2,
        PARTIAL_OFFBOARDING: 1,
        PRIVILEGED_ACCOUNT: 2,
        INACTIVE_WITH_ACCESS: 2,
      });
    });

    it("reads a kind's findings after the last one read (keyset), as one page lists them", async () => {
      const store = await freshStore();
      await staffed(store);
      const scope = await findingsScope(store, {});
      const query = {
        kind: FindingKind.INACTIVE_WITH_ACCESS,
        snapshotId: scope.snapshot.id,
        sourceIds: scope.sourceIds,
        loginSourceIds: scope.loginSourceIds,
        dormantSince: scope.dormantSince,
      };
      await store.history.writeAccounts("snap_2", [
        account("zed", { sourceId: "alpha", active: false, memberships: [member("GROUP", "g1")] }),
        account("dana2", {
          sourceId: "alpha",
          active: false,
          personKey: "dana@example.com",
          grants: [grant("p2", "x")],
        }),
      ]);
      const whole = await store.review.findings(query, { offset: 0, limit: 100 });
      expect(whole.map((f) => `${f.personKey} ${f.sourceId}:${f.remoteId}`)).toEqual([
        "dana@example.com alpha:dana",
        "dana@example.com alpha:dana2",
        "eve@example.com beta:eve",
        "zed@example.com alpha:zed",
      ]);
      const walked = [];
      let after: { personKey: string; sourceId: string; remoteId: string } | undefined;
      for (;;) {
        const page = await store.review.findings(query, { offset: 0, limit: 1, after });
        if (page.length === 0) break;
        walked.push(...page);
        const last = page.at(-1)!;
        after = { personKey: last.personKey, sourceId: last.sourceId, remoteId: last.remoteId };
      }
      expect(walked).toEqual(whole);
    });

    it("refuses a snapshot that does not exist and a nonsense dormancy, naming the argument", async () => {
      const store = await freshStore();
      await expect(findingsScope(store, {})).rejects.toMatchObject({ field: "snapshot" });
      await staffed(store);
      await expect(findingsScope(store, { snapshotId: "snap_nope" })).rejects.toMatchObject({
        field: "snapshot",
      });
      await expect(findingsScope(store, { dormantDays: 0 })).rejects.toMatchObject({ field: "dormantDays" });
    });
  });
}
