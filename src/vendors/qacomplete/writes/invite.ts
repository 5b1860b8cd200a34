import type { RequestScope } from "../../connector.js";
import type { InviteOutcome, NewUser } from "../../connector-writes.js";
import { createOnce, notApplied } from "../../write-rules/index.js";
import { toUser } from "../mapper.js";
import type { QacWriteContext } from "./context.js";
import { requestUserPost } from "./person.js";
import { qacRefusal, USER_FIELDS } from "./refusals.js";

/**
 * `POST /depts/{DeptId}/users` (seed page), after a `Filter=Email = '…'` lookup: an existing
 * email answers ALREADY_EXISTS with that user and nothing is sent. Sent once; when its answer is
 * lost (or unreadable), the same lookup tells whether the user was created.
 */
export async function invite(
  ctx: QacWriteContext,
  user: NewUser,
  scope: RequestScope,
): Promise<InviteOutcome> {
  const body = requestUserPost(user, ctx.sourceId);
  const existing = await ctx.findByEmail(body.Email, scope);
  if (existing) return { status: "ALREADY_EXISTS", user: existing };
  const { created } = await createOnce({
    async send() {
      const [raw, dept] = await Promise.all([ctx.client.createUser(body), ctx.department(scope)]);
      if (raw && typeof raw.id === "number") return toUser(raw, ctx.sourceId, dept);
      // A 200 without the user in it is an answer Rollcall can't read: the lookup settles it.
      throw notApplied(ctx, "answered the invite without the user");
    },
    find: () => ctx.findByEmail(body.Email, scope),
  }).catch((error: unknown) => {
    throw qacRefusal(error, USER_FIELDS);
  });
  return { status: "CREATED", user: created };
}
