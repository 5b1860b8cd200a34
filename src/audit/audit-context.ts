/**
 * What the audit trail needs to know about the write in progress that the connector does not:
 * who asked, through which operation, for which plan step and person. Set by whoever starts a
 * write (a mutation resolver, the plan executor, the CLI); read where writes are recorded.
 * AsyncLocalStorage, because writes happen deep inside connectors that know nothing of callers.
 */
import { AsyncLocalStorage } from "node:async_hooks";

export interface AuditContext {
  /** Caller id (`key:<name>`, `token:<issuer>#<subject>`), `cli`, or `system`. */
  readonly caller: string;
  /** The GraphQL mutation (`setUserActive`…) or `applyPlan`. */
  readonly operation: string;
  readonly planId?: string;
  readonly stepId?: string;
  readonly personKey?: string;
}

const storage = new AsyncLocalStorage<AuditContext>();

/** Run `work` with `context` (merged over any outer one) as the audit context of its writes. */
export function withAuditContext<T>(context: Partial<AuditContext>, work: () => Promise<T>): Promise<T> {
  const outer = storage.getStore();
  const merged = { caller: "system", operation: "unknown", ...outer, ...context } as AuditContext;
  return storage.run(merged, work);
}

export function currentAuditContext(): AuditContext | undefined {
  return storage.getStore();
}
