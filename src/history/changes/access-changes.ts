/**
 * accessChanges: the changes between two snapshots, source by source where both read it whole,
 * each linked to the audit event that made it (or marked as made outside Rollcall). A page is
 * computed by the store and linked by itself; filtering by origin reads the changes in pages, so
 * memory holds one page whatever the snapshots' size.
 */
import { InputError } from "../../model/errors.js";
import type { AccountCursor } from "../../store/review-queries.js";
import type { ReviewStore, Store } from "../../store/store.js";
import { type SnapshotRecord, SnapshotSourceStatus, SnapshotStatus } from "../snapshot.js";
import { type AccessChange, type ChangeKind, type ChangeOrigin, ChangeOrigin as O } from "./access-change.js";
import { type Linked, linkToAudit } from "./audit-link.js";

export interface ChangesRequest {
  readonly from: string;
  readonly to: string;
  /** Only these sources (ids as snapshots name them). */
  readonly sourceIds?: readonly string[];
  readonly kinds?: readonly ChangeKind[];
  readonly personKey?: string;
  readonly origin?: ChangeOrigin;
}

export interface Comparison {
  readonly from: SnapshotRecord;
  readonly to: SnapshotRecord;
  /** Sources read whole in both: the only ones compared. */
  readonly compared: readonly string[];
  /** Sources of either snapshot not read whole in both: not compared, so nothing of theirs is a change. */
  readonly incompleteSources: readonly string[];
  /** Audit events recorded in this window may have made a change. */
  readonly window: { readonly since: Date; readonly until: Date };
}

export interface LinkedChange extends AccessChange {
  readonly origin: ChangeOrigin;
  readonly auditEvent: Linked["event"];
}

/** Accounts whose changes are read at a time while filtering by origin, or streaming an export. */
const BATCH = 500;

/** A finished snapshot by id; `field` names the argument that gave it. */
export async function finishedSnapshot(store: Store, id: string, field: string): Promise<SnapshotRecord> {
  const snapshot = await store.history.getSnapshot(id);
  if (!snapshot) throw new InputError(`No snapshot "${id}"`, field);
  if (snapshot.status === SnapshotStatus.RUNNING)
    throw new InputError(`Snapshot "${id}" is still being taken: compare it once it has finished`, field);
  return snapshot;
}

/** Which sources two snapshots can be compared on, and which not. */
export function compare(from: SnapshotRecord, to: SnapshotRecord, only?: readonly string[]): Comparison {
  const complete = (s: SnapshotRecord) =>
    new Set(s.sources.filter((p) => p.status === SnapshotSourceStatus.COMPLETE).map((p) => p.sourceId));
  const inFrom = complete(from);
  const inTo = complete(to);
  const wanted = only && new Set(only);
  const all = [...new Set([...from.sources, ...to.sources].map((p) => p.sourceId))].filter(
    (id) => !wanted || wanted.has(id),
  );
  return {
    from,
    to,
    compared: all.filter((id) => inFrom.has(id) && inTo.has(id)),
    incompleteSources: all.filter((id) => !(inFrom.has(id) && inTo.has(id))),
    window: { since: from.startedAt, until: to.finishedAt ?? new Date() },
  };
}

/** The two snapshots of a request, checked: both finished, `from` not the newer. */
export async function comparisonOf(
  store: Store,
  request: Pick<ChangesRequest, "from" | "to" | "sourceIds">,
  fields: { readonly from: string; readonly to: string } = { from: "from", to: "to" },
): Promise<Comparison> {
  const from = await finishedSnapshot(store, request.from, fields.from);
  const to = await finishedSnapshot(store, request.to, fields.to);
  if (from.startedAt.getTime() > to.startedAt.getTime())
    throw new InputError(
      `Snapshot "${from.id}" was taken after "${to.id}": pass the older one as \`${fields.from}\``,
      fields.from,
    );
  return compare(from, to, request.sourceIds);
}

const linked = (l: Linked): LinkedChange => ({
  ...l.change,
  origin: l.event ? O.ROLLCALL : O.OUTSIDE_ROLLCALL,
  auditEvent: l.event,
});

const queryOf = (comparison: Comparison, request: ChangesRequest) => ({
  from: comparison.from.id,
  to: comparison.to.id,
  sourceIds: comparison.compared,
  kinds: request.kinds,
  personKey: request.personKey,
});

/** Every change, linked, a store page at a time (the export's stream). */
export async function* eachChange(
  review: ReviewStore,
  comparison: Comparison,
  request: ChangesRequest,
): AsyncGenerator<LinkedChange> {
  const query = queryOf(comparison, request);
  let after: AccountCursor | null = null;
  do {
    const batch = await review.changesByAccounts(query, after, BATCH);
    for (const l of await linkToAudit(review, batch.changes, comparison.window)) {
      const change = linked(l);
      if (request.origin === undefined || change.origin === request.origin) yield change;
    }
    after = batch.next;
  } while (after !== null);
}

export interface ChangesPage {
  readonly changes: readonly LinkedChange[];
  readonly totalCount: number;
  readonly hasNextPage: boolean;
}

/** One page of changes after `offset` (linked), with the total. */
export async function changesPage(
  review: ReviewStore,
  comparison: Comparison,
  request: ChangesRequest,
  page: { readonly offset: number; readonly limit: number },
): Promise<ChangesPage> {
  if (request.origin === undefined) {
    const query = queryOf(comparison, request);
    const [rows, totalCount] = await Promise.all([review.changes(query, page), review.countChanges(query)]);
    const changes = (await linkToAudit(review, rows, comparison.window)).map(linked);
    return { changes, totalCount, hasNextPage: page.offset + rows.length < totalCount };
  }
  // The origin is known only once linked: read them all, keep the page, count the rest.
  const changes: LinkedChange[] = [];
  let totalCount = 0;
  for await (const change of eachChange(review, comparison, request)) {
    if (totalCount >= page.offset && changes.length < page.limit) changes.push(change);
    totalCount++;
  }
  return { changes, totalCount, hasNextPage: page.offset + changes.length < totalCount };
}
