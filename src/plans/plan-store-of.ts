/** Where the plan code finds the request's plan store. */
import type { RequestContext } from "../loaders/request-context.js";
import type { PlanStore, Store } from "../store/store.js";

export function planStoreOf(ctx: RequestContext): PlanStore {
  // TODO(merge store): read the store where the store branch puts it.
  const store = (ctx.gateway as unknown as { store?: Store }).store;
  if (!store) throw new Error("no store is configured");
  return store.plans;
}
