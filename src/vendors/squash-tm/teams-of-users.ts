import type { TeamRecord, UserRecord } from "../../model/records.js";
import { eachKey } from "../batch.js";
import type { BatchResult, RequestScope } from "../connector.js";
import { fitsInPath } from "../http/api-path.js";
import type { SquashClient } from "./client.js";
import { toTeam } from "./mapper.js";
import { badResponse, embedded } from "./payloads.js";
import type { RawUser } from "./raw-types.js";
import type { SquashReads } from "./reads.js";

/**
 * `User.teams`. A user payload names its teams (seed page "Get user", `teams`; the list asks for
 * it through `fields`), so the teams come from the user and the one team list of the request,
 * which makes them complete. A user read without that field costs its by-login teams call.
 */
export function teamsOfUsers(client: SquashClient, reads: SquashReads, sourceId: string, pageSize: number) {
  async function byLogin(user: UserRecord, scope: RequestScope): Promise<TeamRecord[]> {
    // Every documented user payload has a login; without one, the user's teams cannot be asked.
    if (!user.login) throw badResponse(sourceId, `user ${user.remoteId} without its \`login\``);
    // The route names the user by login, and a URL climbs a `..` one: asking would read another route.
    if (!fitsInPath(user.login))
      throw badResponse(sourceId, `user ${user.remoteId} with a login no by-login route can name`);
    const page = await client.getUserTeams(user.login, pageSize);
    const teams = embedded(page, "teams", sourceId).map((t) => toTeam(t, sourceId));
    scope.prime(teams);
    return teams;
  }

  return async (userIds: readonly string[], scope: RequestScope): BatchResult<TeamRecord[]> => {
    const users = await scope.loadUsers(userIds);
    const named = (user: UserRecord | Error) =>
      user instanceof Error ? undefined : (user.raw as RawUser).teams;
    const directory = users.some((u) => (named(u)?.length ?? 0) > 0) ? reads.teams(scope) : undefined;
    return eachKey(users, async (user) => {
      if (user instanceof Error) throw user;
      const summaries = named(user);
      if (summaries === undefined) return byLogin(user, scope);
      if (summaries.length === 0 || !directory) return [];
      const all = await directory;
      const teams = summaries.map((s) => all.get(String(s.id)));
      // A team created after the list was read: the user's own teams call knows it.
      return teams.every((t): t is TeamRecord => t !== undefined) ? teams : byLogin(user, scope);
    });
  };
}
