/**
 * Replacing the staff roster is one unit with its audit event, whichever engine keeps the store:
 * replacements made at once run one after the other, each event counting exactly the change it
 * made, and nothing stands half-written. roster-replacement-store.test.ts runs these on the
 * embedded SQLite store and on PostgreSQL, each spec on a fresh store.
 */
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { withAuditContext } from "../../src/audit/audit-context.js";
import { AuditTrail } from "../../src/audit/audit-trail.js";
import { auditedRosterReplacement, type RosterChange } from "../../src/audit/audited-roster.js";
import { OwnRecordsAuditUnavailableError } from "../../src/audit/own-records.js";
import type { RosterEntry } from "../../src/history/snapshot.js";
import { openStore } from "../../src/store/open-store.js";
import { type AuditEvent, AuditOutcome, type Store } from "../../src/store/store.js";
import { CommitOutcomeUnknownError } from "../../src/store/store-error.js";
import type { StorePlace, StoreTarget } from "../support/store-targets.js";

/** Rounds of two replacements made at once. */
const ROUNDS = 6;

const person = (i: number, name: string | null = `P${i}`): RosterEntry => ({
  personKey: `p${i}@example.com`,
  name,
});

/**
 * What caller `caller` of round `round` supplies: a slice of ten people that differs by caller and
 * moves each round, a few of them renamed. In round 3 both supply the same roster, so whichever
 * comes second changes nothing.
 */
function rosterOf(round: number, caller: number): RosterEntry[] {
  const who = round === 3 ? 0 : caller;
  return Array.from({ length: 10 }, (_, i) => i)
    .filter((i) => (i + round + who * 2) % 3 !== 0)
    .map((i) => person(i, (i + who) % 4 === round % 4 ? `P${i} (round ${round})` : `P${i}`));
}

/** The change from `old` to `next`, counted here on its own (not by the code under test). */
function changeFrom(old: ReadonlyMap<string, string | null>, next: readonly RosterEntry[]): RosterChange {
  const fresh = new Map(next.map((e) => [e.personKey, e.name]));
  return {
    entries: fresh.size,
    added: [...fresh.keys()].filter((k) => !old.has(k)).length,
    removed: [...old.keys()].filter((k) => !fresh.has(k)).length,
    renamed: [...fresh].filter(([k, name]) => old.has(k) && old.get(k) !== name).length,
  };
}

const byKey = (entries: readonly RosterEntry[]) => new Map(entries.map((e) => [e.personKey, e.name]));

