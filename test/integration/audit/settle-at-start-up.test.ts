/**
 * A crash between an intent and its outcome leaves the event PENDING; the next start settles it
 * from the live state before serving: APPLIED or FAILED (settled), or UNKNOWN where the source
 * can't be read — tried again later. The intents are recorded by a running gateway into its
 * store file, as its writes would be, and the gateway restarted on the same file.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Capability } from "../../../src/model/capabilities.js";
import type { AuditIntent } from "../../../src/store/store.js";
import { auditEvents } from "../../support/audit-trail.js";
import { type GatewayHarness, startGateway } from "../../support/gateway-harness.js";
import { vendorWhere } from "../../support/pick-vendor.js";

const vendor = vendorWhere(
  (c) => c.capabilities.has(Capability.DEACTIVATE_USERS) && c.capabilities.has(Capability.REACTIVATE_USERS),
  "that deactivates and reactivates users",
);
const source = vendor.kind;

describe("settling at start-up", () => {
  let dir: string;
  let gw: GatewayHarness | undefined;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "rollcall-settle-"));
  });
  afterAll(async () => {
    await gw?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("settles what a crash left PENDING from the live state, before serving", async () => {
    const storeUrl = `file:${join(dir, "rollcall.db")}`;
    const first = await startGateway({ instances: [{ vendor, id: source }], users: 4, storeUrl });
    let active: string;
    try {
      const { data } = await first.gql<{ users: { nodes: Array<{ id: string; email: string }> } }>(
        `{ users(first: 1, filter: { active: true }) { nodes { id email } } }`,
      );
      active = data!.users.nodes[0]!.id;
      // A plan whose deactivation step was being applied when Rollcall stopped.
      const planned = await first.mutate<{
        planOffboarding: { id: string; steps: Array<{ id: string; action: string }> };
      }>(
        `mutation ($email: String!) { planOffboarding(input: { person: $email, mode: DEACTIVATE }) { id steps { id action } } }`,
        { email: data!.users.nodes[0]!.email },
      );
      const plan = planned.data!.planOffboarding;
      const step = plan.steps.find((s) => s.action === "DEACTIVATE_ACCOUNT")!;
      const intent = (action: string, after: unknown, sourceId = source, fromPlan = false): AuditIntent => ({
        at: new Date(),
        caller: "key:test-writer",
        operation: fromPlan ? "applyPlan" : "setUserActive",
        planId: fromPlan ? plan.id : null,
        stepId: fromPlan ? step.id : null,
        sourceId,
        target: active,
        personKey: null,
        action,
        before: null,
        after,
      });
      // What a write records before it is sent; then Rollcall stops before the vendor answers.
      const audit = first.rollcall.store.audit;
      await audit.recordIntent(intent("DEACTIVATE_ACCOUNT", { active: false }));
      await audit.recordIntent(intent("REACTIVATE_ACCOUNT", { active: true }));
      await audit.recordIntent(intent("DEACTIVATE_ACCOUNT", { active: false }, "gone-source"));
      await audit.recordIntent(intent("DEACTIVATE_ACCOUNT", { active: false }, source, true));
      expect((await audit.pending()).length).toBe(4);
    } finally {
      // Closed without the timer's settling ever running (it waits minutes), as a crash would.
      await first.rollcall.close();
      await Promise.all([...first.sims.values()].map((s) => s.stop()));
    }

    gw = await startGateway({ instances: [{ vendor, id: source }], users: 4, storeUrl });
    const events = await auditEvents(gw);
    expect(events.map((e) => [e.source, e.action, e.outcome, e.settled])).toEqual([
      // The account is still active: the deactivation never happened.
      [source, "DEACTIVATE_ACCOUNT", "FAILED", true],
      // It is active: the reactivation shows.
      [source, "REACTIVATE_ACCOUNT", "APPLIED", true],
      // No such source any more: nothing can be read, so it stays open (UNKNOWN), tried again later.
      ["gone-source", "DEACTIVATE_ACCOUNT", "UNKNOWN", false],
      // A plan's step, checked as the plan engine checks it: still active, so not applied.
      [source, "DEACTIVATE_ACCOUNT", "FAILED", true],
    ]);
    for (const e of [events[0]!, events[1]!, events[3]!])
      expect(e.message).toContain(
        "Settled by reading the live state (Rollcall stopped before the vendor answered)",
      );
    expect(events[2]!.message).toContain('source "gone-source" is no longer configured');
    expect(await gw.rollcall.store.audit.pending()).toEqual([]);
    expect(gw.logs.some((l) => l.includes("settled the audit trail's open events"))).toBe(true);
  });
});
