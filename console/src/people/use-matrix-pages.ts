/**
 * The matrix's rows a page at a time, from the latest snapshot (the default: the store answers in
 * milliseconds, with no vendor call) or live (every page reads every source's whole user list: slow
 * at size, so only when asked). Later pages of a snapshot read the same snapshot as the first, so a
 * snapshot finishing meanwhile never mixes two into one list.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { type GraphQLErrorItem, RequestFailed, request } from "../graphql";
import { type Level, PEOPLE, type PeopleFilter, type SourceSummary } from "../queries";
import type { SnapshotStatus } from "../snapshots/snapshot-queries";
import { type Cell, cellOf, snapshotCell } from "./cells";
import { ACCESS_MATRIX, type AccessMatrix, type AccessMatrixFilter } from "./matrix-queries";

export type Mode = "snapshot" | "live";

export interface MatrixRow {
  readonly id: string;
  readonly displayName: string;
  readonly email: string | null;
  readonly cells: ReadonlyMap<string, Cell>;
}

export interface Column {
  readonly id: string;
  readonly name: string;
}

/** What the rows are as of: the snapshot read, and the sources missing from it. */
export interface Stamp {
  readonly snapshotId: string;
  readonly status: SnapshotStatus;
  readonly asOf: string;
  readonly startedAt: string;
  readonly incomplete: readonly Column[];
  /** Configured sources the snapshot did not cover (configured since, or left out of it). */
  readonly notInSnapshot: readonly Column[];
}

export interface Pages {
  readonly rows: readonly MatrixRow[];
  readonly columns: readonly Column[];
  readonly errors: readonly GraphQLErrorItem[];
  readonly totalCount: number | null;
  readonly endCursor: string | null;
  readonly hasNextPage: boolean;
  readonly loading: boolean;
  readonly failure: RequestFailed | null;
  /** Snapshot mode: what the rows are as of; null before the first answer, or live. */
  readonly stamp: Stamp | null;
  /** Snapshot mode: no snapshot has finished yet, so there is nothing to show. */
  readonly noSnapshot: boolean;
}

const EMPTY: Pages = {
  rows: [],
  columns: [],
  errors: [],
  totalCount: null,
  endCursor: null,
  hasNextPage: false,
  loading: true,
  failure: null,
  stamp: null,
  noSnapshot: false,
};

export interface MatrixFilter {
  readonly search: string;
  readonly source: string;
  readonly level: string;
}

function liveFilter({ search, source, level }: MatrixFilter): PeopleFilter {
  const text = search.trim();
  return {
    ...(text && (text.includes("@") ? { email: text } : { name: text })),
    ...(source && { sources: [source] }),
    ...(level && { highestLevel: level as Level }),
  };
}

function snapshotFilter({ search, source, level }: MatrixFilter): AccessMatrixFilter {
  const text = search.trim();
  return {
    ...(text && { search: text }),
    ...(source && { sources: [source] }),
    ...(level && { highestLevel: level as Level }),
  };
}

function snapshotPage(matrix: AccessMatrix, configured: readonly SourceSummary[]) {
  const inSnapshot = new Set(matrix.sources.map((s) => s.sourceId));
  const nameOf = (id: string, name?: string | null) =>
    name ?? configured.find((s) => s.id === id)?.name ?? id;
  const notInSnapshot = configured
    .filter((s) => !inSnapshot.has(s.id))
    .map((s) => ({ id: s.id, name: s.name }));
  const columns = [
    ...matrix.sources.map((s) => ({ id: s.sourceId, name: nameOf(s.sourceId, s.source?.name) })),
    ...notInSnapshot,
  ];
  const rows = matrix.nodes.map(
    (p): MatrixRow => ({
      id: p.id,
      displayName: p.displayName,
      email: p.email,
      cells: new Map(columns.map((c) => [c.id, snapshotCell(p.cells.find((x) => x.sourceId === c.id))])),
    }),
  );
  const stamp: Stamp = {
    snapshotId: matrix.snapshot.id,
    status: matrix.snapshot.status,
    asOf: matrix.asOf,
    startedAt: matrix.snapshot.startedAt,
    incomplete: matrix.incompleteSources.map((id) => ({ id, name: nameOf(id) })),
    notInSnapshot,
  };
  return { rows, columns, stamp };
}

