/** Where the people code finds the account links: the request's store. */
import type { RequestContext } from "../loaders/request-context.js";
import type { LinkStore } from "../store/store.js";

export function linkStoreOf(ctx: RequestContext): LinkStore {
  return ctx.gateway.store.links;
}
