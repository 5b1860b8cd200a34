import { InputError, NotFoundError } from "../../../model/errors.js";
import type { UserRecord } from "../../../model/records.js";
import type { RequestScope } from "../../connector.js";
import type { UserChanges } from "../../connector-writes.js";
import { notApplied, readBack, sendOnceThenSettle } from "../../write-rules/index.js";
import { toUser } from "../mapper.js";
import { isQacId } from "../pushdown.js";
import type { RawUser, RequestUserPatch } from "../raw-types.js";
import type { QacWriteContext } from "./context.js";
import { checkLogin, securityAdminFlag } from "./person.js";
import { qacRefusal, USER_FIELDS } from "./refusals.js";

const sameEmail = (a: string | null | undefined, b: string | null | undefined) =>
  (a ?? "").toLowerCase() === (b ?? "").toLowerCase();

/** What the PATCH must say to turn `current` into `changes`: only what differs. */
function patchOf(current: UserRecord, changes: UserChanges, admin: boolean | undefined): RequestUserPatch {
  const body: { -readonly [K in keyof RequestUserPatch]: RequestUserPatch[K] } = {};
  if (changes.firstName !== undefined && changes.firstName !== current.firstName)
    body.FirstName = changes.firstName;
  if (changes.lastName !== undefined && changes.lastName !== current.lastName)
    body.LastName = changes.lastName;
  if (changes.email !== undefined && changes.email !== current.email) body.Email = changes.email;
  if (admin !== undefined && admin !== (current.admin ?? false)) body.IsSecurityAdmin = admin;
  return body;
}

/** Whether `user` shows every property of the PATCH (how a lost answer is settled). */
function shows(user: UserRecord, body: RequestUserPatch): boolean {
  return (
    (body.FirstName === undefined || user.firstName === body.FirstName) &&
    (body.LastName === undefined || user.lastName === body.LastName) &&
    (body.Email === undefined || sameEmail(user.email, body.Email)) &&
    (body.IsSecurityAdmin === undefined || user.admin === body.IsSecurityAdmin)
  );
}

async function readOne(ctx: QacWriteContext, userId: string, scope: RequestScope): Promise<UserRecord> {
  const [user] = await ctx.readUsers([userId], scope);
  if (user === undefined) throw new NotFoundError(ctx.sourceId, ctx.vendor, "User", userId);
  if (user instanceof Error) throw user;
  return user;
}

/**
 * `PATCH /depts/{DeptId}/users/{UserId}` with only the properties that change: PATCH leaves the
 * others as they are, where PUT would reset them (REFERENCE §3.2). Read first: the user must
 * exist and be filed under this department as primary (users/deptid-userid-patch.html), and a
 * new email must not be another user's login. QAComplete has no version token: `version` is
 * not checked.
 */
export async function update(
  ctx: QacWriteContext,
  userId: string,
  changes: UserChanges,
  scope: RequestScope,
): Promise<UserRecord> {
  const admin = securityAdminFlag(changes.globalRole, ctx.sourceId);
  if (!isQacId(userId)) throw new NotFoundError(ctx.sourceId, ctx.vendor, "User", userId);
  const [loaded] = await scope.loadUsers([userId]);
  if (loaded === undefined || loaded instanceof Error)
    throw loaded ?? new NotFoundError(ctx.sourceId, ctx.vendor, "User", userId);
  const current = loaded;
  const primary = (current.raw as RawUser).primary_dept_id;
  if (primary !== undefined && String(primary) !== ctx.deptId)
    throw new InputError(
      `User ${userId}'s primary department is ${primary}; QAComplete changes a user only in that department, not in ${ctx.deptId} (source "${ctx.sourceId}")`,
      "input.user",
    );
  checkLogin(changes.login, changes.email ?? current.email ?? "", ctx.sourceId);
  const body = patchOf(current, changes, admin);
  if (Object.keys(body).length === 0) return current;
  if (body.Email !== undefined && !sameEmail(body.Email, current.email)) {
    const holder = await ctx.findByEmail(body.Email, scope);
    if (holder && holder.remoteId !== userId)
      throw new InputError(
        `${body.Email} is already the login of user ${holder.remoteId} in source "${ctx.sourceId}"`,
        "input.email",
      );
  }
  return sendOnceThenSettle(
    async () => {
      const answer = await ctx.client.patchUser(userId, body).catch((error: unknown) => {
        throw qacRefusal(error, USER_FIELDS);
      });
      if (answer && typeof answer.id === "number")
        return toUser(answer, ctx.sourceId, await ctx.department(scope));
      // A 200 without the user: the read below says whether it shows the change.
      throw notApplied(ctx, `answered the change of user ${userId} without the user`);
    },
    readBack(
      () => readOne(ctx, userId, scope),
      (now) => shows(now, body),
    ),
  );
}
