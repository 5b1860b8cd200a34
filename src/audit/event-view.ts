/**
 * An audit event as callers read it — in GraphQL and in the export alike: the intent and its latest
 * outcome side by side, PENDING while there is none.
 */
import type { StepAction } from "../plans/plan.js";
import { type AuditEvent, AuditOutcome } from "../store/store.js";

export interface AuditEventView {
  readonly id: string;
  readonly at: Date;
  readonly caller: string;
  readonly operation: string;
  readonly source: string;
  readonly target: string;
  readonly person: string | null;
  readonly action: StepAction;
  readonly before: unknown;
  readonly after: unknown;
  readonly outcome: AuditOutcome;
  readonly code: string | null;
  readonly message: string | null;
  readonly vendorStatus: number | null;
  readonly settled: boolean;
  readonly answeredAt: Date | null;
  readonly plan: string | null;
  readonly step: string | null;
}

export function eventView(event: AuditEvent): AuditEventView {
  const { result } = event;
  return {
    id: event.id,
    at: event.at,
    caller: event.caller,
    operation: event.operation,
    source: event.sourceId,
    target: event.target,
    person: event.personKey,
    action: event.action as StepAction,
    before: event.before,
    after: event.after,
    outcome: result?.outcome ?? AuditOutcome.PENDING,
    code: result?.code ?? null,
    message: result?.message ?? null,
    vendorStatus: result?.vendorStatus ?? null,
    settled: result?.settled ?? false,
    answeredAt: result?.at ?? null,
    plan: event.planId,
    step: event.stepId,
  };
}

/** The view's fields in the export's column order. */
export const EVENT_COLUMNS = [
  "id",
  "at",
  "caller",
  "operation",
  "source",
  "target",
  "person",
  "action",
  "before",
  "after",
  "outcome",
  "code",
  "message",
  "vendorStatus",
  "settled",
  "answeredAt",
  "plan",
  "step",
] as const satisfies ReadonlyArray<keyof AuditEventView>;
