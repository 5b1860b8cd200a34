import type { VendorModule } from "../../src/vendors/vendor-module.js";
import { aliasOf, MID_SIZED_USERS } from "./queries.js";

/** A source the hand-written baseline reads: its vendor and its config entry (`id` is its source id). */
export interface BaselineSource {
  readonly vendor: VendorModule;
  readonly source: Record<string, unknown>;
}

/**
 * What the hand-written baseline answers for the mid-sized query over these sources (in this
 * order): each vendor's own hand-written reader, all at once, under the query's aliases — the
 * JSON the gateway must answer too, deep-equal.
 */
export async function baselineAnswer(sources: readonly BaselineSource[]) {
  const lists = await Promise.all(sources.map((s) => s.vendor.handwritten(s.source, MID_SIZED_USERS)));
  return {
    data: Object.fromEntries(sources.map((s, i) => [aliasOf(String(s.source.id)), { nodes: lists[i] }])),
  };
}
