/** How a snapshot's parts end: a failure as the snapshot records it, and the snapshot's status. */
import { ErrorCode, SourceError } from "../model/errors.js";
import { SnapshotSourceStatus, SnapshotStatus } from "./snapshot.js";

/** A source's failure as the snapshot records it: a documented code and a message safe to show. */
export function failureOf(error: unknown): { code: string; message: string } {
  // A SourceError's message is scrubbed at the connector boundary (no secret reaches it).
  if (error instanceof SourceError) return { code: error.code, message: error.message };
  return {
    code: ErrorCode.INTERNAL_SERVER_ERROR,
    message: "Rollcall failed while reading or storing this source's part (see the server log)",
  };
}

/** COMPLETE when every source was read, FAILED when none was, PARTIAL in between. */
export function snapshotStatusOf(sources: readonly { status: SnapshotSourceStatus }[]): SnapshotStatus {
  const failed = sources.filter((s) => s.status === SnapshotSourceStatus.FAILED).length;
  if (failed === 0) return SnapshotStatus.COMPLETE;
  return failed === sources.length ? SnapshotStatus.FAILED : SnapshotStatus.PARTIAL;
}
