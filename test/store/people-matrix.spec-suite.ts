/**
 * The people matrix read from a snapshot, whichever engine keeps it: people by keyset on their key,
 * each with their accounts and levels per source; search and filters per person; sources missing
 * from the snapshot reported, never shown as "no account"; and snapshots taken before the matrix's
 * migration filled in by it. people-matrix-store.test.ts runs these on SQLite and on PostgreSQL.
 */
import { afterAll, afterEach, describe, expect, it } from "vitest";
import {
  MatrixCellState,
  type MatrixFilter,
  matrixPage,
  matrixScope,
} from "../../src/history/matrix/people-matrix.js";
import { SnapshotSourceStatus, SnapshotTrigger } from "../../src/history/snapshot.js";
import { InputError } from "../../src/model/errors.js";
import { PermissionLevel } from "../../src/model/records.js";
import { openStore } from "../../src/store/open-store.js";
import type { Store } from "../../src/store/store.js";
import { account, grant, writeSnapshot } from "../support/history-fixture.js";
import type { StorePlace, StoreTarget } from "../support/store-targets.js";

const at = (day: number) => new Date(Date.UTC(2026, 10, day));
const { VIEW, EXECUTE, EDIT, MANAGE, ADMIN, UNKNOWN } = PermissionLevel;

