/**
 * The staff roster decides who is judged "not on the roster", so replacing it is in the audit trail:
 * one REPLACE_ROSTER event per replacement (`replaceRoster`, or `review.rosterFile` loaded), under
 * source `rollcall`, target `roster`, with who did it and counts — never the entries. Recorded in the
 * same commit as the roster's change (nothing changes when it can't be); an event left open by an
 * older Rollcall is settled from the roster. Real HTTP against one simulator; the store's failures
 * are real ones too (a trigger refusing its rows).
 */
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditIntent } from "../../../src/store/store.js";
import { type AuditEventJson, auditEvents } from "../../support/audit-trail.js";
import { type GatewayHarness, startGateway } from "../../support/gateway-harness.js";
import { vendorWhere } from "../../support/pick-vendor.js";
import { sqliteTarget } from "../../support/store-targets.js";

const vendor = vendorWhere(() => true, "any");
const WRITER = "key:test-writer";
const REPLACE = `mutation ($input: ReplaceRosterInput!) { replaceRoster(input: $input) { count } }`;

const rosterEvents = (gw: GatewayHarness) => auditEvents(gw, { action: "REPLACE_ROSTER" });
const emails = (gw: GatewayHarness) =>
  gw.rollcall.store.history.roster().then((r) => r.map((e) => e.personKey));

