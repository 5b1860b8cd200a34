import { Failure } from "../ui/problems";
import type { Snapshot, SnapshotSource } from "./snapshot-queries";
import { useSnapshotPoll } from "./use-snapshot-poll";

const nameOf = (s: SnapshotSource) => s.source?.name ?? s.sourceId;

/**
 * What a screen reader hears: said again only when a source ends or the snapshot does, not on
 * every page of accounts.
 */
export function progressSummary(snapshot: Snapshot): string {
  const done = snapshot.sources.filter((s) => s.status === "COMPLETE" || s.status === "FAILED").length;
  const failed = snapshot.sources.filter((s) => s.status === "FAILED").map(nameOf);
  const failures = failed.length ? `; failed: ${failed.join(", ")}` : "";
  if (snapshot.status === "RUNNING")
    return `Snapshot running: ${done} of ${snapshot.sources.length} sources read${failures}`;
  return `Snapshot ${snapshot.status.toLowerCase()}: ${snapshot.accountCount} accounts from ${
    snapshot.sources.length - failed.length
  } of ${snapshot.sources.length} sources${failures}`;
}

/** One source's progress: a bar with its numbers in words (unknown total: no value, not a guess). */
function SourceProgress({ source }: { source: SnapshotSource }) {
  const total = source.accountsTotal;
  const finished = source.status === "COMPLETE";
  const max = total ?? undefined;
  const words =
    source.status === "PENDING"
      ? "not started"
      : total === null
        ? `${source.accountsRead} accounts read, total not known yet`
        : `${source.accountsRead} of ${total} accounts`;
  const percent = total ? Math.min(100, Math.round((source.accountsRead / total) * 100)) : finished ? 100 : 0;
  return (
    <li className={`source-progress source-${source.status.toLowerCase()}`}>
      <span className="source-name">{nameOf(source)}</span>
      <div
        role="progressbar"
        aria-label={`${nameOf(source)} progress`}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={max === undefined ? undefined : source.accountsRead}
        aria-valuetext={`${words}, ${source.status.toLowerCase()}`}
        className="bar"
      >
        <div className="fill" style={{ width: `${percent}%` }} />
      </div>
      <span className="note">
        {words} — <span className={`state state-${source.status.toLowerCase()}`}>{source.status}</span>
      </span>
      {source.error ? (
        <p className="source-error">
          <strong>{nameOf(source)} failed:</strong> {source.error.message}{" "}
          <span className="code">({source.error.code})</span>
        </p>
      ) : null}
    </li>
  );
}

/** A snapshot being taken, followed until it ends: a bar per source and a live summary. */
export function SnapshotProgress({
  snapshot: start,
  onEnd,
}: {
  snapshot: Snapshot;
  onEnd: (snapshot: Snapshot) => void;
}) {
  const polled = useSnapshotPoll(start, onEnd);
  if (polled.status === "gone") return <p>Snapshot {polled.id} is no longer stored.</p>;
  const snapshot = polled.snapshot;
  return (
    <section className="progress-panel" aria-labelledby="progress-title">
      <h3 id="progress-title">
        Snapshot {snapshot.id} — <span data-testid="snapshot-status">{snapshot.status}</span>
      </h3>
      <p role="status" aria-live="polite" data-testid="snapshot-summary">
        {progressSummary(snapshot)}
      </p>
      <ul className="progress-list">
        {snapshot.sources.map((s) => (
          <SourceProgress key={s.sourceId} source={s} />
        ))}
      </ul>
      {polled.status === "failed" ? (
        <Failure what="Reading the snapshot's progress" error={polled.error} />
      ) : null}
    </section>
  );
}
