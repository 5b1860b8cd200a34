/**
 * A plan's lease: the process applying a plan holds it in the store, renewing it as it goes. A
 * process that died stops renewing; once its lease has run out another may take the plan and
 * resume it. While one holds it, no other applies the plan (src/store/plan-store.ts, `lease`).
 */
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { InputError } from "../model/errors.js";
import { holdRenewedLease, type RenewedLease } from "../store/renewed-lease.js";
import type { PlanStore } from "../store/store.js";

/** This process, as a plan's lease names it. */
export const THIS_RUNNER = `${hostname()}#${process.pid}#${randomUUID().slice(0, 8)}`;

/** A lease lasts this long unless configured (`store.jobs.leaseSeconds`). */
export const DEFAULT_LEASE_MS = 60_000;

export interface LeaseSettings {
  readonly runner: string;
  /** How long a lease lasts without being renewed; it is renewed three times as often. */
  readonly ms: number;
}

/** Another process holds the plan's lease: it is being applied there. */
export class PlanBusyError extends InputError {
  constructor(planId: string) {
    super(
      `Plan "${planId}" is being applied by another Rollcall process: read it with plan(id:) to follow it`,
      "input.plan",
    );
  }
}

/** This process lost the plan's lease (it could not renew it in time): another may apply it now. */
export class LeaseLostError extends Error {
  constructor(planId: string) {
    super(`lost the lease of plan "${planId}": it stopped starting steps, another process resumes it`);
  }
}

export type HeldLease = RenewedLease;

/** Takes the plan's lease (PlanBusyError when another holds it) and renews it until released. */
export function holdLease(plans: PlanStore, planId: string, settings: LeaseSettings): Promise<HeldLease> {
  return holdRenewedLease({
    take: (now, until) => plans.lease(planId, settings.runner, now, until),
    release: () => plans.release(planId, settings.runner),
    ms: settings.ms,
    busy: () => new PlanBusyError(planId),
  });
}
