/**
 * A link decides which accounts an offboarding takes away, so linking and unlinking are in the
 * audit trail like vendor writes: one event per account, its intent recorded before the store's
 * link changes, its outcome after; nothing changes when the intent can't be recorded; a crash
 * between the two is settled by reading the link in the store. Real HTTP against one simulator.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditIntent } from "../../../src/store/store.js";
import { auditEvents, writesReceived } from "../../support/audit-trail.js";
import { type GatewayHarness, startGateway } from "../../support/gateway-harness.js";
import { vendorWhere } from "../../support/pick-vendor.js";

const vendor = vendorWhere(() => true, "any");
const source = vendor.kind;
const WRITER = "key:test-writer";
const DANA = "dana.link@example.com";
const ERIN = "erin.link@example.com";

interface LinkResult {
  status: string;
  account: string;
  error: { code: string; field: string | null; message: string } | null;
}

describe("link changes in the audit trail", () => {
  let gw: GatewayHarness;
  let accounts: string[];
  beforeAll(async () => {
    gw = await startGateway({ instances: [{ vendor, id: source }], users: 6 });
    const { data } = await gw.gql<{ users: { nodes: Array<{ id: string }> } }>(
      `{ users(first: 6) { nodes { id } } }`,
    );
    accounts = data!.users.nodes.map((u) => u.id);
  });
  afterAll(() => gw?.stop());

  const link = async (person: string, ids: string[]) => {
    const { data, errors } = await gw.mutate<{ linkAccounts: { ok: boolean; results: LinkResult[] } }>(
      `mutation($input: LinkAccountsInput!) { linkAccounts(input: $input) { ok results { status account error { code field message } } } }`,
      { input: { person, accounts: ids } },
    );
    expect(errors).toBeUndefined();
    return data!.linkAccounts;
  };
  const unlink = async (ids: string[]) => {
    const { data, errors } = await gw.mutate<{ unlinkAccounts: { ok: boolean; results: LinkResult[] } }>(
      `mutation($a: [ID!]!) { unlinkAccounts(input: { accounts: $a }) { ok results { status account error { code field message } } } }`,
      { a: ids },
    );
    expect(errors).toBeUndefined();
    return data!.unlinkAccounts;
  };
  const eventsOf = async (target: string) =>
    (await auditEvents(gw, { source })).filter((e) => e.target === target);
  const linkOf = async (target: string) => {
    const links = await gw.rollcall.store.links.all();
    return (
      links.find((l) => `${l.account.sourceId}:User:${l.account.remoteId}` === target)?.personKey ?? null
    );
  };

  it("records a link then an unlink as two events, with the caller, the person before and after, and the outcome", async () => {
    const account = accounts[0]!;
    gw.clearLogs();
    expect((await link(DANA, [account])).results[0]!.status).toBe("CREATED");
    expect((await unlink([account])).results[0]!.status).toBe("DELETED");
    const events = await eventsOf(account);
    expect(events).toMatchObject([
      {
        caller: WRITER,
        operation: "linkAccounts",
        source,
        target: account,
        person: DANA,
        action: "LINK_ACCOUNT",
        before: { person: null },
        after: { person: DANA },
        outcome: "APPLIED",
        settled: false,
      },
      {
        caller: WRITER,
        operation: "unlinkAccounts",
        source,
        target: account,
        person: DANA,
        action: "UNLINK_ACCOUNT",
        before: { person: DANA },
        after: { person: null },
        outcome: "APPLIED",
      },
    ]);
    for (const e of events) expect(Date.parse(e.answeredAt!)).toBeGreaterThanOrEqual(Date.parse(e.at));
    // Rollcall's own store: no vendor was written to.
    expect(writesReceived(gw, source)).toBe(0);
    // The action filter finds them.
    const linked = await auditEvents(gw, { action: "LINK_ACCOUNT" });
    expect(linked.map((e) => e.target)).toContain(account);
  });

  it("records relinking to the same person as UNCHANGED, and a move with the person it came from", async () => {
    const account = accounts[1]!;
    await link(DANA, [account]);
    expect((await link(` ${DANA.toUpperCase()} `, [account])).results[0]!.status).toBe("UNCHANGED");
    expect((await link(ERIN, [account])).results[0]!.status).toBe("UPDATED");
    expect((await unlink([account])).results[0]!.status).toBe("DELETED");
    expect((await unlink([account])).results[0]!.status).toBe("UNCHANGED");
    const events = await eventsOf(account);
    expect(events.map((e) => [e.action, e.person, e.before, e.after, e.outcome])).toEqual([
      ["LINK_ACCOUNT", DANA, { person: null }, { person: DANA }, "APPLIED"],
      ["LINK_ACCOUNT", DANA, { person: DANA }, { person: DANA }, "UNCHANGED"],
      ["LINK_ACCOUNT", ERIN, { person: DANA }, { person: ERIN }, "APPLIED"],
      ["UNLINK_ACCOUNT", ERIN, { person: ERIN }, { person: null }, "APPLIED"],
      ["UNLINK_ACCOUNT", null, { person: null }, { person: null }, "UNCHANGED"],
    ]);
  });

  it("leaves the link as it was and answers AUDIT_UNAVAILABLE naming the account's field when the intent can't be recorded", async () => {
    const [kept, refused] = [accounts[2]!, accounts[3]!];
    await link(DANA, [kept]);
    const audit = gw.rollcall.store.audit;
    const recordIntent = audit.recordIntent.bind(audit);
    audit.recordIntent = async () => {
      throw new Error("disk full");
    };
    gw.clearLogs();
    let linked: Awaited<ReturnType<typeof link>>;
    let unlinked: Awaited<ReturnType<typeof unlink>>;
    try {
      linked = await link(ERIN, [refused, kept]);
      unlinked = await unlink([kept]);
    } finally {
      audit.recordIntent = recordIntent;
    }
    expect(linked.ok).toBe(false);
    expect(linked.results.map((r) => [r.account, r.status, r.error?.code, r.error?.field])).toEqual([
      [refused, "FAILED", "AUDIT_UNAVAILABLE", "input.accounts[0]"],
      [kept, "FAILED", "AUDIT_UNAVAILABLE", "input.accounts[1]"],
    ]);
    expect(linked.results[0]!.error!.message).toContain("nothing changed");
    expect(linked.results[0]!.error!.message).not.toContain("disk full");
    expect(unlinked.ok).toBe(false);
    expect(unlinked.results[0]).toMatchObject({
      status: "FAILED",
      error: { code: "AUDIT_UNAVAILABLE", field: "input.accounts[0]" },
    });
    // Nothing changed, and nothing was recorded as done.
    expect(await linkOf(refused)).toBeNull();
    expect(await linkOf(kept)).toBe(DANA);
    expect(await eventsOf(refused)).toEqual([]);
    expect((await eventsOf(kept)).map((e) => [e.action, e.outcome])).toEqual([["LINK_ACCOUNT", "APPLIED"]]);
    // The store's own words stay in the server's log.
    expect(gw.logs.some((line) => line.includes("disk full"))).toBe(true);
  });

  it("settles a link event a crash left PENDING by reading the link in the store", async () => {
    const [linked, unlinked] = [accounts[4]!, accounts[5]!];
    await link(ERIN, [linked]);
    const intent = (target: string, action: string, after: string | null): AuditIntent => ({
      at: new Date(Date.now() - 1000),
      caller: WRITER,
      operation: action === "LINK_ACCOUNT" ? "linkAccounts" : "unlinkAccounts",
      planId: null,
      stepId: null,
      sourceId: source,
      target,
      personKey: after,
      action,
      before: { person: null },
      after: { person: after },
    });
    // Intents recorded, then Rollcall stopped before the store's link changed (or after it did).
    const audit = gw.rollcall.store.audit;
    await audit.recordIntent(intent(linked, "LINK_ACCOUNT", ERIN));
    await audit.recordIntent(intent(unlinked, "LINK_ACCOUNT", DANA));
    await audit.recordIntent(intent(unlinked, "UNLINK_ACCOUNT", null));
    gw.clearLogs();
    await gw.rollcall.settler.settle();
    expect(writesReceived(gw, source)).toBe(0);
    const settled = (await auditEvents(gw, { source })).filter((e) => e.settled);
    expect(settled.map((e) => [e.target, e.action, e.outcome])).toEqual([
      [linked, "LINK_ACCOUNT", "APPLIED"],
      [unlinked, "LINK_ACCOUNT", "FAILED"],
      [unlinked, "UNLINK_ACCOUNT", "APPLIED"],
    ]);
    expect(settled[1]!.message).toContain("the store links it to no person, the change makes it");
    expect(await audit.pending()).toEqual([]);
  });
});