export function rosterReplacementSpecs(target: StoreTarget): void {
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
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
    await Promise.all(places.splice(0).map((p) => p.drop()));
  });
  afterAll(() => target.close());

  /** One replacement through the audit trail, by `caller` (each call its own, to tell its event). */
  const replaceAs = (trail: AuditTrail, store: Store, caller: string, entries: readonly RosterEntry[]) =>
    withAuditContext({ caller, operation: "replaceRoster" }, () =>
      auditedRosterReplacement(trail, store.history, entries, "key:hr"),
    );
  const rosterEvents = (store: Store) => store.audit.list({ action: "REPLACE_ROSTER" }, { first: 1000 });

  /** What the store's trouble hook heard (the store's own words, for the server's log). */
  function troubleLog() {
    const heard: string[] = [];
    const trouble = (error: unknown, doing: string) => {
      const cause = (error as { cause?: unknown }).cause;
      heard.push(`${doing}: ${(error as Error).message}${cause ? ` (${(cause as Error).message})` : ""}`);
    };
    return { heard, trouble };
  }

  describe("replacements made at once", () => {
    const setups: Array<{ name: string; stores: (place: StorePlace) => Promise<[Store, Store]> }> = [
      {
        name: "two callers on one replica",
        stores: async (place) => {
          const store = await openAt(place);
          return [store, store];
        },
      },
    ];
    // Two replicas of a PostgreSQL store are two pools of connections: in one process as in two.
    // SQLite's replicas are processes on one file, whose write transaction (BEGIN IMMEDIATE) is the
    // lock: two connections to one file in this process would wait on each other with the event
    // loop held (sqlite-dialect.ts), so that case is SQLite's own locking, not specced here.
    if (target.engine === "postgres")
      setups.push({
        name: "two replicas on one store",
        stores: async (place) => [await openAt(place), await openAt(place)],
      });

    for (const setup of setups)
      it(`run one after the other, each event counting the change it made (${setup.name})`, async () => {
        const place = await freshPlace();
        const stores = await setup.stores(place);
        const trails = stores.map((s) => new AuditTrail(s));
        const supplied = new Map<string, RosterEntry[]>();
        const answered = new Map<string, RosterChange>();
        const call = async (n: 0 | 1, caller: string, entries: RosterEntry[]) => {
          supplied.set(caller, entries);
          answered.set(caller, await replaceAs(trails[n]!, stores[n], caller, entries));
        };
        await call(0, "key:seed", [person(0), person(1), person(2)]);
        for (let round = 0; round < ROUNDS; round++)
          await Promise.all([
            call(0, `key:round${round}-a`, rosterOf(round, 0)),
            call(1, `key:round${round}-b`, rosterOf(round, 1)),
          ]);

        // The trail, oldest first, replayed against what each caller supplied.
        const events = await rosterEvents(stores[0]);
        expect(events).toHaveLength(1 + 2 * ROUNDS);
        let roster = new Map<string, string | null>();
        let previous: AuditEvent | undefined;
        for (const event of events) {
          const entries = supplied.get(event.caller);
          expect(entries, `an event by ${event.caller}, who made no replacement`).toBeDefined();
          const change = changeFrom(roster, entries!);
          expect(event.before, `${event.caller}'s before`).toEqual({ entries: roster.size });
          expect(event.after, `${event.caller}'s after`).toEqual(change);
          // Each event's before is the previous one's after: no two counted against one roster.
          if (previous) expect(event.before).toEqual({ entries: (previous.after as RosterChange).entries });
          const nothing = change.added + change.removed + change.renamed === 0;
          expect(event.result?.outcome).toBe(nothing ? AuditOutcome.UNCHANGED : AuditOutcome.APPLIED);
          // What the caller was answered is what its event says.
          expect(answered.get(event.caller)).toEqual(change);
          roster = byKey(entries!);
          previous = event;
        }
        // Round 3's two callers supplied one roster: the one that came second changed nothing.
        const round3 = events.filter((e) => e.caller.startsWith("key:round3-"));
        expect(round3.map((e) => e.result?.outcome)).toEqual([AuditOutcome.APPLIED, AuditOutcome.UNCHANGED]);
        // The store holds what the last event made, and the changes add up to it.
        const final = await stores[1].history.roster();
        expect(byKey(final)).toEqual(roster);
        const afters = events.map((e) => e.after as RosterChange);
        expect(afters.reduce((sum, c) => sum + c.added - c.removed, 0)).toBe(final.length);
        // Made and recorded in one commit: nothing is left for settling.
        expect(await stores[0].audit.pending()).toEqual([]);
      }, 60_000);
  });

  describe("a replacement that fails", () => {
    /** Statements that make the store refuse each insert into `table` with `message`. */
    const refusingInserts = (table: string, message: string): string[] =>
      target.engine === "sqlite"
        ? [
            `create trigger refuse_${table} before insert on ${table} begin select raise(abort, '${message}'); end`,
          ]
        : [
            `create function refuse_${table}() returns trigger language plpgsql as $$ begin raise exception '${message}'; end $$`,
            `create trigger refuse_${table} before insert on ${table} for each row execute function refuse_${table}()`,
          ];
    /** Statements that make the store refuse to commit any transaction that wrote roster entries. */
    const refusingCommits = (): string[] =>
      target.engine === "sqlite"
        ? [
            // A deferred foreign key is checked at COMMIT: each roster row written leaves one dangling.
            "create table commit_guard_parent (id text primary key)",
            "create table commit_guard (ref text references commit_guard_parent (id) deferrable initially deferred)",
            "create trigger guard_roster after insert on roster_entries begin insert into commit_guard values ('none'); end",
          ]
        : [
            "create function refuse_commit() returns trigger language plpgsql as $$ begin raise exception 'commit refused'; end $$",
            "create constraint trigger guard_roster after insert on roster_entries deferrable initially deferred for each row execute function refuse_commit()",
          ];

    /** A store holding a first roster (replaced through the trail), and `statements` run beside it. */
    async function storeWith(statements: readonly string[]) {
      const place = await freshPlace();
      const store = await openAt(place);
      const { heard, trouble } = troubleLog();
      const trail = new AuditTrail(store, trouble);
      await replaceAs(trail, store, "key:first", [person(0), person(1)]);
      for (const statement of statements) await target.sql(place, statement);
      const before = { roster: await store.history.roster(), events: await rosterEvents(store) };
      return { store, trail, heard, before };
    }
    const next = [person(1, "Renamed"), person(2), person(3)];

    it("leaves the roster as it was, and records nothing, when its event can't be recorded", async () => {
      const { store, trail, heard, before } = await storeWith(refusingInserts("audit_intents", "disk full"));
      const error = await replaceAs(trail, store, "key:second", next).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OwnRecordsAuditUnavailableError);
      expect((error as Error).message).toContain("nothing changed");
      expect((error as Error).message).not.toContain("disk full");
      expect(await store.history.roster()).toEqual(before.roster);
      expect(await rosterEvents(store)).toEqual(before.events);
      expect(heard.some((line) => line.includes("disk full"))).toBe(true);
    });

    it("does not keep the replacement or its intent when its outcome can't be recorded", async () => {
      const { store, trail, before } = await storeWith(refusingInserts("audit_results", "disk full"));
      const error = await replaceAs(trail, store, "key:second", next).catch((e: unknown) => e);
      expect((error as Error).message).toContain("disk full");
      expect(await store.history.roster()).toEqual(before.roster);
      // The unit's intent went with it; what is left is the attempt, recorded on its own, whose
      // outcome the store refused as well: PENDING, for settling (the roster was never stamped by it).
      const events = await rosterEvents(store);
      expect(events.slice(0, -1)).toEqual(before.events);
      expect(events.at(-1)).toMatchObject({
        caller: "key:second",
        before: { entries: 2 },
        after: { entries: 3, added: 2, removed: 1, renamed: 1 },
        result: null,
      });
      expect((await store.history.rosterStamp()).suppliedAt!.getTime()).toBeLessThan(
        events.at(-1)!.at.getTime(),
      );
    });

    it("does not record it made when the roster can't be written: the attempt is FAILED, counted against the roster read", async () => {
      const { store, trail, heard, before } = await storeWith(
        refusingInserts("roster_entries", "connection reset"),
      );
      const error = await replaceAs(trail, store, "key:second", next).catch((e: unknown) => e);
      expect((error as Error).message).toContain("connection reset");
      expect(await store.history.roster()).toEqual(before.roster);
      const events = await rosterEvents(store);
      expect(events.slice(0, -1)).toEqual(before.events);
      expect(events.at(-1)).toMatchObject({
        caller: "key:second",
        before: { entries: 2 },
        after: { entries: 3, added: 2, removed: 1, renamed: 1 },
        result: { outcome: AuditOutcome.FAILED, code: "INTERNAL_SERVER_ERROR", settled: false },
      });
      expect(events.at(-1)!.result!.message).toContain("nothing of it was kept");
      expect(heard.some((line) => line.includes("connection reset"))).toBe(true);
    });

    it("says a failed commit's outcome can't be told, and records nothing more: the trail has its event only if it was kept", async () => {
      const { store, trail, heard, before } = await storeWith(refusingCommits());
      const error = await replaceAs(trail, store, "key:second", next).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CommitOutcomeUnknownError);
      // This store refused the commit: neither the roster nor its event was kept, and no attempt
      // was recorded beside them (one would have been a second event had the commit been kept).
      expect(await store.history.roster()).toEqual(before.roster);
      expect(await rosterEvents(store)).toEqual(before.events);
      expect(heard.some((line) => line.startsWith("committing a change to the staff roster"))).toBe(true);
    });
  });
}
