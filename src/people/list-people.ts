/**
 * Everyone: every source's whole user list, read as `users` reads it (concurrently, in each
 * vendor's largest pages, the loaders primed), then joined. Persons are ordered by key, so a
 * person's place depends on nobody else's accounts: a page is cut from the whole, and nothing is
 * read per person.
 */
import { listAcrossSources } from "../loaders/list-across-sources.js";
import type { RequestContext, ResponsePath } from "../loaders/request-context.js";
import { matchesUserFilter } from "../model/filters.js";
import type { UserRecord } from "../model/records.js";
import type { UserRelation } from "../vendors/connector.js";
import { type JoinedPerson, joinAccounts } from "./join.js";
import { readLinks } from "./links.js";

/** Positions read from each source: all of them (no instance holds a billion accounts). */
const WHOLE_LIST = 2 ** 30;

/**
 * Every person across every source. A source that fails is reported at `path`, and the others'
 * people come back without its accounts. `wants`: relations the caller will read of some accounts,
 * whose calls that don't depend on the users (a project list) can start beside the lists.
 */
export async function readPeople(
  ctx: RequestContext,
  options: { readonly path: ResponsePath; readonly wants?: ReadonlySet<UserRelation> },
): Promise<JoinedPerson[]> {
  const links = readLinks(ctx);
  const wants = options.wants;
  const [page, all] = await Promise.all([
    listAcrossSources<UserRecord, { includeArchived: true }>({
      sessions: ctx.selectSessions(null),
      reader: (s) => s.connector.users,
      filter: { includeArchived: true },
      matches: matchesUserFilter,
      first: WHOLE_LIST,
      perSource: true,
      after: null,
      beforeList: wants?.size ? (session) => session.connector.prefetch?.(wants, session) : undefined,
      context: ctx,
      path: options.path,
      prime: (s, items) => s.prime(items),
    }),
    links,
  ]);
  return joinAccounts(
    page.edges.map((e) => e.node),
    all,
    ctx.gateway.connectors.map((c) => c.source.id),
  );
}
