import { matchesUserFilter } from "../model/filters.js";
import type { UserRecord } from "../model/records.js";
import { type CrossSourcePage, listAcrossSources } from "./list-across-sources.js";
import type { RequestContext, ResponsePath } from "./request-context.js";
import type { SourceSession } from "./source-session.js";

/** Matches per source an email lookup returns at most (a person rarely has more than one account per tool). */
export const MAX_EMAIL_MATCHES = 100;
/** How many users a scan reads per call where a vendor can't search for the filter itself. */
export const SCAN_WINDOW = 500;

/**
 * Every account with this email (exact, case-insensitive; archived ones too) in each of the
 * sessions' sources, each source's matches complete as soon as its own answer is in. What
 * `usersByEmail` and a person's lookup by email both cost: one search per source, where the vendor
 * searches, else its list scanned in big pages. A source that fails is reported at `path`.
 */
export function accountsByEmail(options: {
  readonly ctx: RequestContext;
  readonly sessions: readonly SourceSession[];
  /** Trimmed. */
  readonly email: string;
  readonly path: ResponsePath;
  /** Relation hooks from the selection (see listAcrossSources). */
  readonly beforeList?: (session: SourceSession) => void;
  readonly onIncluded?: (session: SourceSession, users: readonly UserRecord[]) => Promise<void> | undefined;
}): Promise<CrossSourcePage<UserRecord>> {
  return listAcrossSources({
    sessions: options.sessions,
    reader: (s) => s.connector.users,
    filter: { email: options.email, includeArchived: true },
    matches: matchesUserFilter,
    first: MAX_EMAIL_MATCHES,
    perSource: true,
    after: null,
    scanWindow: SCAN_WINDOW,
    beforeList: options.beforeList,
    onIncluded: options.onIncluded,
    context: options.ctx,
    path: options.path,
    prime: (s, items) => s.prime(items),
  });
}