describe("replaceRoster in the audit trail", () => {
  const sqlite = sqliteTarget();
  let gw: GatewayHarness;
  beforeAll(async () => {
    gw = await startGateway({ instances: [{ vendor, id: vendor.kind }], users: 2 });
  });
  afterAll(() => gw?.stop());

  const replace = async (entries: Array<{ email: string; name?: string }>) => {
    const { data, errors } = await gw.mutate<{ replaceRoster: { count: number } }>(REPLACE, {
      input: { entries },
    });
    expect(errors).toBeUndefined();
    return data!.replaceRoster.count;
  };

  it("records each replacement as one event with the caller and the counts, never the entries", async () => {
    expect(await replace([{ email: "ada@example.com", name: "Ada" }, { email: "bo@example.com" }])).toBe(2);
    expect(
      await replace([
        { email: "ada@example.com", name: "Ada Lovelace" },
        { email: "cy@example.com" },
        { email: "dee@example.com" },
      ]),
    ).toBe(3);
    const events = await rosterEvents(gw);
    expect(events).toMatchObject([
      {
        caller: WRITER,
        operation: "replaceRoster",
        source: "rollcall",
        target: "roster",
        person: null,
        action: "REPLACE_ROSTER",
        before: { entries: 0 },
        after: { entries: 2, added: 2, removed: 0, renamed: 0 },
        outcome: "APPLIED",
        message: "2 entries: 2 added, 0 removed, 0 renamed",
        settled: false,
        plan: null,
      },
      {
        caller: WRITER,
        before: { entries: 2 },
        after: { entries: 3, added: 2, removed: 1, renamed: 1 },
        outcome: "APPLIED",
      },
    ]);
    for (const e of events) expect(Date.parse(e.answeredAt!)).toBeGreaterThanOrEqual(Date.parse(e.at));
    // Counts only: no email or name of the roster is in the trail.
    expect(JSON.stringify(events)).not.toMatch(/example\.com|Ada|Lovelace/);
    // Found by the trail's source filter too, and nothing of the vendor's source is.
    expect((await auditEvents(gw, { source: "rollcall" })).map((e) => e.id)).toEqual(events.map((e) => e.id));
    expect(await auditEvents(gw, { source: vendor.kind })).toEqual([]);
  });

  it("exports them at /audit/export like every event", async () => {
    const url = new URL("/audit/export?format=jsonl&action=REPLACE_ROSTER", gw.rollcall.url);
    const response = await fetch(url, { headers: { authorization: `Bearer ${gw.keys.read}` } });
    expect(response.status).toBe(200);
    const lines = (await response.text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as AuditEventJson);
    expect(lines.map((l) => [l.caller, l.source, l.target, l.action, l.after])).toEqual(
      (await rosterEvents(gw)).map((e) => [e.caller, e.source, e.target, e.action, e.after]),
    );
  });

  it("records a replacement with the roster it already holds as UNCHANGED", async () => {
    const before = (await rosterEvents(gw)).length;
    const now = await gw.rollcall.store.history.roster();
    await replace(now.map((e) => ({ email: e.personKey, ...(e.name ? { name: e.name } : {}) })));
    const events = await rosterEvents(gw);
    expect(events).toHaveLength(before + 1);
    expect(events.at(-1)).toMatchObject({
      caller: WRITER,
      before: { entries: now.length },
      after: { entries: now.length, added: 0, removed: 0, renamed: 0 },
      outcome: "UNCHANGED",
    });
  });

  it("records nothing for a replacement refused before it is made: a bad entry, a read-only caller", async () => {
    const before = await rosterEvents(gw);
    const roster = await emails(gw);
    const bad = await gw.mutate(REPLACE, { input: { entries: [{ email: "nope" }] } });
    expect(bad.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "input.entries[0].email",
    });
    const reader = await gw.gql(
      REPLACE,
      { input: { entries: [{ email: "eve@example.com" }] } },
      { authorization: `Bearer ${gw.keys.read}` },
    );
    expect(reader.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(await rosterEvents(gw)).toEqual(before);
    expect(await emails(gw)).toEqual(roster);
  });

  /** Runs `work` while the store refuses every insert into `table` with `message` (as a full disk would). */
  const whileRefusing = async <T>(table: string, message: string, work: () => Promise<T>): Promise<T> => {
    const place = { url: gw.storeUrl, drop: async () => undefined };
    await sqlite.sql(
      place,
      `create trigger refuse_${table} before insert on ${table} begin select raise(abort, '${message}'); end`,
    );
    try {
      return await work();
    } finally {
      await sqlite.sql(place, `drop trigger refuse_${table}`);
    }
  };

  it("leaves the roster as it was and answers AUDIT_UNAVAILABLE when its event can't be recorded", async () => {
    const before = await rosterEvents(gw);
    const roster = await emails(gw);
    const answer = await whileRefusing("audit_intents", "disk full", () =>
      gw.mutate(REPLACE, { input: { entries: [{ email: "eve@example.com" }] } }),
    );
    expect(answer.data).toBeNull();
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: "AUDIT_UNAVAILABLE", source: "rollcall" });
    expect(answer.errors?.[0]?.message).toContain("nothing changed");
    expect(answer.errors?.[0]?.message).not.toContain("disk full");
    expect(await emails(gw)).toEqual(roster);
    expect(await rosterEvents(gw)).toEqual(before);
    // The store's own words stay in the server's log.
    expect(gw.logs.some((line) => line.includes("disk full"))).toBe(true);
  });

  it("records a replacement whose store write failed as FAILED, counted against the roster it read: nothing of it was kept", async () => {
    const roster = await emails(gw);
    const answer = await whileRefusing("roster_entries", "connection reset", () =>
      gw.mutate(REPLACE, { input: { entries: [{ email: "eve@example.com" }] } }),
    );
    expect(answer.errors?.[0]?.extensions?.code).toBe("INTERNAL_SERVER_ERROR");
    expect(answer.errors?.[0]?.message).not.toContain("connection reset");
    expect(await emails(gw)).toEqual(roster);
    // The replacement and its event were one unit, rolled back together: what the trail keeps is
    // the attempt, recorded on its own, known not made (no settling to wait for).
    const failed = (await rosterEvents(gw)).at(-1)!;
    expect(failed).toMatchObject({
      caller: WRITER,
      before: { entries: roster.length },
      after: { entries: 1, added: 1, removed: roster.length, renamed: 0 },
      outcome: "FAILED",
      code: "INTERNAL_SERVER_ERROR",
      settled: false,
    });
    expect(failed.message).toContain("nothing of it was kept");
    expect(gw.logs.some((line) => line.includes("connection reset"))).toBe(true);
  });

  it("settles an event a crash left PENDING by the roster's stamp: never made, made, or not to be told", async () => {
    const history = gw.rollcall.store.history;
    const audit = gw.rollcall.store.audit;
    const intent = (at: Date, entries: number): AuditIntent => ({
      at,
      caller: WRITER,
      operation: "replaceRoster",
      planId: null,
      stepId: null,
      sourceId: "rollcall",
      target: "roster",
      personKey: null,
      action: "REPLACE_ROSTER",
      before: { entries: 3 },
      after: { entries, added: entries, removed: 3, renamed: 0 },
    });
    const outcomeOf = async (id: string) => (await rosterEvents(gw)).find((e) => e.id === id);
    // Settling reads what was recorded before it began: each intent is stamped after the roster's
    // last replacement and settled once the clock has moved past it.
    const past = async (at: Date) => {
      while (Date.now() <= at.getTime()) await new Promise((r) => setTimeout(r, 2));
    };
    const stamp = (await history.rosterStamp()).suppliedAt!;
    // Stopped before its replacement was made: the roster is still one supplied before it.
    const neverMadeAt = new Date(stamp.getTime() + 1);
    const neverMade = await audit.recordIntent(intent(neverMadeAt, 1));
    await past(neverMadeAt);
    await gw.rollcall.settler.settle();
    expect(await outcomeOf(neverMade)).toMatchObject({ outcome: "FAILED", settled: true });
    // Stopped after: the roster is stamped with its time.
    const madeAt = new Date(Math.max(Date.now(), neverMadeAt.getTime() + 2));
    const made = await audit.recordIntent(intent(madeAt, 2));
    await history.replaceRoster(
      [
        { personKey: "fay@example.com", name: null },
        { personKey: "gus@example.com", name: null },
      ],
      WRITER,
      madeAt,
    );
    // And one older than the roster now: replaced since, so whether it was made can't be told.
    const superseded = await audit.recordIntent(intent(new Date(madeAt.getTime() - 1), 1));
    await past(madeAt);
    await gw.rollcall.settler.settle();
    expect(await outcomeOf(made)).toMatchObject({ outcome: "APPLIED", settled: true });
    expect(await outcomeOf(superseded)).toMatchObject({ outcome: "UNKNOWN", settled: false });
    expect(await audit.pending()).toEqual([]);
  });
});

