import { ErrorCode, SourceError } from "../../../model/errors.js";
import type { RequestScope } from "../../connector.js";
import type { InviteOutcome, NewUser } from "../../connector-writes.js";
import { toUser } from "../mapper.js";
import type { QacWriteContext } from "./context.js";
import { asInputError, isUnknownOutcome, USER_FIELDS } from "./failures.js";
import { requestUserPost } from "./person.js";

/**
 * `POST /depts/{DeptId}/users` (seed page), after a `Filter=Email = '…'` lookup: an existing
 * email answers ALREADY_EXISTS with that user and nothing is sent. Sent once; when its answer is
 * lost, the same lookup tells whether the user was created.
 */
export async function invite(
  ctx: QacWriteContext,
  user: NewUser,
  scope: RequestScope,
): Promise<InviteOutcome> {
  const body = requestUserPost(user, ctx.sourceId);
  const existing = await ctx.findByEmail(body.Email, scope);
  if (existing) return { status: "ALREADY_EXISTS", user: existing };
  try {
    const [raw, dept] = await Promise.all([ctx.client.createUser(body), ctx.department(scope)]);
    if (raw && typeof raw.id === "number")
      return { status: "CREATED", user: toUser(raw, ctx.sourceId, dept) };
  } catch (error) {
    if (!isUnknownOutcome(error)) throw asInputError(error, USER_FIELDS);
    const created = await ctx.findByEmail(body.Email, scope).catch(() => null);
    if (created) return { status: "CREATED", user: created };
    throw error;
  }
  // A 200 without the user in it: the user is whatever the vendor now holds under that email.
  const created = await ctx.findByEmail(body.Email, scope);
  if (!created)
    throw new SourceError(
      `Source "${ctx.sourceId}" (${ctx.vendor}) sent a response Rollcall could not read`,
      {
        code: ErrorCode.SOURCE_BAD_RESPONSE,
        sourceId: ctx.sourceId,
        vendor: ctx.vendor,
      },
    );
  return { status: "CREATED", user: created };
}
