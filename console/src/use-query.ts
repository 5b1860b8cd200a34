/** A query's answer as page state: loading, its data and errors, or why the request failed. */
import { useCallback, useEffect, useState } from "react";
import { type Answer, type Document, RequestFailed, request } from "./graphql";

export type QueryState<Data> =
  | { readonly status: "loading" }
  | { readonly status: "failed"; readonly error: RequestFailed }
  | ({ readonly status: "done" } & Answer<Data>);

export function useQuery<Data, Variables>(
  doc: Document<Data, Variables>,
  variables: Variables,
  /** Changes when the query should run again (the credential, a filter). */
  key: string,
): [QueryState<Data>, () => void] {
  const [state, setState] = useState<QueryState<Data>>({ status: "loading" });
  const [generation, setGeneration] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the variables, compared by value
  useEffect(() => {
    // A page left, or variables changed, before the answer: the request is abandoned.
    const abandon = new AbortController();
    const current = () => !abandon.signal.aborted;
    setState({ status: "loading" });
    request(doc, variables, abandon.signal).then(
      (answer) => current() && setState({ status: "done", ...answer }),
      (error: unknown) =>
        current() &&
        setState({
          status: "failed",
          error: error instanceof RequestFailed ? error : new RequestFailed(String(error), 0, undefined),
        }),
    );
    return () => abandon.abort();
  }, [doc, key, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return [state, reload];
}