describe("the roster file in the audit trail", () => {
  let dir: string;
  let file: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "rollcall-roster-audit-"));
    file = join(dir, "staff.csv");
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("records each load by system — at start-up, on a change, UNCHANGED at a restart — without the file's path", async () => {
    writeFileSync(file, "email,name\nada@example.com,Ada\nbo@example.com,Bo\n");
    const options = {
      instances: [{ vendor, id: vendor.kind }],
      users: 1,
      extraConfig: { review: { rosterFile: file } },
    };
    const first = await startGateway(options);
    let second: GatewayHarness | undefined;
    try {
      writeFileSync(file, "email,name\nada@example.com,Ada\ncy@example.com,Cy\n");
      utimesSync(file, new Date(), new Date(Date.now() + 5000));
      const { data } = await first.gql<{ roster: { count: number } }>("{ roster { count } }");
      expect(data?.roster.count).toBe(2);
      await first.rollcall.close();
      second = await startGateway({ ...options, storeUrl: first.storeUrl });
      const events = await rosterEvents(second);
      expect(
        events.map((e) => [e.caller, e.operation, e.source, e.target, e.before, e.after, e.outcome]),
      ).toEqual([
        [
          "system",
          "review.rosterFile",
          "rollcall",
          "roster",
          { entries: 0 },
          { entries: 2, added: 2, removed: 0, renamed: 0 },
          "APPLIED",
        ],
        [
          "system",
          "review.rosterFile",
          "rollcall",
          "roster",
          { entries: 2 },
          { entries: 2, added: 1, removed: 1, renamed: 0 },
          "APPLIED",
        ],
        [
          "system",
          "review.rosterFile",
          "rollcall",
          "roster",
          { entries: 2 },
          { entries: 2, added: 0, removed: 0, renamed: 0 },
          "UNCHANGED",
        ],
      ]);
      expect(JSON.stringify(events)).not.toContain(dir);
    } finally {
      await second?.stop();
      await Promise.all([...first.sims.values()].map((s) => s.stop()));
      rmSync(dirname(first.storeUrl.replace(/^file:/, "")), { recursive: true, force: true });
    }
  }, 60_000);
});
