import { InputError, UnsupportedError } from "../../../model/errors.js";
import type { RequestScope } from "../../connector.js";
import type { InviteOutcome, NewUser } from "../../connector-writes.js";
import { createOnce, isRefusal, notApplied } from "../../write-rules/index.js";
import { toUser } from "../mapper.js";
import type { RawNewUser, RawUser } from "../raw-types.js";
import { isQTestId, type WriteContext } from "./context.js";
import { qtestRefusal } from "./refusals.js";

/** qTest fields of `POST /users` → the inviteUser input fields they come from. */
const INVITE_FIELDS = {
  username: "input.email",
  email: "input.email",
  first_name: "input.firstName",
  last_name: "input.lastName",
  password: "input.password",
  user_group_ids: "input.groups",
};

/**
 * The account with this email, inactive ones included. qTest searches logins only, by substring
 * and case-sensitively (seed page, find_by_user_name_or_email), so the lower-cased address is
 * asked (what Rollcall creates) and, when it differs, the address as given; exact matches win.
 */
export async function findByEmail(ctx: WriteContext, email: string): Promise<RawUser | undefined> {
  const wanted = email.toLowerCase();
  const forms = [...new Set([wanted, email])];
  const pages = await Promise.all(forms.map((username) => ctx.client.findUsersByLogin(username)));
  return pages
    .flatMap((page) => page.items)
    .find((u) => u.username.toLowerCase() === wanted || u.email?.toLowerCase() === wanted);
}

function unsupported(ctx: WriteContext, field: string, why: string): UnsupportedError {
  return new UnsupportedError(
    ctx.sourceId,
    ctx.vendor,
    `${ctx.vendor} (source "${ctx.sourceId}") ${why}`,
    field,
  );
}

/** The admin profile is qTest's instance-wide role; Rollcall cannot set it faithfully (README, "Writes"). */
export function globalRoleUnsupported(ctx: WriteContext): UnsupportedError {
  return unsupported(
    ctx,
    "input.globalRole",
    "cannot set an admin profile through its API as documented: the v3 swagger's batch-assign-users body has no admin profile id; set it in qTest's admin panel",
  );
}

async function checkGroups(
  ctx: WriteContext,
  ids: readonly string[],
  scope: RequestScope,
): Promise<number[]> {
  if (ids.length === 0) return [];
  const groups = await ctx.reads.groups(scope).catch((error: unknown) => {
    // An instance without user groups: the request's groups are what cannot be served.
    if (error instanceof UnsupportedError)
      throw new UnsupportedError(error.sourceId, error.vendor, error.message, "input.groups");
    throw error;
  });
  const known = new Set(groups.map((g) => String(g.id)));
  const unknown = ids.find((id) => !isQTestId(id) || !known.has(id));
  if (unknown !== undefined)
    throw new InputError(`No user group ${unknown} in source "${ctx.sourceId}"`, "input.groups");
  return [...new Set(ids)].map(Number);
}

/**
 * `POST /users` after a search for the email: an existing account answers ALREADY_EXISTS and
 * nothing is sent. The login is the lower-cased email, so Rollcall's email lookups find it [I].
 * The password goes into the request body only; without one qTest sets its default.
 */
export async function invite(ctx: WriteContext, user: NewUser, scope: RequestScope): Promise<InviteOutcome> {
  const login = user.email.toLowerCase();
  if (user.globalRole !== undefined) throw globalRoleUnsupported(ctx);
  if (user.login !== undefined && user.login.toLowerCase() !== login)
    throw unsupported(
      ctx,
      "input.login",
      'takes the email as the login ("username (require): email of new user", v3 swagger create_user); leave `input.login` out',
    );
  const [groupIds, existing] = await Promise.all([
    checkGroups(ctx, user.groupIds ?? [], scope),
    findByEmail(ctx, user.email),
  ]);
  if (existing) return { status: "ALREADY_EXISTS", user: toUser(existing, ctx.sourceId) };

  const body: RawNewUser = {
    username: login,
    email: login,
    first_name: user.firstName,
    last_name: user.lastName,
    ...(user.password === undefined ? {} : { password: user.password }),
    ...(groupIds.length === 0 ? {} : { user_group_ids: groupIds }),
  };
  try {
    const { status, created } = await createOnce({
      async send() {
        const answer = await ctx.client.createUser(body);
        // The answer is a UserResource (v3 swagger); one without an id is settled by the lookup.
        if (answer?.id === undefined) throw notApplied(ctx, "answered the invite without the user");
        return answer;
      },
      find: async () => (await findByEmail(ctx, user.email)) ?? null,
      // A refusal may be someone else's account made since the lookup above (the lookup says).
      raced: isRefusal,
    });
    return { status, user: toUser(created, ctx.sourceId) };
  } catch (error) {
    throw qtestRefusal(error, INVITE_FIELDS);
  }
}