export function peopleMatrixSpecs(target: StoreTarget): void {
  const places: StorePlace[] = [];
  const open: Store[] = [];
  async function freshStore(): Promise<{ store: Store; place: StorePlace }> {
    const place = await target.fresh();
    places.push(place);
    const store = await openStore({ url: place.url });
    open.push(store);
    return { store, place };
  }
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
    await Promise.all(places.splice(0).map((p) => p.drop()));
  });
  afterAll(() => target.close());

  /** Ada and Bob in both sources, Cy only in beta, a bot without email, Dee by a link. */
  async function office(store: Store) {
    await writeSnapshot(store, "snap_old", at(1), { alpha: { accounts: [account("old")] } });
    await writeSnapshot(store, "snap_1", at(2), {
      alpha: {
        accounts: [
          account("ada", {
            displayName: "Ada Lovelace",
            grants: [grant("p1", "Lead", MANAGE), grant("p2", "Tester", EXECUTE)],
          }),
          account("bob", { displayName: "Bob 100%_sure", grants: [grant("p1", "Viewer", VIEW)] }),
          account("bot", { email: null, displayName: "Build bot", grants: [] }),
          account("d7", {
            email: "dee.work@example.com",
            displayName: "Dee",
            personKey: "dee@example.com",
            grants: null,
          }),
        ],
      },
      beta: {
        accounts: [
          account("a1", {
            email: "ADA@example.com",
            displayName: "Ada Lovelace",
            active: false,
            grants: [grant(null, "Admin", ADMIN)],
          }),
          account("b1", {
            email: "bob@example.com",
            displayName: "Bob",
            grants: [grant("q", null, UNKNOWN)],
          }),
          account("cy", { displayName: "Cy Young", grants: [grant("q", "Editor", EDIT)] }),
          account("emile", { displayName: "Émile Zola", grants: null }),
        ],
      },
    });
  }

  async function page(store: Store, filter: MatrixFilter = {}, after: string | null = null, limit = 50) {
    const scope = await matrixScope(store, undefined);
    if (!scope) throw new Error("no snapshot");
    return { scope, ...(await matrixPage(store.review, scope, filter, { after, limit })) };
  }
  const keys = (p: { people: ReadonlyArray<{ personKey: string }> }) => p.people.map((x) => x.personKey);

  describe("the people matrix of a snapshot", () => {
    it("reads the newest finished snapshot: everyone by key, each cell their account's highest level per source", async () => {
      const { store } = await freshStore();
      await office(store);
      const { scope, people, totalCount, hasNextPage } = await page(store);
      expect(scope.snapshot.id).toBe("snap_1");
      expect(scope.incompleteSources).toEqual([]);
      expect(totalCount).toBe(6);
      expect(hasNextPage).toBe(false);
      expect(keys({ people })).toEqual([
        "account:alpha:User:bot",
        "ada@example.com",
        "bob@example.com",
        "cy@example.com",
        "dee@example.com",
        "emile@example.com",
      ]);
      const ada = people.find((p) => p.personKey === "ada@example.com")!;
      expect(ada).toMatchObject({ displayName: "Ada Lovelace", email: "ada@example.com" });
      expect(ada.cells).toEqual([
        {
          sourceId: "alpha",
          state: MatrixCellState.ACCOUNT,
          accounts: 1,
          active: true,
          highestLevel: MANAGE,
          levelKnown: true,
        },
        {
          sourceId: "beta",
          state: MatrixCellState.ACCOUNT,
          accounts: 1,
          active: false,
          highestLevel: ADMIN,
          levelKnown: true,
        },
      ]);
      // A role the vendor did not name still ranks: UNKNOWN is a level, not "no access".
      const bob = people.find((p) => p.personKey === "bob@example.com")!;
      expect(bob.cells.map((c) => c.highestLevel)).toEqual([VIEW, UNKNOWN]);
      const bot = people.find((p) => p.personKey.startsWith("account:"))!;
      expect(bot).toMatchObject({ displayName: "Build bot", email: null });
      expect(bot.cells).toEqual([
        {
          sourceId: "alpha",
          state: MatrixCellState.ACCOUNT,
          accounts: 1,
          active: true,
          highestLevel: null,
          levelKnown: true,
        },
        {
          sourceId: "beta",
          state: MatrixCellState.NO_ACCOUNT,
          accounts: 0,
          active: null,
          highestLevel: null,
          levelKnown: true,
        },
      ]);
    });

    it("never shows an account whose permissions were not read as holding no access", async () => {
      const { store } = await freshStore();
      await office(store);
      const { people } = await page(store, { search: "dee" });
      expect(people).toHaveLength(1);
      expect(people[0]!.cells[0]).toEqual({
        sourceId: "alpha",
        state: MatrixCellState.ACCOUNT,
        accounts: 1,
        active: true,
        highestLevel: null,
        levelKnown: false,
      });
    });

    it("pages by keyset: each page starts after the last key of the one before, none missed or repeated", async () => {
      const { store } = await freshStore();
      const many = Array.from({ length: 23 }, (_, i) => account(`u${String(i).padStart(2, "0")}`));
      await writeSnapshot(store, "snap_1", at(2), {
        alpha: { accounts: many },
        beta: { accounts: many.filter((_, i) => i % 3 === 0).map((a) => ({ ...a, sourceId: "beta" })) },
      });
      const seen: string[] = [];
      let after: string | null = null;
      for (let pages = 0; ; pages++) {
        const result = await page(store, {}, after, 10);
        expect(result.totalCount).toBe(23);
        seen.push(...keys(result));
        if (!result.hasNextPage) {
          expect(pages).toBe(2);
          break;
        }
        expect(result.people).toHaveLength(10);
        after = result.people.at(-1)!.personKey;
      }
      expect(seen).toEqual(many.map((a) => a.personKey));
      // A person's accounts in both sources come on one row, whichever page it is on.
      const u21 = (await page(store, {}, "u18@example.com", 10)).people.find(
        (p) => p.personKey === "u21@example.com",
      )!;
      expect(u21.cells.map((c) => c.state)).toEqual([MatrixCellState.ACCOUNT, MatrixCellState.ACCOUNT]);
    });

    it("searches names, emails and the address a person is joined by, any case, wildcards taken literally", async () => {
      const { store } = await freshStore();
      await office(store);
      expect(keys(await page(store, { search: "LOVELACE" }))).toEqual(["ada@example.com"]);
      expect(keys(await page(store, { search: "cy@EXAMPLE" }))).toEqual(["cy@example.com"]);
      // Dee's account is dee.work@; she is joined (by a link) as dee@, and found by either.
      expect(keys(await page(store, { search: "dee@" }))).toEqual(["dee@example.com"]);
      expect(keys(await page(store, { search: "dee.work" }))).toEqual(["dee@example.com"]);
      expect(keys(await page(store, { search: "100%_" }))).toEqual(["bob@example.com"]);
      // Any case beyond ASCII too: the text is folded before it is stored, not by the engine.
      expect(keys(await page(store, { search: "ÉMILE" }))).toEqual(["emile@example.com"]);
      expect((await page(store, { search: "%" })).totalCount).toBe(1);
      expect((await page(store, { search: "_" })).totalCount).toBe(1);
      // A person of their own by account is not found by the words of their key.
      expect((await page(store, { search: "account:" })).totalCount).toBe(0);
      expect((await page(store, { search: "nobody" })).people).toEqual([]);
    });

    it("filters by source and by highest level per person, across their accounts", async () => {
      const { store } = await freshStore();
      await office(store);
      expect(keys(await page(store, { sources: ["beta"] }))).toEqual([
        "ada@example.com",
        "bob@example.com",
        "cy@example.com",
        "emile@example.com",
      ]);
      expect(keys(await page(store, { atLeast: MANAGE }))).toEqual(["ada@example.com"]);
      expect(keys(await page(store, { atLeast: EDIT }))).toEqual(["ada@example.com", "cy@example.com"]);
      // Bob's VIEW is in alpha, his account in beta: both hold of Bob, so he matches.
      expect(keys(await page(store, { sources: ["beta"], atLeast: VIEW, search: "bob" }))).toEqual([
        "bob@example.com",
      ]);
      // Below every known level: UNKNOWN counts, no grant at all does not.
      expect(keys(await page(store, { atLeast: UNKNOWN }))).toEqual([
        "ada@example.com",
        "bob@example.com",
        "cy@example.com",
      ]);
      const counted = await page(store, { atLeast: EDIT }, "ada@example.com", 50);
      expect(counted).toMatchObject({ totalCount: 2, hasNextPage: false });
      expect(keys(counted)).toEqual(["cy@example.com"]);
    });

    it("reports a source missing from the snapshot as not read for everyone, never as no account", async () => {
      const { store } = await freshStore();
      await writeSnapshot(store, "snap_1", at(2), {
        alpha: { accounts: [account("ada", { grants: [grant("p1", "Lead", MANAGE)] })] },
        beta: { status: SnapshotSourceStatus.FAILED },
      });
      const { scope, people } = await page(store);
      expect(scope.incompleteSources).toEqual(["beta"]);
      expect(scope.readSources).toEqual(["alpha"]);
      expect(people[0]!.cells[1]).toEqual({
        sourceId: "beta",
        state: MatrixCellState.NOT_READ,
        accounts: 0,
        active: null,
        highestLevel: null,
        levelKnown: false,
      });
      // Filtering by the missing source finds nobody: the scope says why.
      expect((await page(store, { sources: ["beta"] })).totalCount).toBe(0);
    });

    it("reads a snapshot by id, refuses one still being taken, and has none to read in an empty store", async () => {
      const { store } = await freshStore();
      expect(await matrixScope(store, undefined)).toBeNull();
      await office(store);
      const old = await matrixScope(store, "snap_old");
      expect(old?.readSources).toEqual(["alpha"]);
      const oldPage = await matrixPage(store.review, old!, {}, { after: null, limit: 10 });
      expect(oldPage.people.map((p) => p.personKey)).toEqual(["old@example.com"]);
      await store.history.createSnapshot({
        id: "snap_running",
        trigger: SnapshotTrigger.MANUAL,
        takenBy: "key:spec",
        startedAt: at(3),
        sourceIds: ["alpha"],
      });
      await expect(matrixScope(store, "snap_running")).rejects.toThrow(InputError);
      await expect(matrixScope(store, "snap_nope")).rejects.toMatchObject({ field: "snapshot" });
    });

    it("fills in the levels of snapshots taken before its migration, from their grants", async () => {
      const { store, place } = await freshStore();
      await office(store);
      const before = await page(store);
      await store.close();
      open.splice(0);
      // The store as Rollcall left it before 006-people-matrix: no column, no index, not migrated.
      await target.sql(place, "drop index snapshot_accounts_matrix");
      await target.sql(place, "alter table snapshot_accounts drop column highest_level");
      await target.sql(place, "alter table snapshot_accounts drop column search_text");
      await target.sql(place, "delete from kysely_migration where name = '006-people-matrix'");
      const again = await openStore({ url: place.url });
      open.push(again);
      const after = await page(again);
      expect(after.people).toEqual(before.people);
      expect(keys(await page(again, { search: "LOVELACE" }))).toEqual(["ada@example.com"]);
      expect(keys(await page(again, { search: "dee@" }))).toEqual(["dee@example.com"]);
      expect(
        after.people.find((p) => p.personKey === "ada@example.com")!.cells.map((c) => c.highestLevel),
      ).toEqual([MANAGE, ADMIN]);
    });
  });
}
