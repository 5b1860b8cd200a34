import { Arg, Ctx, Mutation, Query, Resolver } from "type-graphql";
import { auditedRosterReplacement } from "../../audit/audited-roster.js";
import { rosterFromCsv, rosterFromEntries } from "../../history/roster/roster-input.js";
import type { RosterEntry as StoredEntry } from "../../history/snapshot.js";
import { RequestContext } from "../../loaders/request-context.js";
import { InputError } from "../../model/errors.js";
import { ReplaceRosterInput, Roster } from "./roster.types.js";
import { syncRoster } from "./sync-roster.js";

@Resolver()
export class RosterResolver {
  @Query(() => Roster, { description: "The staff roster (empty when none is set)." })
  async roster(@Ctx() ctx: RequestContext): Promise<Roster> {
    await syncRoster(ctx);
    const entries = await ctx.gateway.store.history.roster();
    return {
      count: entries.length,
      fromFile: ctx.settings.rosterFile !== undefined,
      entries: entries.map((e) => ({ email: e.personKey, name: e.name })),
    };
  }

  @Mutation(() => Roster, {
    description:
      "Replace the staff roster whole (write scope). Every email is checked first: one bad entry refuses the whole roster, naming it. Refused while `review.rosterFile` is configured (the file is the roster then). Each replacement is an audit event (REPLACE_ROSTER: the caller, and the counts of entries added, removed and renamed against the roster it replaced), recorded in the same commit as the roster's change: if it can't be, the roster stays as it was (AUDIT_UNAVAILABLE). Replacements made at once, on any replica, run one after the other.",
  })
  async replaceRoster(
    @Ctx() ctx: RequestContext,
    @Arg("input", () => ReplaceRosterInput) input: ReplaceRosterInput,
  ): Promise<Roster> {
    if (ctx.settings.rosterFile !== undefined)
      throw new InputError(
        "The roster is kept in the file review.rosterFile: edit that file instead",
        "input",
      );
    const given = [input.entries, input.csv].filter((v) => v != null).length;
    if (given !== 1) throw new InputError("Give exactly one of `input.entries` and `input.csv`", "input");
    const entries: StoredEntry[] =
      input.csv != null
        ? await rosterFromCsv(input.csv, "input.csv")
        : rosterFromEntries(input.entries ?? [], "input.entries");
    // Recorded in the audit trail with it, in one commit (the caller, the counts): not replaced if it can't be.
    await auditedRosterReplacement(
      ctx.gateway.trail,
      ctx.gateway.store.history,
      entries,
      ctx.caller?.id ?? "anonymous",
    );
    return this.roster(ctx);
  }
}
