import { InputError, isNotFound } from "../../../model/errors.js";
import type { UserRecord } from "../../../model/records.js";
import { eachKey } from "../../batch.js";
import type { BatchResult } from "../../connector.js";
import type { UserChanges, UserWriter } from "../../connector-writes.js";
import { outcomeUnknown, readBack, sendOnceThenSettle } from "../../write-rules/index.js";
import { isSquashId } from "../ids.js";
import { toUser } from "../mapper.js";
import type { RawUser, RawUserPatch } from "../raw-types.js";
import { asNotFound, notFound, type WriteContext } from "./context.js";
import { requestGroup } from "./global-group.js";
import { inviteUser } from "./invite.js";
import { findByLogin } from "./lookups.js";
import { squashRefusal, UPDATE_FIELDS } from "./refusals.js";

/** Whether the user as read now carries every field of a patch (group compared case-blind). */
function carries(user: RawUser, patch: RawUserPatch): boolean {
  return Object.entries(patch).every(([key, value]) => {
    const now = (user as unknown as Record<string, unknown>)[key];
    if (key === "_type") return true;
    if (key === "group") return String(now).toLowerCase() === String(value).toLowerCase();
    return now === value;
  });
}

/** `PATCH /users/{id}`; an unknown outcome is settled by reading the user back, never by resending. */
async function modify(ctx: WriteContext, id: string, patch: RawUserPatch): Promise<UserRecord> {
  try {
    const now = await sendOnceThenSettle(
      () => ctx.client.modifyUser(id, patch),
      readBack(
        () => ctx.client.getUser(id),
        (read) => carries(read, patch),
      ),
    );
    return toUser(now, ctx.sourceId);
  } catch (error) {
    throw squashRefusal(asNotFound(ctx, error, "User", id), UPDATE_FIELDS);
  }
}

/** Squash has no version token, so `changes.version` is not checked [I]. */
async function update(ctx: WriteContext, userId: string, changes: UserChanges): Promise<UserRecord> {
  const given = <K extends string, V>(key: K, value: V | undefined) =>
    value === undefined ? {} : ({ [key]: value } as Record<K, V>);
  const patch: RawUserPatch = {
    _type: "user",
    ...given("first_name", changes.firstName),
    ...given("last_name", changes.lastName),
    ...given("email", changes.email),
    ...given("login", changes.login),
    ...given(
      "group",
      changes.globalRole === undefined ? undefined : requestGroup(changes.globalRole, "input.globalRole"),
    ),
  };
  if (changes.login !== undefined) {
    // Logins are unique in Squash: a taken one is the caller's to fix, found before writing.
    const holder = await findByLogin(ctx, changes.login);
    if (holder && String(holder.id) !== userId)
      throw new InputError(
        `The login "${changes.login}" belongs to another Squash TM account`,
        "input.login",
      );
  }
  return modify(ctx, userId, patch);
}

/** Per id: deleted (true), or why not. */
type Deletions = Map<string, true | Error>;

/** Which of `ids` exist now (one `GET /users/{id}` each), or the read's own failure. */
function presence(ctx: WriteContext, ids: readonly string[]): Promise<Array<boolean | Error>> {
  return eachKey(ids, (id) =>
    ctx.client.getUser(id).then(
      () => true,
      (error: unknown) => (isNotFound(error) ? false : Promise.reject(error)),
    ),
  );
}

/**
 * `DELETE /users/{ids}` (seed page "Delete user"): one call for every id. Squash answers 404 for
 * the whole list when one id is unknown and deletes nothing [I]; reads then find the unknown ids
 * and, only when some are, the ones confirmed present are deleted in one more call. A failure
 * whose outcome is unknown is read back: an id that is gone was deleted.
 */
async function deleteAll(ctx: WriteContext, ids: readonly string[], narrow: boolean): Promise<Deletions> {
  try {
    await ctx.client.deleteUsers(ids);
    return new Map(ids.map((id) => [id, true]));
  } catch (error) {
    const failed = (): Deletions => new Map(ids.map((id) => [id, error as Error]));
    const refused = isNotFound(error) && narrow;
    if (!refused && !outcomeUnknown(error)) return failed();
    const present = await presence(ctx, ids);
    const gone = ids.filter((_, i) => present[i] === false);
    const out: Deletions = new Map(ids.map((id) => [id, error as Error]));
    if (!refused) {
      for (const id of gone) out.set(id, true);
      return out;
    }
    // No unknown id found: the 404 is unexplained, and sending the list again would be a blind retry.
    if (gone.length === 0) return failed();
    for (const id of gone) out.set(id, notFound(ctx, "User", id));
    const again = ids.filter((_, i) => present[i] === true);
    if (again.length > 0) for (const [id, result] of await deleteAll(ctx, again, false)) out.set(id, result);
    return out;
  }
}

async function remove(ctx: WriteContext, ids: readonly string[]): BatchResult<true> {
  const wanted = [...new Set(ids.filter(isSquashId))];
  const done = wanted.length > 0 ? await deleteAll(ctx, wanted, true) : new Map();
  return ids.map((id) => done.get(id) ?? notFound(ctx, "User", id));
}

export function squashUserWriter(ctx: WriteContext): UserWriter {
  return {
    invite: (user, scope) => inviteUser(ctx, user, scope),
    update: (userId, changes) => update(ctx, userId, changes),
    // Squash has no bulk modification: one PATCH per user, in parallel under the source's limit.
    setActive: (userIds, active) => eachKey(userIds, (id) => modify(ctx, id, { _type: "user", active })),
    remove: (userIds) => remove(ctx, userIds),
  };
}
