/**
 * How fresh the matrix is, said plainly: as of which snapshot and when, which sources it is missing,
 * and the ways to fresher data — take a new snapshot (write callers; it is followed here, and the
 * matrix read again once it ends), or read live (slow at size: every page reads every tool).
 */
import { href } from "../route";
import { SnapshotProgress } from "../snapshots/snapshot-progress";
import { useTakeSnapshot } from "../snapshots/use-take-snapshot";

import { Failure } from "../ui/problems";
import { useViewer } from "../viewer";
import type { Column, Mode, Stamp } from "./use-matrix-pages";

const when = (iso: string) => new Date(iso).toLocaleString();

/** "12 minutes ago", roughly: the stamp's exact time is beside it. */
export function age(iso: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.round((now - Date.parse(iso)) / 60_000));
  if (minutes < 1) return "just now";
  if (minutes < 90) return `${minutes} minute${minutes === 1 ? "" : "s"} ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} hours ago`;
  return `${Math.round(hours / 24)} days ago`;
}

const names = (columns: readonly Column[]) => columns.map((c) => `${c.name} (${c.id})`).join(", ");

/** Takes a snapshot and follows it until it ends; write callers only. */
function TakeSnapshot({ label, onEnd }: { label: string; onEnd: () => void }) {
  const { started, setStarted, starting, failure, take } = useTakeSnapshot();
  return (
    <>
      <button type="button" onClick={() => void take()} disabled={starting || started?.status === "RUNNING"}>
        {starting ? "Starting…" : label}
      </button>
      {failure ? <Failure what="Taking a snapshot" error={failure} /> : null}
      {started ? (
        <SnapshotProgress
          key={started.id}
          snapshot={started}
          onEnd={(ended) => {
            setStarted(ended);
            onEnd();
          }}
        />
      ) : null}
    </>
  );
}

/** What a read-only caller can do for a fresher matrix. */
function AskForSnapshot() {
  return (
    <span className="note">
      Taking a snapshot needs write scope: see the <a href={href("snapshots")}>Snapshots</a> page for the
      latest.
    </span>
  );
}

export function MatrixFreshness({
  mode,
  stamp,
  noSnapshot,
  loading,
  onMode,
  onNewSnapshot,
}: {
  mode: Mode;
  stamp: Stamp | null;
  noSnapshot: boolean;
  loading: boolean;
  onMode: (mode: Mode) => void;
  onNewSnapshot: () => void;
}) {
  const { canWrite } = useViewer();
  if (mode === "live")
    return (
      <div className="freshness freshness-live" data-testid="matrix-freshness">
        <p>
          <strong>Live:</strong> read from every tool now. Each page reads every source's whole user list,
          which takes seconds with thousands of accounts.
        </p>
        <button type="button" onClick={() => onMode("snapshot")}>
          Back to the latest snapshot
        </button>
      </div>
    );
  // One tree whatever the state, so a snapshot taken here stays followed while the matrix is read again.
  return (
    <div className={noSnapshot ? "freshness freshness-none" : "freshness"} data-testid="matrix-freshness">
      {noSnapshot ? (
        <p role="status">
          <strong>No snapshot has been taken yet.</strong> The matrix is read from the latest snapshot, kept
          in Rollcall's store, so it answers at once however many accounts there are. A snapshot reads every
          tool once, in the background.
        </p>
      ) : stamp ? (
        <p data-testid="matrix-as-of">
          As of <time dateTime={stamp.asOf}>{when(stamp.asOf)}</time> ({age(stamp.asOf)}), from snapshot{" "}
          <span className="code">{stamp.snapshotId}</span>, {stamp.status.toLowerCase()}: what each tool held
          then, not now.
        </p>
      ) : loading ? (
        <p>Reading the latest snapshot…</p>
      ) : null}
      {stamp && stamp.incomplete.length > 0 ? (
        <p className="problem" role="alert">
          Not read in this snapshot: {names(stamp.incomplete)}. Whether anyone has an account there is not
          known.
        </p>
      ) : null}
      {stamp && stamp.notInSnapshot.length > 0 ? (
        <p className="problem">
          Not in this snapshot (configured since, or left out of it): {names(stamp.notInSnapshot)}.
        </p>
      ) : null}
      <div className="action-form">
        {canWrite ? (
          <TakeSnapshot
            label={noSnapshot ? "Take a snapshot" : "Take a fresh snapshot"}
            onEnd={onNewSnapshot}
          />
        ) : (
          <AskForSnapshot />
        )}
        <button type="button" onClick={() => onMode("live")}>
          Read live instead (slow)
        </button>
      </div>
    </div>
  );
}
