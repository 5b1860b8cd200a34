import type { UserRecord } from "../model/records.js";
import type { UserRelation } from "../vendors/connector.js";
import type { SourceSession } from "./source-session.js";

/**
 * Load the wanted relations of users a page will return, right away and in one batch per relation,
 * so the field resolvers that run later find them in the loaders' cache. Errors are left for those
 * resolvers to report.
 */
export function warmRelations(
  session: SourceSession,
  users: readonly UserRecord[],
  wants: ReadonlySet<UserRelation>,
): void {
  if (users.length === 0 || wants.size === 0) return;
  const ids = users.map((u) => u.remoteId);
  const quietly = (work: Promise<unknown> | undefined) => void work?.catch(() => undefined);
  if (wants.has("teams")) quietly(session.teamsOfUser?.loadMany(ids));
  if (wants.has("groups")) quietly(session.groupsOfUser?.loadMany(ids));
  if (wants.has("permissions") || wants.has("projects")) quietly(session.permissionsOfUser?.loadMany(ids));
}
