import { InMemoryLRUCache } from "@apollo/utils.keyvaluecache";
import type { DocumentNode } from "graphql";

/**
 * What a cached document holds in memory per byte of its JSON: its AST with locations, which link
 * every token of its text — measured about 4× on generated documents (bench/README.md, "Fuzz run").
 */
export const RETAINED_PER_JSON_BYTE = 4;

/**
 * Apollo's cache of parsed and validated documents, bounded by the memory its documents really
 * hold (Apollo's default bounds 30 MiB of their JSON, ~120 MiB of heap). The queries compiled from
 * them have a cache of their own (server/compiled-executor.ts).
 */
export function documentCache(maxBytes: number): InMemoryLRUCache<DocumentNode> {
  return new InMemoryLRUCache<DocumentNode>({
    maxSize: maxBytes,
    sizeCalculation: (document) =>
      Math.max(1, Buffer.byteLength(JSON.stringify(document), "utf8") * RETAINED_PER_JSON_BYTE),
  });
}
