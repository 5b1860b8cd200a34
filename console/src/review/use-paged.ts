/** A connection read a page at a time: the first page as a query, the next ones on request. */
import { useEffect, useState } from "react";
import { type Document, RequestFailed, request } from "../graphql";
import { type QueryState, useQuery } from "../use-query";

export interface Connection<Node> {
  readonly nodes: readonly Node[];
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
}

export interface Paged<Data, Node> {
  readonly first: QueryState<Data>;
  /** Every node read so far, the first page's and the next ones'. */
  readonly nodes: readonly Node[];
  readonly hasMore: boolean;
  readonly loadingMore: boolean;
  readonly moreFailed: RequestFailed | null;
  readonly loadMore: () => void;
}

export function usePaged<Data, Variables extends { after?: string | null }, Node>(
  doc: Document<Data, Variables>,
  variables: Variables,
  key: string,
  connectionOf: (data: Data) => Connection<Node>,
): Paged<Data, Node> {
  const [first] = useQuery(doc, variables, key);
  const [next, setNext] = useState<{ nodes: Node[]; after: string | null; more: boolean } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreFailed, setMoreFailed] = useState<RequestFailed | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: other variables (the key) start again from the first page
  useEffect(() => {
    setNext(null);
    setMoreFailed(null);
  }, [key]);

  const firstPage = first.status === "done" && first.data ? connectionOf(first.data) : null;
  const nodes = [...(firstPage?.nodes ?? []), ...(next?.nodes ?? [])];
  const hasMore = next ? next.more : (firstPage?.pageInfo.hasNextPage ?? false);
  const cursor = next ? next.after : (firstPage?.pageInfo.endCursor ?? null);

  const loadMore = () => {
    setLoadingMore(true);
    setMoreFailed(null);
    request(doc, { ...variables, after: cursor }).then(
      (answer) => {
        const page = answer.data ? connectionOf(answer.data) : null;
        const error = answer.errors[0];
        if (!page || error)
          setMoreFailed(new RequestFailed(error?.message ?? "No data", 200, error?.extensions?.code));
        else
          setNext({
            nodes: [...(next?.nodes ?? []), ...page.nodes],
            after: page.pageInfo.endCursor,
            more: page.pageInfo.hasNextPage,
          });
        setLoadingMore(false);
      },
      (error: unknown) => {
        setMoreFailed(
          error instanceof RequestFailed ? error : new RequestFailed(String(error), 0, undefined),
        );
        setLoadingMore(false);
      },
    );
  };
  return { first, nodes, hasMore, loadingMore, moreFailed, loadMore };
}
