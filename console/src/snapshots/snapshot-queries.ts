/** Snapshots' documents (schema/schema.graphql: Query.snapshots, Query.snapshot, Mutation.takeSnapshot). */
import { document } from "../graphql";

export type SnapshotStatus = "RUNNING" | "COMPLETE" | "PARTIAL" | "FAILED";
export type SourceStatus = "PENDING" | "RUNNING" | "COMPLETE" | "FAILED";

export interface SnapshotSource {
  readonly sourceId: string;
  readonly source: { readonly name: string } | null;
  readonly status: SourceStatus;
  readonly accountsRead: number;
  readonly accountsTotal: number | null;
  readonly error: { readonly code: string; readonly message: string } | null;
}

export interface Snapshot {
  readonly id: string;
  readonly status: SnapshotStatus;
  readonly trigger: "MANUAL" | "SCHEDULE" | "CLI" | "COMPARISON";
  readonly takenBy: string;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly accountCount: number;
  readonly progress: number | null;
  readonly sources: readonly SnapshotSource[];
}

const SNAPSHOT_FIELDS = `id status trigger takenBy startedAt finishedAt accountCount progress
  sources { sourceId source { name } status accountsRead accountsTotal error { code message } }`;

export const SNAPSHOTS = document<
  { snapshots: { nodes: Snapshot[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } },
  { first: number; after?: string | null }
>(`query ConsoleSnapshots($first: Int!, $after: String) {
  snapshots(first: $first, after: $after) { nodes { ${SNAPSHOT_FIELDS} } pageInfo { hasNextPage endCursor } }
}`);

export const SNAPSHOT = document<{ snapshot: Snapshot | null }, { id: string }>(
  `query ConsoleSnapshot($id: ID!) { snapshot(id: $id) { ${SNAPSHOT_FIELDS} } }`,
);

export const TAKE_SNAPSHOT = document<{ takeSnapshot: Snapshot }>(
  `mutation ConsoleTakeSnapshot { takeSnapshot { ${SNAPSHOT_FIELDS} } }`,
);

/** A snapshot that was read (whole or in part): what reviews compare and judge. */
export const isFinished = (s: Snapshot) => s.status === "COMPLETE" || s.status === "PARTIAL";
