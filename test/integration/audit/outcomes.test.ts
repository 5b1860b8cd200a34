/**
 * What the trail says happened is what happened: a refusal is REFUSED with its code (and the
 * vendor's status where it answered one), a write whose answer was lost is UNKNOWN until the live
 * state settles it, a lost answer the writer settled itself is APPLIED, and a store that can't
 * record the intent means the write is never sent.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Capability } from "../../../src/model/capabilities.js";
import { auditEvents, writesReceived } from "../../support/audit-trail.js";
import { type GatewayHarness, startGateway } from "../../support/gateway-harness.js";
import { vendorWhere } from "../../support/pick-vendor.js";

const vendor = vendorWhere(
  (c) =>
    [Capability.UPDATE_USERS, Capability.DEACTIVATE_USERS, Capability.REACTIVATE_USERS].every((k) =>
      c.capabilities.has(k),
    ),
  "that updates, deactivates and reactivates users",
);
const source = vendor.kind;
const WRITES = ["POST", "PUT", "PATCH", "DELETE"];

interface Result {
  status: string;
  error: { code: string; message: string } | null;
  user: { active: boolean } | null;
}

describe("outcomes in the audit trail", () => {
  let gw: GatewayHarness;
  let users: string[];
  beforeAll(async () => {
    gw = await startGateway({
      instances: [{ vendor, id: source }],
      users: 12,
      // The vendor recovers the moment its fault is cleared, not after a circuit breaker's cooldown.
      sourceOverrides: { [source]: { circuitBreaker: { failureThreshold: 0 } } },
    });
    const { data } = await gw.gql<{ users: { nodes: Array<{ id: string; active: boolean }> } }>(
      `{ users(first: 12, filter: { active: true }) { nodes { id active } } }`,
    );
    users = data!.users.nodes.map((u) => u.id);
  });
  afterAll(() => gw?.stop());
  beforeEach(() => {
    gw.sims.get(source)!.faults.clear();
    gw.clearLogs();
  });

  const setActive = async (user: string, active: boolean) => {
    const { data, errors } = await gw.mutate<{ setUserActive: { results: Result[] } }>(
      `mutation { setUserActive(input: { users: ["${user}"], active: ${active} }) { results { status error { code message } user { active } } } }`,
    );
    expect(errors).toBeUndefined();
    return data!.setUserActive.results[0]!;
  };
  const eventsOf = async (target: string) =>
    (await auditEvents(gw, { source })).filter((e) => e.target === target);

  it("records a write Rollcall's checks refuse as REFUSED with the code the caller got", async () => {
    const { data } = await gw.mutate<{ updateUser: { results: Result[] } }>(
      `mutation { updateUser(input: { user: "${users[0]}", globalRole: "No Such Global Role" }) { results { status error { code message } } } }`,
    );
    const [result] = data!.updateUser.results;
    expect(result!.status).toBe("FAILED");
    const [event] = await eventsOf(users[0]!);
    expect(event).toMatchObject({
      action: "UPDATE_ACCOUNT",
      after: { globalRole: "No Such Global Role" },
      outcome: "REFUSED",
      code: result!.error!.code,
      message: result!.error!.message,
    });
    expect(writesReceived(gw, source)).toBe(0);
  });

  it("records the vendor's refusal as REFUSED with its HTTP status", async () => {
    gw.sims.get(source)!.faults.inject({ kind: "5xx", status: 422, methods: WRITES, times: 1 });
    const result = await setActive(users[1]!, false);
    expect(result.status).toBe("FAILED");
    const [event] = await eventsOf(users[1]!);
    expect(event).toMatchObject({
      action: "DEACTIVATE_ACCOUNT",
      before: { active: true },
      after: { active: false },
      outcome: "REFUSED",
      code: result.error!.code,
      vendorStatus: 422,
      settled: false,
    });
  });

  it("records a vendor that is down as UNKNOWN, then settles it from the live state once it answers", async () => {
    const down = [users[2]!, users[4]!];
    gw.sims.get(source)!.faults.inject({ kind: "5xx", status: 503 });
    const { data } = await gw.mutate<{ setUserActive: { results: Result[] } }>(
      `mutation ($users: [ID!]!) { setUserActive(input: { users: $users, active: false }) { results { status error { code } } } }`,
      { users: down },
    );
    expect(data!.setUserActive.results.map((r) => r.error?.code)).toEqual([
      "SOURCE_UNAVAILABLE",
      "SOURCE_UNAVAILABLE",
    ]);
    for (const user of down)
      expect((await eventsOf(user))[0]).toMatchObject({
        outcome: "UNKNOWN",
        code: "SOURCE_UNAVAILABLE",
        settled: false,
      });

    // Still down: settling can't read them, and says nothing new.
    expect(await gw.rollcall.settler.settle()).toEqual({ settled: 0, unknown: 2 });
    for (const user of down)
      expect((await eventsOf(user))[0]).toMatchObject({ outcome: "UNKNOWN", settled: false });

    gw.sims.get(source)!.faults.clear();
    expect(await gw.rollcall.settler.settle()).toEqual({ settled: 2, unknown: 0 });
    for (const user of down) {
      const [settled] = await eventsOf(user);
      expect(settled).toMatchObject({
        outcome: "FAILED",
        code: "SOURCE_UNAVAILABLE",
        vendorStatus: 503,
        settled: true,
      });
      expect(settled!.message).toContain('it is "active", the change makes it "inactive"');
    }
    // Settled once: nothing left open.
    expect(await gw.rollcall.settler.settle()).toEqual({ settled: 0, unknown: 0 });
  });

  it("records a write whose answer was lost, and that the writer settled by reading, as APPLIED", async () => {
    gw.sims.get(source)!.faults.inject({ kind: "lose-answer", methods: WRITES, times: 1 });
    const result = await setActive(users[3]!, false);
    expect(result).toMatchObject({ status: "UPDATED", user: { active: false } });
    const [event] = await eventsOf(users[3]!);
    expect(event).toMatchObject({ action: "DEACTIVATE_ACCOUNT", outcome: "APPLIED" });
  });
});

describe("a store that can't record", () => {
  let gw: GatewayHarness;
  let users: string[];
  beforeAll(async () => {
    gw = await startGateway({ instances: [{ vendor, id: source }], users: 6 });
    const { data } = await gw.gql<{ users: { nodes: Array<{ id: string }> } }>(
      `{ users(first: 6, filter: { active: true }) { nodes { id } } }`,
    );
    users = data!.users.nodes.map((u) => u.id);
  });
  afterAll(() => gw?.stop());

  it("sends nothing when one intent of a batch can't be recorded, and marks the recorded ones not sent", async () => {
    const audit = gw.rollcall.store.audit;
    const recordIntent = audit.recordIntent.bind(audit);
    let calls = 0;
    audit.recordIntent = async (intent) => {
      calls += 1;
      if (calls === 2) throw new Error("disk full");
      return recordIntent(intent);
    };
    gw.clearLogs();
    try {
      const { data } = await gw.mutate<{ setUserActive: { ok: boolean; results: Result[] } }>(
        `mutation { setUserActive(input: { users: ["${users[0]}", "${users[1]}"], active: false }) { ok results { status error { code message } } } }`,
      );
      expect(data!.setUserActive.ok).toBe(false);
      for (const r of data!.setUserActive.results) {
        expect(r.error!.code).toBe("AUDIT_UNAVAILABLE");
        expect(r.error!.message).toContain("nothing changed");
        expect(r.error!.message).not.toContain("disk full");
      }
    } finally {
      audit.recordIntent = recordIntent;
    }
    expect(writesReceived(gw, source)).toBe(0);
    const events = await auditEvents(gw);
    expect(events.map((e) => [e.target, e.outcome, e.code])).toEqual([
      [users[0], "FAILED", "AUDIT_UNAVAILABLE"],
    ]);
    const { data } = await gw.gql<{ nodes: Array<{ active: boolean }> }>(
      `{ nodes(ids: ["${users[0]}", "${users[1]}"]) { ... on User { active } } }`,
    );
    expect(data!.nodes).toEqual([{ active: true }, { active: true }]);
  });

  it("sends nothing, not even a read, when the store is closed, and the caller gets AUDIT_UNAVAILABLE", async () => {
    await gw.rollcall.store.close();
    gw.clearLogs();
    const { data, errors } = await gw.mutate<{ updateUser: { ok: boolean; results: Result[] } }>(
      `mutation { updateUser(input: { user: "${users[2]}", firstName: "Unrecorded" }) { ok results { status error { code message } } } }`,
    );
    expect(errors).toBeUndefined();
    expect(data!.updateUser.results[0]).toMatchObject({
      status: "FAILED",
      error: { code: "AUDIT_UNAVAILABLE" },
    });
    expect(gw.sims.get(source)!.log.calls()).toEqual([]);
    // The store's own words stay in the server's log, for its operator.
    expect(gw.logs.some((line) => line.includes("audit trail: reading account links"))).toBe(true);
  });
});
