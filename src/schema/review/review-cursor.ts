import { InputError } from "../../model/errors.js";

/**
 * A review page's cursor: the position after which the next page starts, opaque to clients. Snapshots
 * do not change once finished, so a position in their (totally ordered) changes or findings stays put.
 */
export function encodeReviewCursor(kind: "changes" | "findings", position: number): string {
  return Buffer.from(`${kind}:${position}`, "utf8").toString("base64url");
}

/** The offset a page starts at (0 without a cursor). */
export function decodeReviewCursor(
  kind: "changes" | "findings",
  cursor: string | null | undefined,
  argument = "after",
): number {
  if (cursor == null) return 0;
  const match = new RegExp(`^${kind}:(\\d{1,9})$`).exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!match) throw new InputError(`"${cursor}" is not a cursor of ${kind}`, argument);
  return Number(match[1]) + 1;
}

/** `first` within 0..maxPageSize. */
export function checkFirst(first: number, maxPageSize: number, argument = "first"): void {
  if (!Number.isInteger(first) || first < 0 || first > maxPageSize)
    throw new InputError(`\`${argument}\` must be between 0 and ${maxPageSize}`, argument);
}

/** A page of a finished snapshot's rows as a connection: edges, nodes and pageInfo from its offset. */
export function reviewPage<T>(
  kind: "changes" | "findings",
  nodes: T[],
  page: { readonly offset: number; readonly hasNextPage: boolean; readonly totalCount: number },
) {
  const edges = nodes.map((node, i) => ({ node, cursor: encodeReviewCursor(kind, page.offset + i) }));
  return {
    totalCount: page.totalCount,
    edges,
    nodes,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
