/**
 * The README's walkthrough, run as written (examples/plans/walkthrough.graphql, through the typed
 * client codegen makes of it) against every simulated vendor: find a person in every tool, offboard
 * them (plan, then apply, then read the plan and the audit trail back), and onboard a new tester
 * from the demo's template.
 */
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ApplyPlanDocument,
  AuditTrailDocument,
  PersonAcrossToolsDocument,
  PlanDocument,
  PlanOffboardingDocument,
  PlanOnboardingDocument,
} from "../../../examples/generated/graphql.js";
import { DEMO_TEMPLATE, demoTemplates } from "../../../src/demo/demo-templates.js";
import { vendors } from "../../../src/vendors/registry.js";
import { type GatewayHarness, startGateway } from "../../support/gateway-harness.js";

async function run<R, V>(gw: GatewayHarness, document: TypedDocumentNode<R, V>, variables: V): Promise<R> {
  const { data, errors } = await gw.mutate<R>(print(document), variables as Record<string, unknown>);
  expect(errors).toBeUndefined();
  return data as R;
}

describe("the README walkthrough", () => {
  let gw: GatewayHarness;
  beforeAll(async () => {
    gw = await startGateway({ users: 20, extraConfig: { templates: demoTemplates() } });
  });
  afterAll(() => gw?.stop());

  it("offboards a person with accounts in every tool: plan, apply, read back, audit trail", async () => {
    const email = "grace.hopper@example.com";
    const before = await gw.gql(print(PersonAcrossToolsDocument), { email });
    expect(before.errors).toBeUndefined();
    const person = (before.data as { person: { state: string; accounts: Array<{ source: { id: string } }> } })
      .person;
    expect(person.accounts.map((a) => a.source.id).sort()).toEqual(vendors.map((v) => v.kind).sort());
    expect(person.state).toBe("ACTIVE_EVERYWHERE");

    const { planOffboarding: plan } = await run(gw, PlanOffboardingDocument, {
      person: "grace.hopper@example.com",
      mode: "DEACTIVATE",
    });
    expect(plan.status).toBe("PLANNED");
    expect(plan.steps.map((s) => s.source?.id).sort()).toEqual(vendors.map((v) => v.kind).sort());
    expect(plan.steps.every((s) => s.state === (s.possible ? "PENDING" : "IMPOSSIBLE"))).toBe(true);

    const { applyPlan: applied } = await run(gw, ApplyPlanDocument, { plan: plan.id });
    expect(applied.status).toBe("APPLIED");
    expect(applied.counts.applied).toBe(plan.steps.filter((s) => s.possible).length);
    expect(applied.counts.impossible).toBe(plan.steps.filter((s) => !s.possible).length);

    const { data } = await gw.gql(print(PlanDocument), { id: plan.id });
    expect(data).toEqual({ plan: applied });

    // Every step the apply sent is one event: intent recorded before the vendor call, outcome
    // after, with the caller who applied it and the person it was for.
    const trail = await gw.gql(
      print(AuditTrailDocument),
      { plan: plan.id },
      {
        authorization: `Bearer ${gw.keys.read}`,
      },
    );
    expect(trail.errors).toBeUndefined();
    const events = (trail.data as { auditEvents: { nodes: Array<Record<string, unknown>> } }).auditEvents
      .nodes;
    const sent = applied.steps.filter((s) => s.state === "APPLIED");
    expect(events.map((e) => e.step).sort()).toEqual(sent.map((s) => s.id).sort());
    for (const event of events) {
      expect(event).toMatchObject({
        caller: "key:test-writer",
        operation: "applyPlan",
        action: "DEACTIVATE_ACCOUNT",
        outcome: "APPLIED",
        person: email,
        plan: plan.id,
        before: { active: true },
        after: { active: false },
      });
    }

    const after = await gw.gql(print(PersonAcrossToolsDocument), { email });
    const state = (after.data as { person: { state: string } }).person.state;
    // The one tool that can't deactivate keeps its account active (its step was impossible).
    expect(state).toBe(applied.counts.impossible > 0 ? "PARTLY_ACTIVE" : "INACTIVE_EVERYWHERE");
  });

  it("onboards a new tester from the template, each account before its access", async () => {
    const { planOnboarding: plan } = await run(gw, PlanOnboardingDocument, {
      email: "new.tester@example.com",
      firstName: "New",
      lastName: "Tester",
      template: DEMO_TEMPLATE,
    });
    expect(plan.steps.every((s) => s.possible)).toBe(true);
    const { applyPlan: applied } = await run(gw, ApplyPlanDocument, {
      plan: plan.id,
      initialPassword: "Welcome#2026",
    });
    expect(applied.status).toBe("APPLIED");
    expect(applied.counts.applied + applied.counts.skipped).toBe(plan.steps.length);
  });
});
