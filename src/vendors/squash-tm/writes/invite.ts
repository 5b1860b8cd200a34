import { InputError, isNotFound, SourceError } from "../../../model/errors.js";
import type { UserRecord } from "../../../model/records.js";
import type { RequestScope } from "../../connector.js";
import type { InviteOutcome, NewUser } from "../../connector-writes.js";
import { createOnce } from "../../write-rules/index.js";
import { toUser } from "../mapper.js";
import type { RawNewUser } from "../raw-types.js";
import type { WriteContext } from "./context.js";
import { DEFAULT_GROUP, requestGroup } from "./global-group.js";
import { findByLogin, findIdByEmail } from "./lookups.js";
import { inviteFields, squashRefusal } from "./refusals.js";

const sameEmail = (a: string | undefined, b: string) => a?.trim().toLowerCase() === b.trim().toLowerCase();

function loginTaken(login: string, explicit: boolean): InputError {
  const why = explicit ? "" : " (without `login`, the login is the email)";
  return new InputError(
    `The login "${login}" belongs to another Squash TM account${why}; choose another login`,
    "input.login",
  );
}

/**
 * The account this invite would duplicate, if any. The login is unique in Squash and cheap to look
 * up, so it goes first; only when it is free is the user list scanned for the email.
 */
async function existingAccount(
  ctx: WriteContext,
  user: NewUser,
  login: string,
  scope: RequestScope,
): Promise<UserRecord | null> {
  const holder = await findByLogin(ctx, login);
  if (holder) {
    if (sameEmail(holder.email, user.email)) return toUser(holder, ctx.sourceId);
    throw loginTaken(login, user.login !== undefined);
  }
  const id = await findIdByEmail(ctx, user.email);
  if (id === null) return null;
  const [found] = await scope.loadUsers([id]);
  if (found instanceof Error) {
    if (isNotFound(found)) return null; // deleted since the scan
    throw found;
  }
  return found ?? null;
}

/**
 * `POST /users` (seed page "Create user"). Squash requires a login, a password and a group: the
 * login defaults to the email and the group to `user`; the password has no default [I], so an
 * invite without one is refused before any call. The password goes into the request body only.
 */
export async function inviteUser(
  ctx: WriteContext,
  user: NewUser,
  scope: RequestScope,
): Promise<InviteOutcome> {
  if (user.groupIds && user.groupIds.length > 0)
    throw new InputError(
      "Squash TM has no user groups (its instance-wide role is `globalRole`)",
      "input.groups",
    );
  if (!user.password)
    throw new InputError(
      "Squash TM needs an initial password for a new account; Rollcall does not invent one",
      "input.password",
    );
  const group =
    user.globalRole === undefined ? DEFAULT_GROUP : requestGroup(user.globalRole, "input.globalRole");
  const login = user.login ?? user.email;

  const existing = await existingAccount(ctx, user, login, scope);
  if (existing) return { status: "ALREADY_EXISTS", user: existing };

  const body: RawNewUser = {
    _type: "user",
    first_name: user.firstName,
    last_name: user.lastName,
    login,
    password: user.password,
    email: user.email,
    group,
    // [I] Deleting library items from the front-end is a Premium power nobody asked for.
    can_delete_from_front: false,
  };
  try {
    // A create that failed may still have happened (5xx, timeout) or raced another invite (409):
    // the login, checked free before, tells which, when its holder has this email.
    const { status, created } = await createOnce({
      send: () => ctx.client.createUser(body),
      find: async () => {
        const holder = await findByLogin(ctx, login);
        return holder && sameEmail(holder.email, user.email) ? holder : null;
      },
      raced: (error) => error instanceof SourceError && error.httpStatus === 409,
    });
    return { status, user: toUser(created, ctx.sourceId) };
  } catch (error) {
    throw squashRefusal(error, inviteFields(user.login !== undefined));
  }
}
