/**
 * One source's part of a snapshot: its projects, groups and teams, then its accounts page by page
 * in the vendor's largest pages, each page's relations in one batch per relation, each page written
 * to the store before the one after the next is read. One page of accounts is held at a time (the
 * next page's list call overlaps the write); what the vendor's API makes every page consult (a
 * project's members) is read once for the whole source and kept while pages ask for it.
 */
import { PagedMemo } from "../loaders/paged-memo.js";
import { SourceSession } from "../loaders/source-session.js";
import { matchesUserFilter, type UserFilter } from "../model/filters.js";
import type { UserRecord } from "../model/records.js";
import type { LinkIndex } from "../people/join.js";
import type { HistoryStore } from "../store/store.js";
import { type Connector, type ListPage, WHOLE_LIST_LIMIT } from "../vendors/connector.js";
import type { SnapshotContainer } from "./snapshot.js";
import { readAccounts } from "./snapshot-accounts.js";

/** Accounts per page where the vendor reads its whole list whatever is asked (nothing to save by
 *  asking for more: the page only bounds what is held and written at once). */
export const WHOLE_LIST_PAGE = 1000;

/** Containers are few (projects, groups, teams): read whole. */
const ALL = WHOLE_LIST_LIMIT;

const EVERY_ACCOUNT: UserFilter = { includeArchived: true };

export interface SourceProgress {
  readonly accountsRead: number;
  readonly accountsTotal: number | null;
}

async function readContainers(session: SourceSession): Promise<SnapshotContainer[]> {
  const { connector, sourceId } = session;
  const filter = { includeArchived: true };
  const [projects, groups, teams] = await Promise.all([
    connector.projects?.list({ filter, offset: 0, limit: ALL }, session),
    connector.groups?.list({ filter, offset: 0, limit: ALL }, session),
    connector.teams?.list({ filter, offset: 0, limit: ALL }, session),
  ]);
  session.prime([...(projects?.items ?? []), ...(groups?.items ?? []), ...(teams?.items ?? [])]);
  return [
    ...(projects?.items ?? []).map((p) => ({
      sourceId,
      kind: "PROJECT" as const,
      remoteId: p.remoteId,
      name: p.name,
      active: p.active,
    })),
    ...(groups?.items ?? []).map((g) => ({
      sourceId,
      kind: "GROUP" as const,
      remoteId: g.remoteId,
      name: g.name,
      active: !g.archived,
    })),
    ...(teams?.items ?? []).map((t) => ({
      sourceId,
      kind: "TEAM" as const,
      remoteId: t.remoteId,
      name: t.name,
      // Teams carry no state in the unified model.
      active: null,
    })),
  ];
}

/**
 * Reads `connector`'s source into snapshot `snapshotId`, calling `progress` after each page is
 * stored. Throws the source's failure (what was written of it is the caller's to clear).
 */
export async function readSourceInto(
  connector: Connector,
  history: HistoryStore,
  snapshotId: string,
  links: LinkIndex,
  progress: (progress: SourceProgress) => Promise<void>,
): Promise<void> {
  const memo = new PagedMemo();
  const session = new SourceSession(connector, { batching: true, memo });
  const pageSize =
    connector.userPageSize === null ? WHOLE_LIST_PAGE : (connector.userPageSize ?? WHOLE_LIST_PAGE);
  const list = (offset: number): Promise<ListPage<UserRecord>> =>
    connector.users.list({ filter: EVERY_ACCOUNT, offset, limit: pageSize }, session);

  // The lists of projects, groups and teams go out beside the first page (the relations read the
  // same lists: one call serves both).
  const containers = readContainers(session).then((found) => history.writeContainers(snapshotId, found));
  containers.catch(() => undefined);

  let read = 0;
  let total: number | null = null;
  let offset = 0;
  let next: Promise<ListPage<UserRecord>> | null = list(0);
  while (next) {
    const page = await next;
    next = null;
    if (page.exact && page.total !== null) total = page.total;
    offset += page.items.length;
    const users = page.items.filter((u) => page.exact || matchesUserFilter(u, EVERY_ACCOUNT));
    session.prime(users);
    const accounts = await readAccounts(session, users, links);
    // What this page loaded is not asked again; what the next page asks again is kept.
    session.forgetAccounts();
    memo.nextPage();
    if (page.hasMore && page.items.length > 0) {
      next = list(offset);
      next.catch(() => undefined);
    }
    await history.writeAccounts(snapshotId, accounts);
    read += accounts.length;
    await progress({ accountsRead: read, accountsTotal: total ?? (next ? null : read) });
  }
  await containers;
}
