import { useState } from "react";
import { RequestFailed, request } from "../graphql";
import { href } from "../route";
import { Failure, Loading, PartialErrors } from "../ui/problems";
import { useQuery } from "../use-query";
import { useViewer } from "../viewer";
import { SnapshotProgress } from "./snapshot-progress";
import { SNAPSHOTS, type Snapshot } from "./snapshot-queries";
import { useTakeSnapshot } from "./use-take-snapshot";

const PAGE = 20;

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "—");

/** Each source's part of a snapshot in words: its status, accounts read, and why it failed. */
function SourcesCell({ snapshot }: { snapshot: Snapshot }) {
  return (
    <ul className="plain">
      {snapshot.sources.map((s) => (
        <li key={s.sourceId}>
          {s.source?.name ?? s.sourceId}:{" "}
          <span className={`state state-${s.status.toLowerCase()}`}>{s.status}</span>{" "}
          <span className="note">({s.accountsRead} accounts)</span>
          {s.error ? (
            <div className="source-error">
              {s.error.message} <span className="code">({s.error.code})</span>
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** Snapshots taken, newest first; write callers take one and watch it being read, source by source. */
export function SnapshotsPage() {
  const { canWrite } = useViewer();
  const [state, reload] = useQuery(SNAPSHOTS, { first: PAGE }, "first");
  const [older, setOlder] = useState<{ nodes: Snapshot[]; after: string | null; more: boolean } | null>(null);
  const { started, setStarted, starting, failure, setFailure, take } = useTakeSnapshot();

  if (state.status === "loading" && !started) return <Loading what="the snapshots" />;
  if (state.status === "failed") return <Failure what="Reading the snapshots" error={state.error} />;
  const first = state.status === "done" ? state.data?.snapshots : undefined;
  const nodes = [...(first?.nodes ?? []), ...(older?.nodes ?? [])];
  const more = older ? older.more : (first?.pageInfo.hasNextPage ?? false);
  const cursor = older ? older.after : (first?.pageInfo.endCursor ?? null);
  // The one followed: started here, or one already running (another caller's, or the schedule's).
  const watched = started ?? nodes.find((s) => s.status === "RUNNING") ?? null;

  const showOlder = async () => {
    try {
      const answer = await request(SNAPSHOTS, { first: PAGE, after: cursor });
      const page = answer.data?.snapshots;
      if (page)
        setOlder({
          nodes: [...(older?.nodes ?? []), ...page.nodes],
          after: page.pageInfo.endCursor,
          more: page.pageInfo.hasNextPage,
        });
    } catch (error) {
      setFailure(error instanceof RequestFailed ? error : new RequestFailed(String(error), 0, undefined));
    }
  };

  return (
    <section aria-labelledby="snapshots-title">
      <h2 id="snapshots-title">Snapshots</h2>
      <p>
        A snapshot reads every account, permission and membership of every source into Rollcall's store; the{" "}
        <a href={href("review")}>Review</a> compares the latest with the one before.
      </p>
      {canWrite ? (
        <div className="action-form">
          <button
            type="button"
            onClick={() => void take()}
            disabled={starting || watched?.status === "RUNNING"}
          >
            {starting ? "Starting…" : "Take snapshot"}
          </button>
          <span className="note">Reads every configured source; one snapshot runs at a time.</span>
        </div>
      ) : null}
      {failure ? <Failure what="Taking a snapshot" error={failure} /> : null}
      {watched ? (
        <SnapshotProgress
          key={watched.id}
          snapshot={watched}
          onEnd={(ended) => {
            // The panel keeps the final state; the list is read again with it.
            setStarted(ended);
            setOlder(null);
            reload();
          }}
        />
      ) : null}
      {state.status === "done" ? <PartialErrors errors={state.errors} /> : null}
      {nodes.length === 0 ? (
        <p>No snapshot yet.</p>
      ) : (
        <table className="grid">
          <caption>Snapshots taken, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Started</th>
              <th scope="col">Status</th>
              <th scope="col">Trigger</th>
              <th scope="col">Taken by</th>
              <th scope="col">Accounts</th>
              <th scope="col">Sources</th>
              <th scope="col">Finished</th>
            </tr>
          </thead>
          <tbody>
            {nodes.map((s) => (
              <tr key={s.id} data-snapshot={s.id}>
                <td>
                  <time dateTime={s.startedAt}>{when(s.startedAt)}</time>
                  <div className="note code">{s.id}</div>
                </td>
                <td>
                  <span className={`state state-${s.status.toLowerCase()}`}>{s.status}</span>
                </td>
                <td>{s.trigger.toLowerCase()}</td>
                <td>{s.takenBy}</td>
                <td>{s.accountCount}</td>
                <td>
                  <SourcesCell snapshot={s} />
                </td>
                <td>{when(s.finishedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {more ? (
        <button type="button" onClick={() => void showOlder()}>
          Show older snapshots
        </button>
      ) : null}
    </section>
  );
}