/**
 * `page` people at a time; `generation` changing reads the first page again (a new snapshot).
 * `configured` (the sources as configured now) is null until known: nothing is read before.
 */
export function useMatrixPages(
  mode: Mode,
  filter: MatrixFilter,
  configured: readonly SourceSummary[] | null,
  page: number,
  generation: number,
): [Pages, () => void] {
  const [pages, setPages] = useState<Pages>(EMPTY);
  /** The request in flight: a new filter, mode or snapshot, or leaving the page, abandons it. */
  const inFlight = useRef<AbortController | null>(null);
  const { search, source, level } = filter;

  // biome-ignore lint/correctness/useExhaustiveDependencies: generation asks for the first page again
  const load = useCallback(
    async (after: string | null, snapshot: string | null) => {
      if (configured === null) return;
      const mine = new AbortController();
      inFlight.current?.abort();
      inFlight.current = mine;
      setPages((p) => ({ ...(after ? p : EMPTY), loading: true, failure: null }));
      const wanted = { search, source, level };
      try {
        if (mode === "snapshot") {
          const answer = await request(
            ACCESS_MATRIX,
            { snapshot, first: page, after, filter: snapshotFilter(wanted) },
            mine.signal,
          );
          if (mine.signal.aborted || !answer.data) return;
          const matrix = answer.data.accessMatrix;
          if (!matrix) {
            setPages({ ...EMPTY, loading: false, noSnapshot: true, errors: answer.errors });
            return;
          }
          const next = snapshotPage(matrix, configured);
          setPages((p) => ({
            rows: after ? [...p.rows, ...next.rows] : next.rows,
            columns: next.columns,
            errors: after ? [...p.errors, ...answer.errors] : answer.errors,
            totalCount: matrix.totalCount,
            endCursor: matrix.pageInfo.endCursor,
            hasNextPage: matrix.pageInfo.hasNextPage,
            loading: false,
            failure: null,
            stamp: next.stamp,
            noSnapshot: false,
          }));
          return;
        }
        const answer = await request(PEOPLE, { first: page, after, filter: liveFilter(wanted) }, mine.signal);
        if (mine.signal.aborted || !answer.data) return;
        const people = answer.data.people;
        setPages((p) => {
          const errors = after ? [...p.errors, ...answer.errors] : answer.errors;
          const failed = new Set(errors.flatMap((e) => (e.extensions?.source ? [e.extensions.source] : [])));
          const columns = configured.map((s) => ({ id: s.id, name: s.name }));
          const rows = people.nodes.map(
            (person): MatrixRow => ({
              id: person.id,
              displayName: person.displayName,
              email: person.email,
              cells: new Map(columns.map((c) => [c.id, cellOf(person, c.id, failed)])),
            }),
          );
          return {
            rows: after ? [...p.rows, ...rows] : rows,
            columns,
            errors,
            totalCount: people.totalCount,
            endCursor: people.pageInfo.endCursor,
            hasNextPage: people.pageInfo.hasNextPage,
            loading: false,
            failure: null,
            stamp: null,
            noSnapshot: false,
          };
        });
      } catch (error) {
        if (mine.signal.aborted) return;
        const failure =
          error instanceof RequestFailed ? error : new RequestFailed(String(error), 0, undefined);
        setPages((p) => ({ ...p, loading: false, failure }));
      }
    },
    [mode, search, source, level, configured, page, generation],
  );

  useEffect(() => {
    void load(null, null);
  }, [load]);
  useEffect(() => () => inFlight.current?.abort(), []);

  const more = useCallback(
    () => void load(pages.endCursor, pages.stamp?.snapshotId ?? null),
    [load, pages.endCursor, pages.stamp],
  );
  return [pages, more];
}
