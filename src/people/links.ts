/** Where the people code finds the account links of the request's store. */
import type { RequestContext } from "../loaders/request-context.js";
import type { LinkStore, Store } from "../store/store.js";

export function linkStoreOf(ctx: RequestContext): LinkStore {
  // TODO(merge store): read the store where the store branch puts it.
  const store = (ctx.gateway as unknown as { store?: Store }).store;
  if (!store) throw new Error("no store is configured");
  return store.links;
}
