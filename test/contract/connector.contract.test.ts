/**
 * The contract every vendor connector keeps, run against each vendor's own simulator over real
 * HTTP, for every vendor in the registry. A new vendor passes this before anything else.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ErrorCode, SourceError } from "../../src/model/errors.js";
import { matchesNameFilter, matchesUserFilter, type UserFilter } from "../../src/model/filters.js";
import type { UserRecord } from "../../src/model/records.js";
import type { EntityReader, ListPage } from "../../src/vendors/connector.js";
import { vendors } from "../../src/vendors/registry.js";
import type { VendorModule } from "../../src/vendors/vendor-module.js";
import { startVendor, type VendorHarness } from "../support/vendor-harness.js";

const SECRET_MARK = "s3cr3t-never-shown";

/** Every string credential in an auth block replaced (identities kept), to provoke a 401. */
function wrongAuth(auth: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(auth).map(([k, v]) => [k, ["username", "email"].includes(k) ? v : `${SECRET_MARK}-${k}`]),
  );
}

async function readAll<T, F>(
  reader: EntityReader<T, F>,
  filter: F,
  h: VendorHarness,
  pageSize = 1000,
): Promise<T[]> {
  const out: T[] = [];
  for (let offset = 0; ; ) {
    const page: ListPage<T> = await reader.list({ filter, offset, limit: pageSize }, h.session());
    out.push(...page.items);
    offset += page.items.length;
    if (!page.hasMore || page.items.length === 0) return out;
  }
}

const ids = (records: ReadonlyArray<{ remoteId: string }>) => records.map((r) => r.remoteId);

