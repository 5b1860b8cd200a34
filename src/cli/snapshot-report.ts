/** What `rollcall snapshot` prints: a bar per source while it runs, then each source's result. */
import type { SnapshotRecord, SnapshotSourceProgress } from "../history/snapshot.js";
import type { SnapshotRequest } from "../history/snapshot-request.js";

const BAR = 24;

/** One source's progress on one line: `alpha  [#####-----]  1,200/5,000`, or a count when the
 *  total is not known yet. */
export function progressLine(progress: SnapshotSourceProgress, width: number): string {
  const read = progress.accountsRead.toLocaleString("en");
  const total = progress.accountsTotal;
  const filled = total ? Math.round((BAR * Math.min(progress.accountsRead, total)) / total) : 0;
  const bar = total === null ? `[${"?".repeat(BAR)}]` : `[${"#".repeat(filled)}${"-".repeat(BAR - filled)}]`;
  const count = total === null ? `${read} accounts` : `${read}/${total.toLocaleString("en")}`;
  return `${progress.sourceId.padEnd(width)}  ${bar}  ${count}  ${progress.status.toLowerCase()}`;
}

/** The result per source, then the snapshot's. */
export function renderSnapshot(snapshot: SnapshotRecord): string {
  const width = Math.max(6, ...snapshot.sources.map((s) => s.sourceId.length));
  const lines = [`SOURCE${" ".repeat(width - 6)}  STATUS    ACCOUNTS  LOGINS    DETAIL`];
  for (const s of snapshot.sources) {
    const logins = s.loginsReported === null ? "unknown" : s.loginsReported ? "reported" : "none";
    const detail = s.error ? `${s.error.code}: ${s.error.message}` : "";
    lines.push(
      `${s.sourceId.padEnd(width)}  ${s.status.padEnd(8)}  ${String(s.status === "FAILED" ? "-" : s.accountsRead).padStart(8)}  ${logins.padEnd(8)}  ${detail}`.trimEnd(),
    );
  }
  lines.push("", `Snapshot ${snapshot.id}: ${snapshot.status}`);
  return lines.join("\n");
}

export type Elsewhere = Parameters<NonNullable<SnapshotRequest["onElsewhere"]>>[1];

/** Says that the snapshot shown is one started elsewhere, and what this command does with it. */
export function elsewhereLine(snapshot: SnapshotRecord, how: Elsewhere): string {
  const started = `started elsewhere at ${snapshot.startedAt.toISOString()} (${snapshot.trigger.toLowerCase()}, by ${snapshot.takenBy})`;
  return how === "following"
    ? `Snapshot ${snapshot.id} is already running, ${started}: following it (one snapshot runs at a time), its progress read from the store.`
    : `Snapshot ${snapshot.id}, ${started}, was left running by a process that stopped: resuming it here.`;
}

/** Heads the final report of a snapshot started elsewhere: followed to its end, or finished here. */
export const elsewhereHeading = (snapshot: SnapshotRecord, how: Elsewhere): string =>
  how === "following"
    ? `Followed snapshot ${snapshot.id}, started elsewhere (not taken by this command):`
    : `Resumed snapshot ${snapshot.id}, started elsewhere (its parts left undone read here):`;
