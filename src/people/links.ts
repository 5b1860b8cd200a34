/** Where the people code finds the account links: the request's store. */
import type { RequestContext } from "../loaders/request-context.js";
import type { LinkStore } from "../store/store.js";
import { indexLinks, type LinkIndex } from "./join.js";

export function linkStoreOf(ctx: RequestContext): LinkStore {
  return ctx.gateway.store.links;
}

/**
 * Every link, indexed by account: started beside the upstream reads and awaited after them. A
 * store that fails fails the caller where it awaits, never as an unhandled rejection meanwhile.
 */
export function readLinks(ctx: RequestContext): Promise<LinkIndex> {
  const read = linkStoreOf(ctx).all().then(indexLinks);
  read.catch(() => undefined);
  return read;
}
