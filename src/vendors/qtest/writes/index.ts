import type { ConnectorWrites } from "../../connector-writes.js";
import { createAccessWriter } from "./access.js";
import type { WriteContext } from "./context.js";
import { createUserWriter } from "./users.js";

/**
 * qTest user administration (README, "Writes"): invite, update, deactivate/reactivate, project
 * access. No delete (no documented DELETE for users, REFERENCE §1.2), no teams, no group writes.
 */
export function createQTestWrites(ctx: WriteContext): ConnectorWrites {
  return { users: createUserWriter(ctx), access: createAccessWriter(ctx) };
}
