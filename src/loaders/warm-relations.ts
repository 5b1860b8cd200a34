import type { UserRecord } from "../model/records.js";
import type { UserRelation } from "../vendors/connector.js";
import type { SourceSession } from "./source-session.js";

/**
 * Load the wanted relations of users a page will return, right away and in one batch per relation,
 * so the field resolvers that run later find them loaded and answer without waiting. Settles when
 * every load has (errors are left for those resolvers to report).
 */
export async function warmRelations(
  session: SourceSession,
  users: readonly UserRecord[],
  wants: ReadonlySet<UserRelation>,
): Promise<void> {
  if (users.length === 0 || wants.size === 0) return;
  const ids = users.map((u) => u.remoteId);
  const loads: Array<Promise<unknown> | undefined> = [];
  if (wants.has("teams")) loads.push(session.teamsOfUser?.loadMany(ids));
  if (wants.has("groups")) loads.push(session.groupsOfUser?.loadMany(ids));
  if (wants.has("permissions") || wants.has("projects")) loads.push(session.permissionsOfUser?.loadMany(ids));
  await Promise.allSettled(loads);
}
