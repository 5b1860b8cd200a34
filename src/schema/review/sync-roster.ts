import { GraphQLError } from "graphql";
import { RosterFileError, syncRosterFile } from "../../history/roster/roster-file.js";
import type { RequestContext } from "../../loaders/request-context.js";
import { ErrorCode } from "../../model/errors.js";

/** Before the roster is read: the configured file, if it changed, loaded again. A file that can't
 *  be read now is an error, never an empty roster. */
export async function syncRoster(ctx: RequestContext): Promise<void> {
  const path = ctx.settings.rosterFile;
  if (path === undefined) return;
  try {
    await syncRosterFile(ctx.gateway.store, ctx.gateway.trail, path);
  } catch (error) {
    if (!(error instanceof RosterFileError)) throw error;
    throw new GraphQLError(error.message, { extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } });
  }
}
