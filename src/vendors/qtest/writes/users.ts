import { UnsupportedError } from "../../../model/errors.js";
import type { UserRecord } from "../../../model/records.js";
import { eachKey } from "../../batch.js";
import type { UserChanges, UserWriter } from "../../connector-writes.js";
import { asNotFound, readBack, sendOnceThenSettle } from "../../write-rules/index.js";
import { ACTIVE_STATUS, toUser } from "../mapper.js";
import type { RawUser, RawUserUpdate } from "../raw-types.js";
import { isQTestId, notFound, type WriteContext } from "./context.js";
import { globalRoleUnsupported, invite } from "./invite.js";
import { qtestRefusal } from "./refusals.js";

/** qTest fields of `PUT /users/{id}` → the updateUser input fields. */
const UPDATE_FIELDS = { email: "input.email", first_name: "input.firstName", last_name: "input.lastName" };
/** UserUpdateResource `status`: "1 for Active or 3 for Inactive" (v3 swagger). */
const INACTIVE_STATUS = 3;

/** What `PUT /users/{id}` is asked to change, in qTest's words. */
function updateBody(ctx: WriteContext, changes: UserChanges): RawUserUpdate {
  if (changes.globalRole !== undefined) throw globalRoleUnsupported(ctx);
  if (changes.login !== undefined)
    throw new UnsupportedError(
      ctx.sourceId,
      ctx.vendor,
      `${ctx.vendor} (source "${ctx.sourceId}") cannot change a login: UserUpdateResource has no username (v3 swagger)`,
      "input.login",
    );
  // `version` is left alone: qTest users carry no version token to compare.
  return {
    ...(changes.email === undefined ? {} : { email: changes.email }),
    ...(changes.firstName === undefined ? {} : { first_name: changes.firstName }),
    ...(changes.lastName === undefined ? {} : { last_name: changes.lastName }),
  };
}

/** Whether a user as read shows every change asked for. */
function shows(user: RawUser, body: RawUserUpdate): boolean {
  return (
    (body.email === undefined || user.email === body.email) &&
    (body.first_name === undefined || user.first_name === body.first_name) &&
    (body.last_name === undefined || user.last_name === body.last_name) &&
    (body.status === undefined || user.status === body.status)
  );
}

/** One `PUT /users/{id}`, sent once; an unknown outcome is settled by reading the user back. */
async function put(ctx: WriteContext, userId: string, body: RawUserUpdate): Promise<UserRecord> {
  const missing = () => notFound(ctx, "User", userId);
  if (!isQTestId(userId)) throw missing();
  try {
    const now = await sendOnceThenSettle(
      () => ctx.client.updateUser(userId, body),
      readBack(
        () => ctx.client.getUser(userId),
        (read) => shows(read, body),
      ),
    );
    return toUser(now, ctx.sourceId);
  } catch (error) {
    throw qtestRefusal(asNotFound(error, missing), UPDATE_FIELDS);
  }
}

export function createUserWriter(ctx: WriteContext): UserWriter {
  return {
    invite: (user, scope) => invite(ctx, user, scope),

    async update(userId, changes) {
      return put(ctx, userId, updateBody(ctx, changes));
    },

    // qTest has no bulk status change: one PUT per user, in parallel under the source's limit.
    setActive(userIds, active) {
      const status = active ? ACTIVE_STATUS : INACTIVE_STATUS;
      return eachKey(userIds, (userId) => put(ctx, userId, { status }));
    },
  };
}
