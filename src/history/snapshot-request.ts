/** What asking for a snapshot says (takeSnapshot, the CLI, a schedule), and the sources it names. */
import type { Gateway } from "../gateway.js";
import { InputError } from "../model/errors.js";
import type { SnapshotRecord, SnapshotSourceProgress, SnapshotTrigger } from "./snapshot.js";

export interface SnapshotRequest {
  readonly trigger: SnapshotTrigger;
  /** Caller id (`key:<name>`, `token:…`), `cli` or `system`. */
  readonly takenBy: string;
  /** Only these sources (ids); all configured ones when absent. */
  readonly sourceIds?: readonly string[] | null;
  /** The input field an unknown source id is named by (`input.sources`, `--sources`). */
  readonly sourcesField?: string;
  /**
   * Told of every change of a source's progress, as it is stored: by this process as it takes the
   * snapshot, or as read from the store while it follows one started elsewhere.
   */
  readonly onProgress?: (progress: SnapshotSourceProgress) => void;
  /**
   * Told when the snapshot answered was started elsewhere (another process or replica, another
   * request): `following` while another takes it (its progress read from the store), `resuming`
   * when the process taking it stopped and this one reads the parts it left.
   */
  readonly onElsewhere?: (snapshot: SnapshotRecord, how: "following" | "resuming") => void;
  /** Told of what went wrong beyond a source's failure (the store), for the server's log. */
  readonly onTrouble?: (error: unknown, doing: string) => void;
  /** The snapshot's id, when every replica asking must name the same one (a schedule's tick). */
  readonly id?: string;
}

/** A snapshot asked for: its record as it was stored (RUNNING), and its end. */
export interface StartedSnapshot {
  readonly snapshot: SnapshotRecord;
  readonly done: Promise<SnapshotRecord>;
}

/** Who holds a snapshot's lease, and for how long without renewing it (snapshot-lease.ts). */
export interface SnapshotLeaseSettings {
  readonly runner: string;
  readonly ms: number;
  /** A holder whose lease this one takes over even while it runs (the job engine's queue). */
  readonly takeOverFrom?: string;
}

/** The chosen sources in config order; an unknown id is the caller's input error. */
export function chosenSources(gateway: Gateway, request: SnapshotRequest): string[] {
  const all = gateway.connectors.map((c) => c.source.id);
  if (!request.sourceIds) return all;
  const field = request.sourcesField ?? "sources";
  for (const id of request.sourceIds)
    if (!gateway.connector(id))
      throw new InputError(`Unknown source "${id}" (sources: ${all.join(", ")})`, field);
  if (request.sourceIds.length === 0) throw new InputError("Name at least one source", field);
  const wanted = new Set(request.sourceIds);
  return all.filter((id) => wanted.has(id));
}
