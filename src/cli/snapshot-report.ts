/** What `rollcall snapshot` prints: a bar per source while it runs, then each source's result. */
import type { SnapshotRecord, SnapshotSourceProgress } from "../history/snapshot.js";

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
