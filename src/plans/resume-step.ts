/**
 * What an apply that stopped (a crash, a replica killed) did to the step it left RUNNING. Every
 * write is recorded in the audit trail before it is sent, so a step with no event was never sent.
 * An event left open (PENDING: stopped before the answer; UNKNOWN: the answer was lost) is settled
 * first by reading its target's live state, as start-up settles them (src/audit/settle-events.ts):
 * a write that landed is the step's, never sent again; one the live state can't tell about leaves
 * the step unknown rather than sending it blind.
 */
import { AuditSettler } from "../audit/settle-events.js";
import type { Gateway } from "../gateway.js";
import { type AuditEvent, AuditOutcome, type AuditStore } from "../store/store.js";

export type StoppedApply =
  /** Nothing of it landed: the step may run (its live check comes first, as always). */
  | { readonly kind: "not-applied" }
  /** Its write landed: the step is APPLIED. */
  | { readonly kind: "applied" }
  /** Its outcome can't be known yet (the source can't be read): never sent blind. */
  | { readonly kind: "unknown"; readonly why: string };

const PAGE = 500;

const isOpen = (event: AuditEvent) => event.result === null || event.result.outcome === AuditOutcome.UNKNOWN;

async function eventsOfStep(audit: AuditStore, planId: string, stepId: string): Promise<AuditEvent[]> {
  const events: AuditEvent[] = [];
  for (let after: string | undefined; ; ) {
    const page = await audit.list({ planId }, { first: PAGE, after });
    events.push(...page.filter((e) => e.stepId === stepId));
    if (page.length < PAGE) return events;
    after = page.at(-1)?.id;
  }
}

export async function whatAStoppedApplyDid(
  gateway: Gateway,
  planId: string,
  stepId: string,
): Promise<StoppedApply> {
  const { audit } = gateway.store;
  const before = await eventsOfStep(audit, planId, stepId);
  const open = before.filter(isOpen);
  if (open.length > 0) await new AuditSettler(gateway.store, gateway).settleEvents(open);
  const after = open.length > 0 ? await eventsOfStep(audit, planId, stepId) : before;
  if (after.some((e) => e.result?.outcome === AuditOutcome.APPLIED)) return { kind: "applied" };
  const still = after.find(isOpen);
  if (still)
    return {
      kind: "unknown",
      why: still.result?.message ?? "the write's outcome was never recorded and can't be read yet",
    };
  return { kind: "not-applied" };
}
