import { ConflictError, isNotFound, NotFoundError, SourceError } from "../../../model/errors.js";
import { asInputError, byPattern } from "../../write-rules/index.js";
import type { WriteContext } from "./context.js";

/** [I] How a refusal names a property: Web API's ModelState, which describeTestResultsError writes
 *  as `(Email: The Email field is not a valid e-mail address.)` (the simulator's body.ts). */
const namedAt = byPattern((wire) => `(?:^|[\\s(;.])${wire}:`);

/** Create/Update User properties -> the unified input fields they are filled from. */
export const USER_FIELDS: Readonly<Record<string, string>> = {
  Email: "input.email",
  DisplayName: "input.firstName",
  UserGroup: "input.groups",
  DataVersion: "input.version",
};

/** Create/Update User Group properties -> the unified input fields. */
export const GROUP_FIELDS: Readonly<Record<string, string>> = {
  Name: "input.name",
  Description: "input.description",
  UsagePermission: "input.grants",
  DataVersion: "input.version",
};

/**
 * What a refused write means, in the unified model: the vendor's 409 is its stale `DataVersion`
 * answer [I: the doc page shows no error]; a 404 is an id that is gone; a refusal naming a
 * property is the caller's input field (write-rules). Anything else stays the HTTP client's
 * SourceError (an unknown outcome among them, for the writer to settle).
 */
export function vendorRefusal(
  ctx: WriteContext,
  error: unknown,
  what: "User" | "Group",
  id: string,
  fields: Readonly<Record<string, string>> = what === "User" ? USER_FIELDS : GROUP_FIELDS,
  versionField = "input.version",
): unknown {
  if (error instanceof SourceError && error.httpStatus === 409)
    return new ConflictError(
      ctx.sourceId,
      ctx.vendor,
      `${what} ${id} was changed in source "${ctx.sourceId}" after the version given was read` +
        `${error.vendorMessage ? ` (${error.vendorMessage})` : ""}; read it again and retry`,
      versionField,
    );
  if (isNotFound(error)) return new NotFoundError(ctx.sourceId, ctx.vendor, what, id);
  return asInputError(error, fields, namedAt);
}

/** A catch handler throwing `vendorRefusal` of what it caught. */
export function refusedAs(ctx: WriteContext, what: "User" | "Group", id: string, versionField?: string) {
  return (error: unknown): never => {
    throw vendorRefusal(ctx, error, what, id, undefined, versionField);
  };
}
