import { InputError } from "../../../model/errors.js";
import type { TeamRecord } from "../../../model/records.js";
import type { RequestScope } from "../../connector.js";
import type { MembershipOutcome, TeamMembershipWriter } from "../../connector-writes.js";
import { fitsInPath } from "../../http/api-path.js";
import { sendOnceThenSettle } from "../../write-rules/index.js";
import { isSquashId } from "../ids.js";
import { toTeam } from "../mapper.js";
import { embedded } from "../payloads.js";
import { asNotFound, notFound, type WriteContext } from "./context.js";

type Change = "join" | "leave";

async function teamsOf(ctx: WriteContext, login: string): Promise<TeamRecord[]> {
  const page = await ctx.client.getUserTeams(login, ctx.pageSize);
  return embedded(page, "teams", ctx.sourceId).map((t) => toTeam(t, ctx.sourceId));
}

/** The team names for the ids (`GET /teams/{id}` each): the membership routes take names, not ids. */
async function teamNames(ctx: WriteContext, teamIds: readonly string[]): Promise<string[]> {
  return Promise.all(
    teamIds.map(async (id, i) => {
      if (!isSquashId(id)) throw notFound(ctx, "Team", id);
      const team = await ctx.client.getTeam(id).catch((error: unknown) => {
        throw asNotFound(ctx, error, "Team", id);
      });
      // `teamNames` is one comma-separated parameter (seed page "Subscribe to teams").
      if (team.name.includes(","))
        throw new InputError(
          `Team "${team.name}" has a comma in its name, which Squash TM's teamNames parameter cannot carry`,
          `input.teams[${i}]`,
        );
      return team.name;
    }),
  );
}

/**
 * `POST` / `DELETE /users/login/{login}/teams?teamNames=a,b` (seed page "Subscribe to teams",
 * "Unsubscribe from teams"): one call for the teams whose membership changes, keyed by the user's
 * login and the teams' names, after one read of the user's teams (none changing: UNCHANGED, and
 * nothing sent). Answers with the user's teams as they now stand; an unknown outcome is settled
 * by them.
 */
async function change(
  ctx: WriteContext,
  userId: string,
  teamIds: readonly string[],
  scope: RequestScope,
  how: Change,
): Promise<MembershipOutcome<TeamRecord[]>> {
  const [user] = await scope.loadUsers([userId]);
  if (user instanceof Error) throw asNotFound(ctx, user, "User", userId);
  if (!user) throw notFound(ctx, "User", userId);
  const login = user.login ?? "";
  // The membership routes name the user by login: one a URL path cannot carry (none, `.`, `..`)
  // would reach another route.
  if (!fitsInPath(login))
    throw new InputError(
      `Squash TM's team routes name a user by login, and this user's login ("${login}") cannot be named in one`,
      "input.user",
    );
  const [names, before] = await Promise.all([teamNames(ctx, teamIds), teamsOf(ctx, login)]);
  const wanted = how === "join";
  const isIn = (teams: readonly TeamRecord[]) => {
    const member = new Set(teams.map((t) => t.remoteId));
    return (id: string) => member.has(id) === wanted;
  };
  const already = isIn(before);
  const changing = [...new Set(names.filter((_name, i) => !already(teamIds[i] as string)))];
  if (changing.length === 0) return { status: "UNCHANGED", now: before };
  const now = await sendOnceThenSettle(
    async () => {
      if (wanted) await ctx.client.subscribeToTeams(login, changing);
      else await ctx.client.unsubscribeFromTeams(login, changing);
      return teamsOf(ctx, login);
    },
    async () => {
      const after = await teamsOf(ctx, login);
      return teamIds.every(isIn(after)) ? after : null;
    },
  );
  return { status: "UPDATED", now };
}

export function squashTeamWriter(ctx: WriteContext): TeamMembershipWriter {
  return {
    join: (userId, teamIds, scope) => change(ctx, userId, teamIds, scope, "join"),
    leave: (userId, teamIds, scope) => change(ctx, userId, teamIds, scope, "leave"),
  };
}
