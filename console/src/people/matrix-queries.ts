/** The matrix's documents: the snapshot's (Query.accessMatrix) and, as a fallback, live (Query.people). */
import { document } from "../graphql";
import type { Level } from "../queries";
import type { SnapshotStatus, SourceStatus } from "../snapshots/snapshot-queries";

export type CellState = "NO_ACCOUNT" | "ACCOUNT" | "NOT_READ";

export interface SnapshotCell {
  readonly sourceId: string;
  readonly state: CellState;
  readonly active: boolean | null;
  readonly highestLevel: Level | null;
  readonly levelKnown: boolean;
}

export interface SnapshotPerson {
  readonly id: string;
  readonly displayName: string;
  readonly email: string | null;
  readonly cells: readonly SnapshotCell[];
}

export interface AccessMatrix {
  readonly asOf: string;
  readonly totalCount: number;
  readonly incompleteSources: readonly string[];
  readonly snapshot: { readonly id: string; readonly status: SnapshotStatus; readonly startedAt: string };
  readonly sources: ReadonlyArray<{
    readonly sourceId: string;
    readonly status: SourceStatus;
    readonly source: { readonly name: string } | null;
  }>;
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
  readonly nodes: readonly SnapshotPerson[];
}

export interface AccessMatrixFilter {
  search?: string;
  sources?: string[];
  highestLevel?: Level;
}

export const ACCESS_MATRIX = document<
  { accessMatrix: AccessMatrix | null },
  { snapshot?: string | null; first: number; after?: string | null; filter?: AccessMatrixFilter }
>(`query ConsoleAccessMatrix($snapshot: ID, $first: Int!, $after: String, $filter: AccessMatrixFilter) {
  accessMatrix(snapshot: $snapshot, first: $first, after: $after, filter: $filter) {
    asOf totalCount incompleteSources
    snapshot { id status startedAt }
    sources { sourceId status source { name } }
    pageInfo { hasNextPage endCursor }
    nodes { id displayName email cells { sourceId state active highestLevel levelKnown } }
  }
}`);
