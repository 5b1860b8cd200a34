import { NotFoundError, UnsupportedError } from "../../../model/errors.js";
import type { UserRecord } from "../../../model/records.js";
import { eachKey } from "../../batch.js";
import type { RequestScope } from "../../connector.js";
import { outcomeUnknown } from "../../write-rules/index.js";
import { isQacId } from "../pushdown.js";
import type { QacWriteContext } from "./context.js";

/** Why `setUserActive(active: true)` is UNSUPPORTED_BY_SOURCE. */
export function reactivationUnsupported(ctx: QacWriteContext): UnsupportedError {
  return new UnsupportedError(
    ctx.sourceId,
    ctx.vendor,
    `${ctx.vendor} (source "${ctx.sourceId}") cannot reactivate users over its API: DELETE /depts/{DeptId}/users/{UserId} disables a profile, and neither PUT nor PATCH of a user takes an active flag (REFERENCE §3.2). Reactivate the user in QAComplete's Setup > Security > Users`,
  );
}

/**
 * Deactivation is `DELETE /depts/{DeptId}/users/{UserId}`, which DISABLES the profile (no
 * physical delete; 200 with an empty body, REFERENCE §3.2). There is no bulk form: one DELETE per
 * user, all at once, then ONE `Id in {…}` read answers every user as they now stand (the DELETE
 * answers nothing) and settles any DELETE whose answer was lost.
 */
export async function setActive(
  ctx: QacWriteContext,
  userIds: readonly string[],
  active: boolean,
  scope: RequestScope,
): Promise<Array<UserRecord | Error>> {
  if (active) return userIds.map(() => reactivationUnsupported(ctx));
  const ids = [...new Set(userIds.filter(isQacId))];
  const sent = await eachKey(ids, (id) => ctx.client.disableUser(id));
  const failures = new Map(ids.map((id, i) => [id, sent[i] instanceof Error ? sent[i] : null]));
  // A user whose DELETE was refused outright (404, 400) needs no read: its error is the answer.
  const toRead = ids.filter((id) => {
    const failure = failures.get(id);
    return failure === null || outcomeUnknown(failure);
  });
  const read =
    toRead.length > 0 ? await ctx.readUsers(toRead, scope).catch((e: Error) => toRead.map(() => e)) : [];
  const now = new Map(toRead.map((id, i) => [id, read[i]]));
  return userIds.map((id) => {
    if (!isQacId(id)) return new NotFoundError(ctx.sourceId, ctx.vendor, "User", id);
    const failure = failures.get(id) ?? null;
    const user = now.get(id);
    if (failure === null) return user ?? new NotFoundError(ctx.sourceId, ctx.vendor, "User", id);
    return user !== undefined && !(user instanceof Error) && !user.active ? user : failure;
  });
}