describe.each(vendors.map((v) => [v.kind, v] as [string, VendorModule]))(
  "%s connector contract",
  (_kind, vendor) => {
    let h: VendorHarness;
    let allUsers: UserRecord[];

    beforeAll(async () => {
      h = await startVendor(vendor, { users: 40 });
      allUsers = await readAll(h.connector.users, {}, h);
    });
    afterAll(() => h?.stop());

    it("describes its source without credentials", () => {
      expect(h.connector.source.id).toBe("src");
      expect(h.connector.source.kind).toBe(vendor.kind);
      expect(JSON.stringify(h.connector.source)).not.toMatch(/password|token/i);
    });

    it("lists the seeded users with unique ids", () => {
      expect(allUsers.length).toBeGreaterThanOrEqual(40);
      expect(new Set(ids(allUsers)).size).toBe(allUsers.length);
      for (const u of allUsers) {
        expect(u.kind).toBe("User");
        expect(u.sourceId).toBe("src");
        expect(u.displayName.length).toBeGreaterThan(0);
      }
    });

    it("pages through users without gaps or repeats, from any offset", async () => {
      const paged = await readAll(h.connector.users, {}, h, 7);
      expect(ids(paged)).toEqual(ids(allUsers));
      const middle = await h.connector.users.list({ filter: {}, offset: 5, limit: 3 }, h.session());
      expect(ids(middle.items)).toEqual(ids(allUsers.slice(5, 8)));
      expect(middle.hasMore).toBe(true);
      if (middle.total !== null) expect(middle.total).toBe(allUsers.length);
    });

    it("answers a user batch in key order, with an Error in each missing key's slot", async () => {
      const wanted = [allUsers[3], allUsers[0], allUsers[10]].map((u) => u?.remoteId as string);
      const result = await h.connector.users.getMany(
        [wanted[0]!, vendor.simulator.unknownId, wanted[1]!, wanted[2]!],
        h.session(),
      );
      expect(result).toHaveLength(4);
      expect((result[0] as UserRecord).remoteId).toBe(wanted[0]);
      expect(result[1]).toBeInstanceOf(SourceError);
      expect((result[1] as SourceError).code).toBe(ErrorCode.NOT_FOUND);
      expect((result[2] as UserRecord).remoteId).toBe(wanted[1]);
      expect((result[3] as UserRecord).remoteId).toBe(wanted[2]);
      expect((result[0] as UserRecord).email).toBe(allUsers[3]?.email);
    });

    it("narrows users by each filter exactly as Rollcall's own filter would", async () => {
      const sample = allUsers.find((u) => u.email && u.login && !u.admin) as UserRecord;
      const filters: UserFilter[] = [
        { email: sample.email?.toUpperCase() },
        { login: sample.login as string },
        { nameContains: sample.displayName.slice(1, 5).toLowerCase() },
        { active: false },
        { active: true, nameContains: "a" },
      ];
      for (const filter of filters) {
        const expected = ids(allUsers.filter((u) => matchesUserFilter(u, filter)));
        const page = await h.connector.users.list({ filter, offset: 0, limit: 1000 }, h.session());
        const got = page.exact ? page.items : page.items.filter((u) => matchesUserFilter(u, filter));
        expect(ids(got).sort(), JSON.stringify(filter)).toEqual([...expected].sort());
        if (page.exact && page.total !== null) expect(page.total).toBe(expected.length);
      }
      expect(allUsers.some((u) => !u.active)).toBe(true);
    });

    for (const kind of ["teams", "projects", "groups"] as const) {
      it(`lists and loads ${kind} by id, in order, with misses as Errors (when it has ${kind})`, async () => {
        const reader = h.connector[kind];
        if (!reader) return;
        const all = await readAll<{ remoteId: string; name: string }, object>(reader as never, {}, h);
        expect(all.length).toBeGreaterThan(0);
        const picked = [all[all.length - 1], all[0]].map((r) => r?.remoteId as string);
        const result = await reader.getMany(
          [picked[0]!, vendor.simulator.unknownId, picked[1]!],
          h.session(),
        );
        expect(result.map((r) => (r instanceof Error ? "miss" : r.remoteId))).toEqual([
          picked[0],
          "miss",
          picked[1],
        ]);
        const needle = all[0]!.name.slice(0, 3).toLowerCase();
        const page = await reader.list(
          { filter: { nameContains: needle }, offset: 0, limit: 1000 },
          h.session(),
        );
        const got = page.exact
          ? page.items
          : page.items.filter((r) => matchesNameFilter(r as never, { nameContains: needle }));
        expect(ids(got).sort()).toEqual(
          ids(all.filter((r) => matchesNameFilter(r as never, { nameContains: needle }))).sort(),
        );
      });
    }

    it("keeps team and group membership consistent in both directions", async () => {
      const session = h.session();
      const users = allUsers.slice(0, 25);
      for (const [relation, members] of [
        [session.teamsOfUser, session.teamMembers],
        [session.groupsOfUser, session.groupMembers],
      ] as const) {
        if (!relation || !members) continue;
        const lists = await relation.loadMany(ids(users));
        const withSome = users.findIndex(
          (_u, i) => Array.isArray(lists[i]) && (lists[i] as unknown[]).length > 0,
        );
        expect(withSome).toBeGreaterThanOrEqual(0);
        const team = (lists[withSome] as Array<{ remoteId: string }>)[0]!;
        const memberList = await members.load(team.remoteId);
        expect(ids(memberList)).toContain(users[withSome]!.remoteId);
      }
    });

    it("reports permissions per user and per project that agree with each other", async () => {
      const session = h.session();
      if (!session.permissionsOfUser || !session.permissionsOfProject) return;
      const users = allUsers.slice(0, 20);
      const lists = await session.permissionsOfUser.loadMany(ids(users));
      const flat = lists.flatMap((l) => (Array.isArray(l) ? l : []));
      expect(flat.length).toBeGreaterThan(0);
      for (const [i, list] of lists.entries()) {
        expect(Array.isArray(list)).toBe(true);
        for (const p of list as typeof flat) expect(p.userId).toBe(users[i]!.remoteId);
      }
      const onProject = flat.find((p) => p.projectId !== null);
      // A vendor without projects holds only instance-wide roles.
      if (!onProject || !h.connector.projects) return;
      const holders = await session.permissionsOfProject.load(onProject.projectId as string);
      expect(holders.map((p) => `${p.userId}/${p.role}`)).toContain(`${onProject.userId}/${onProject.role}`);
    });

    it("probes the source, and names rejected credentials without showing them", async () => {
      // The demo accounts are admins: the vendor says so, or (null) its answer can't tell.
      const probed = await h.connector.probe();
      expect([true, null]).toContain(probed.admin);
      expect(probed.adminBasis).not.toBe("");
      const auth = (h.config as unknown as { auth: Record<string, unknown> }).auth;
      const bad = await startVendor(vendor, { users: 1, overrides: { auth: wrongAuth(auth) } });
      try {
        const error = await bad.connector.probe().then(
          () => null,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(SourceError);
        expect((error as SourceError).code).toBe(ErrorCode.SOURCE_AUTH_FAILED);
        expect(JSON.stringify({ m: (error as Error).message, ...(error as object) })).not.toContain(
          SECRET_MARK,
        );
      } finally {
        await bad.stop();
      }
    });

    describe("under faults", () => {
      const listOnce = () => h.connector.users.list({ filter: {}, offset: 0, limit: 5 }, h.session());
      const countListCalls = async () => {
        h.sim.log.clear();
        await listOnce();
        return h.sim.log.list().filter((e) => e.method === "GET").length;
      };

      it("retries a read through a 503 and still answers", async () => {
        const baseline = await countListCalls();
        h.sim.faults.inject({ kind: "5xx", status: 503, times: 1, match: "GET" });
        expect(await countListCalls()).toBe(baseline + 1);
        h.sim.faults.clear();
      });

      it("waits out a 429 with Retry-After, then answers", async () => {
        const baseline = await countListCalls();
        h.sim.faults.inject({ kind: "429", retryAfterSeconds: 1, times: 1, match: "GET" });
        expect(await countListCalls()).toBe(baseline + 1);
        expect(h.sim.log.list().some((e) => e.status === 429)).toBe(true);
        h.sim.faults.clear();
      });

      it("reports a malformed body as SOURCE_BAD_RESPONSE", async () => {
        h.sim.faults.inject({ kind: "malformed", match: "GET" });
        const error = await listOnce().then(
          () => null,
          (e: unknown) => e,
        );
        h.sim.faults.clear();
        expect((error as SourceError).code).toBe(ErrorCode.SOURCE_BAD_RESPONSE);
      });

      it("reports a hung source as SOURCE_TIMEOUT instead of waiting forever", async () => {
        const quick = await startVendor(vendor, { users: 1, overrides: { timeoutMs: 300 } });
        try {
          quick.sim.faults.inject({ kind: "hang", match: "GET" });
          const error = await quick.connector.users
            .list({ filter: {}, offset: 0, limit: 5 }, quick.session())
            .then(
              () => null,
              (e: unknown) => e,
            );
          expect((error as SourceError).code).toBe(ErrorCode.SOURCE_TIMEOUT);
          expect((error as SourceError).sourceId).toBe("src");
        } finally {
          await quick.stop();
        }
      });

      it("reports a stopped source as SOURCE_UNAVAILABLE", async () => {
        const gone = await startVendor(vendor, { users: 1 });
        await gone.sim.stop();
        const error = await gone.connector.probe().then(
          () => null,
          (e: unknown) => e,
        );
        await gone.connector.close();
        expect((error as SourceError).code).toBe(ErrorCode.SOURCE_UNAVAILABLE);
        expect((error as SourceError).retryable).toBe(true);
      });
    });
  },
);
