import { NotFoundError } from "../../../model/errors.js";
import { asNotFound as notFoundAs } from "../../write-rules/index.js";
import type { SquashClient } from "../client.js";
import type { LoginLookup } from "../logins.js";
import type { SquashPermissions } from "../permissions.js";

/** What every Squash writer needs: the client and the source it speaks for. */
export interface WriteContext {
  readonly client: SquashClient;
  readonly sourceId: string;
  readonly vendor: string;
  /** Page size for the reads a write needs (the users scan, a user's teams). */
  readonly pageSize: number;
  /** What a user holds on projects now, read the way this instance serves (a settling read). */
  readonly heldOn: SquashPermissions["heldOn"];
  /** Users by login, whether or not the instance serves the by-login route. */
  readonly logins: LoginLookup;
}

export function notFound(ctx: WriteContext, what: string, id: string): NotFoundError {
  return new NotFoundError(ctx.sourceId, ctx.vendor, what, id);
}

/** A vendor 404 as the NotFoundError of the object we asked about; any other failure unchanged. */
export function asNotFound(ctx: WriteContext, error: unknown, what: string, id: string): unknown {
  return notFoundAs(error, () => notFound(ctx, what, id));
}
