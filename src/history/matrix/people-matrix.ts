/**
 * Everyone × every source as of one finished snapshot (default: the newest COMPLETE or PARTIAL one):
 * the console's matrix, read from the store alone, never from a vendor. Each person's cell per
 * source says whether they had an account there and the highest level it held; a source whose part
 * of the snapshot is missing is NOT_READ for everyone (unknown, never "no account"), and an account
 * whose permissions were not read has no known level (never "no access").
 */
import { InputError } from "../../model/errors.js";
import type { PermissionLevel } from "../../model/records.js";
import { highestOf } from "../../people/levels.js";
import { displayNameOf, emailOf } from "../../people/person-facts.js";
import type { MatrixRow, MatrixRowAccount, PeopleMatrixQuery } from "../../store/review/people-matrix-sql.js";
import type { ReviewStore, Store } from "../../store/store.js";
import { finishedSnapshot } from "../changes/access-changes.js";
import { type SnapshotRecord, SnapshotSourceStatus } from "../snapshot.js";

export enum MatrixCellState {
  /** The source was read whole and holds no account of theirs. */
  NO_ACCOUNT = "NO_ACCOUNT",
  /** They had at least one account there. */
  ACCOUNT = "ACCOUNT",
  /** The source's part of the snapshot is missing: whether they had an account there is unknown. */
  NOT_READ = "NOT_READ",
}

export interface MatrixCell {
  readonly sourceId: string;
  readonly state: MatrixCellState;
  /** Their accounts there (0 unless ACCOUNT). */
  readonly accounts: number;
  /** ACCOUNT: whether one of them was active; else null. */
  readonly active: boolean | null;
  /** The highest level their accounts there held, of those whose permissions were read; null for none. */
  readonly highestLevel: PermissionLevel | null;
  /** ACCOUNT: whether every account's permissions there were read (else the level is a floor at best). */
  readonly levelKnown: boolean;
}

export interface MatrixPerson {
  readonly personKey: string;
  readonly displayName: string;
  /** The email they are joined by; null for an account of its own (no email, no link). */
  readonly email: string | null;
  readonly accounts: readonly MatrixRowAccount[];
  /** One per source of the snapshot, in its order. */
  readonly cells: readonly MatrixCell[];
}

export interface MatrixScope {
  readonly snapshot: SnapshotRecord;
  /** Sources read whole: the only ones whose accounts are shown. */
  readonly readSources: readonly string[];
  /** Sources of the snapshot whose part is missing. */
  readonly incompleteSources: readonly string[];
}

export interface MatrixFilter {
  /** Text (any case) in a name, an email or the address they are joined by. */
  readonly search?: string;
  readonly sources?: readonly string[];
  readonly atLeast?: PermissionLevel;
}

/** The snapshot a matrix reads: `snapshotId`, else the newest finished one; null when there is none. */
export async function matrixScope(
  store: Store,
  snapshotId: string | null | undefined,
  field = "snapshot",
): Promise<MatrixScope | null> {
  const id = snapshotId ?? (await store.review.latestUsableSnapshotId());
  if (id === null) return null;
  const snapshot = await finishedSnapshot(store, id, field);
  const read = (status: SnapshotSourceStatus) => status === SnapshotSourceStatus.COMPLETE;
  return {
    snapshot,
    readSources: snapshot.sources.filter((p) => read(p.status)).map((p) => p.sourceId),
    incompleteSources: snapshot.sources.filter((p) => !read(p.status)).map((p) => p.sourceId),
  };
}

function queryOf(scope: MatrixScope, filter: MatrixFilter): PeopleMatrixQuery {
  const search = filter.search?.trim().toLowerCase();
  return {
    snapshotId: scope.snapshot.id,
    sourceIds: scope.readSources,
    ...(search ? { search } : {}),
    ...(filter.sources ? { inSources: filter.sources } : {}),
    ...(filter.atLeast ? { atLeast: filter.atLeast } : {}),
  };
}

function cellsOf(scope: MatrixScope, row: MatrixRow): MatrixCell[] {
  const incomplete = new Set(scope.incompleteSources);
  return scope.snapshot.sources.map(({ sourceId }): MatrixCell => {
    if (incomplete.has(sourceId))
      return {
        sourceId,
        state: MatrixCellState.NOT_READ,
        accounts: 0,
        active: null,
        highestLevel: null,
        levelKnown: false,
      };
    const here = row.accounts.filter((a) => a.sourceId === sourceId);
    if (here.length === 0)
      return {
        sourceId,
        state: MatrixCellState.NO_ACCOUNT,
        accounts: 0,
        active: null,
        highestLevel: null,
        levelKnown: true,
      };
    return {
      sourceId,
      state: MatrixCellState.ACCOUNT,
      accounts: here.length,
      active: here.some((a) => a.active),
      highestLevel: highestOf(here.flatMap((a) => (a.highestLevel ? [a.highestLevel] : []))),
      levelKnown: here.every((a) => a.grantsRead),
    };
  });
}

function personOf(scope: MatrixScope, row: MatrixRow): MatrixPerson {
  return {
    personKey: row.personKey,
    displayName: displayNameOf({ key: row.personKey, accounts: row.accounts }),
    email: emailOf({ key: row.personKey }),
    accounts: row.accounts,
    cells: cellsOf(scope, row),
  };
}

export interface MatrixPage {
  readonly people: readonly MatrixPerson[];
  readonly totalCount: number;
  readonly hasNextPage: boolean;
}

/** `limit` people after the person key `after`, and how many match in all. */
export async function matrixPage(
  review: ReviewStore,
  scope: MatrixScope,
  filter: MatrixFilter,
  page: { readonly after: string | null; readonly limit: number },
): Promise<MatrixPage> {
  const query = queryOf(scope, filter);
  // One more than asked says whether there is a next page without counting what lies past it.
  const [rows, totalCount] = await Promise.all([
    review.peopleMatrix(query, { after: page.after, limit: page.limit + 1 }),
    review.countPeopleMatrix(query),
  ]);
  return {
    people: rows.slice(0, page.limit).map((row) => personOf(scope, row)),
    totalCount,
    hasNextPage: rows.length > page.limit,
  };
}

/** A source filter's ids must be the snapshot's (an id it never read can only be a mistake). */
export function checkMatrixSources(scope: MatrixScope, sources: readonly string[], field: string): void {
  const known = new Set(scope.snapshot.sources.map((p) => p.sourceId));
  sources.forEach((id, i) => {
    if (!known.has(id))
      throw new InputError(`Source "${id}" is not in snapshot "${scope.snapshot.id}"`, `${field}[${i}]`);
  });
}
