import type { ConnectorWrites } from "../../connector-writes.js";
import type { WriteContext } from "./context.js";
import { testResultsGroupWriter } from "./groups.js";
import { testResultsUserWriter } from "./users.js";

/**
 * User and group administration. There are no projects and no teams, so no access or team writer;
 * users have no status flag and no deactivate route, so no `setActive` (README, "Writes").
 */
export function testResultsWrites(ctx: WriteContext): ConnectorWrites {
  return { users: testResultsUserWriter(ctx), groups: testResultsGroupWriter(ctx) };
}
