/**
 * The staff roster's latest replacement, beside the findings it judges ("Not in the roster"): an
 * audit event under source `rollcall` (Rollcall's own records, no vendor's), target `roster`, whose
 * `after` holds counts, never the entries. Read from the trail, which lists events oldest first:
 * the pages are followed to the last (replacements are few).
 */
import { useEffect, useState } from "react";
import { type Answer, document, request } from "../graphql";

interface RosterEvent {
  readonly id: string;
  readonly at: string;
  readonly caller: string;
  readonly operation: string;
  readonly outcome: string;
  readonly message: string | null;
  readonly after: { entries?: number; added?: number; removed?: number; renamed?: number } | null;
}

interface RosterEventPage {
  readonly nodes: RosterEvent[];
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
}

const ROSTER_EVENTS = document<
  { auditEvents: RosterEventPage },
  { after: string | null }
>(`query ConsoleRosterEvents($after: String) {
  auditEvents(first: 100, after: $after, filter: { source: "rollcall", action: REPLACE_ROSTER }) {
    nodes { id at caller operation outcome message after }
    pageInfo { hasNextPage endCursor }
  }
}`);

type State =
  | { readonly status: "loading" }
  | { readonly status: "failed"; readonly why: string }
  | { readonly status: "done"; readonly last: RosterEvent | null };

/** The last roster event of the trail (null: none recorded), or why it could not be read. */
function useLastRosterEvent(): State {
  const [state, setState] = useState<State>({ status: "loading" });
  useEffect(() => {
    const abandon = new AbortController();
    (async () => {
      let last: RosterEvent | null = null;
      for (let after: string | null = null; ; ) {
        const answer: Answer<{ auditEvents: RosterEventPage }> = await request(
          ROSTER_EVENTS,
          { after },
          abandon.signal,
        );
        const page: RosterEventPage | undefined = answer.data?.auditEvents;
        if (!page) throw new Error(answer.errors[0]?.message ?? "the audit trail answered nothing");
        last = page.nodes.at(-1) ?? last;
        if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return last;
        after = page.pageInfo.endCursor;
      }
    })().then(
      (last) => !abandon.signal.aborted && setState({ status: "done", last }),
      (error: unknown) =>
        !abandon.signal.aborted &&
        setState({ status: "failed", why: error instanceof Error ? error.message : String(error) }),
    );
    return () => abandon.abort();
  }, []);
  return state;
}

/** "12 entries: 3 added, 1 removed, 0 renamed", from the counts the event keeps. */
function counts(after: RosterEvent["after"]): string {
  if (!after || typeof after.entries !== "number") return "counts not recorded";
  return `${after.entries} entries: ${after.added ?? 0} added, ${after.removed ?? 0} removed, ${after.renamed ?? 0} renamed`;
}

/** How the operation names where it came from: the API, or the configured file. */
const how = (operation: string) =>
  operation === "review.rosterFile" ? "loaded from review.rosterFile" : `through ${operation}`;

/** The roster's `dt`/`dd` for the review page's facts. */
export function RosterFact() {
  const state = useLastRosterEvent();
  return (
    <>
      <dt>Staff roster</dt>
      <dd data-testid="review-roster">
        {state.status === "loading" ? (
          "reading the audit trail…"
        ) : state.status === "failed" ? (
          `its replacements could not be read from the audit trail: ${state.why}`
        ) : state.last ? (
          <>
            replaced <time dateTime={state.last.at}>{new Date(state.last.at).toLocaleString()}</time> by{" "}
            {state.last.caller} ({how(state.last.operation)}), {counts(state.last.after)}
            {state.last.outcome === "APPLIED" ? "" : ` — ${state.last.outcome.toLowerCase()}`}
            {/* An applied replacement's message repeats the counts; any other outcome's says why. */}
            {state.last.message && state.last.outcome !== "APPLIED" ? (
              <div className="note">{state.last.message}</div>
            ) : null}
            <div className="note">
              audit event <span className="code">{state.last.id}</span>, source rollcall (Rollcall's own
              records)
            </div>
          </>
        ) : (
          "no replacement recorded in the audit trail"
        )}
      </dd>
    </>
  );
}
