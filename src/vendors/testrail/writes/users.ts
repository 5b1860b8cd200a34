import { InputError } from "../../../model/errors.js";
import { eachKey } from "../../batch.js";
import type { RequestScope } from "../../connector.js";
import type { UserChanges, UserWriter } from "../../connector-writes.js";
import { fullName } from "../../mapping.js";
import { createOnce, isRefusal, readBack, sendOnceThenSettle } from "../../write-rules/index.js";
import type { TestRailClient } from "../client.js";
import { roleIdOf, toUser } from "../mapper.js";
import type { RawUser } from "../raw-types.js";
import type { RawNewUser, RawUserChanges } from "../raw-write-types.js";
import type { WriteContext } from "./context.js";
import { refusedAs } from "./refusals.js";
import { resolveRole } from "./roles.js";

/** TestRail's field -> the unified input field it was filled from. */
const INVITE_FIELDS = {
  name: "input.firstName",
  email: "input.email",
  role_id: "input.globalRole",
  group_ids: "input.groups",
};
const UPDATE_FIELDS = { name: "input.firstName", email: "input.email", role_id: "input.globalRole" };

const lower = (s: string) => s.trim().toLowerCase();

/** The account with this email, or null (`findUserByEmail` says when a refusal means "none").
 *  Never memoised: it decides whether to create. */
const findByEmail = (client: TestRailClient, email: string): Promise<RawUser | null> =>
  client.findUserByEmail(email);

/** Whether a user read back shows every field a write sent (to settle a lost answer). */
function shows(user: RawUser, sent: RawUserChanges): boolean {
  return (
    (sent.name === undefined || user.name === sent.name) &&
    (sent.email === undefined || lower(user.email) === lower(sent.email)) &&
    (sent.role_id === undefined || roleIdOf(user.role_id) === sent.role_id) &&
    (sent.is_active === undefined || user.is_active === sent.is_active)
  );
}

/** TestRail group ids the invite names, checked against `get_groups` before the write. */
async function checkGroups(ctx: WriteContext, scope: RequestScope, groupIds: readonly string[]) {
  if (groupIds.length === 0) return undefined;
  const known = new Set((await ctx.reads.groups(scope)).map((g) => String(g.id)));
  const unknown = groupIds.find((id) => !known.has(id));
  if (unknown !== undefined)
    throw new InputError(`Group ${unknown} does not exist in source "${ctx.sourceId}"`, "input.groups");
  return [...new Set(groupIds.map(Number))];
}

/**
 * Users: add_user and update_user (REFERENCE §5.2). TestRail has no delete_user, so there is no
 * `remove`: deleteUsers is UNSUPPORTED_BY_SOURCE and callers deactivate instead.
 */
export function testRailUserWriter(ctx: WriteContext): UserWriter {
  const { client, reads, sourceId } = ctx;

  /** The update_user body for unified changes, after the checks only TestRail's rules need. */
  async function changesBody(userId: string, changes: UserChanges, scope: RequestScope) {
    if (changes.version !== undefined)
      throw new InputError("TestRail users carry no version to check", "input.version");
    // One `name` field (users doc page): half a name cannot be written without guessing the split.
    if ((changes.firstName === undefined) !== (changes.lastName === undefined)) {
      const missing = changes.firstName === undefined ? "input.firstName" : "input.lastName";
      throw new InputError(
        `TestRail keeps one full name: give \`input.firstName\` and \`input.lastName\` together`,
        missing,
      );
    }
    // The login is the email (REFERENCE §5.1): a login is accepted only as the new email itself.
    if (
      changes.login !== undefined &&
      (changes.email === undefined || lower(changes.login) !== lower(changes.email))
    )
      throw new InputError(
        "TestRail signs in with the email address: change `input.email` (the login follows it)",
        "input.login",
      );
    const role =
      changes.globalRole === undefined
        ? undefined
        : await resolveRole(reads, scope, changes.globalRole, "input.globalRole", sourceId);
    if (changes.email !== undefined) {
      const holder = await findByEmail(client, changes.email);
      if (holder && String(holder.id) !== userId)
        throw new InputError(
          `${changes.email} already belongs to another user in source "${sourceId}"`,
          "input.email",
        );
    }
    const body: RawUserChanges = {
      ...(changes.firstName !== undefined && { name: fullName(changes.firstName, changes.lastName, "") }),
      ...(changes.email !== undefined && { email: changes.email }),
      ...(role && { role_id: role.id }),
    };
    return body;
  }

  /** update_user once; a lost answer is settled by reading the user back. */
  const update = (userId: string, body: RawUserChanges) =>
    sendOnceThenSettle(
      () => client.updateUser(userId, body).catch(refusedAs(UPDATE_FIELDS)),
      readBack(
        () => client.getUser(userId),
        (user) => shows(user, body),
      ),
    );

  return {
    async invite(person, scope) {
      const existing = await findByEmail(client, person.email);
      if (existing) return { status: "ALREADY_EXISTS", user: toUser(existing, sourceId) };
      const role =
        person.globalRole === undefined
          ? undefined
          : await resolveRole(reads, scope, person.globalRole, "input.globalRole", sourceId);
      const groupIds = await checkGroups(ctx, scope, person.groupIds ?? []);
      // No password or login: add_user takes neither (REFERENCE §5.2). TestRail signs in by
      // email, and the new user sets a password through TestRail's own invitation [I].
      const body: RawNewUser = {
        name: fullName(person.firstName, person.lastName, person.email),
        email: person.email,
        // The distilled doc says is_active defaults to false (REFERENCE §5.2, "sic — unverified"):
        // an invited user must be able to work, so it is always sent.
        is_active: true,
        ...(role && { role_id: role.id }),
        ...(groupIds && { group_ids: groupIds }),
      };
      const { status, created } = await createOnce({
        send: () => client.addUser(body),
        find: () => findByEmail(client, person.email),
        // [I] "Field :email is already in use by another user": an account made since the lookup.
        raced: (error) => isRefusal(error) && /already in use/i.test(error.vendorMessage ?? ""),
      }).catch(refusedAs(INVITE_FIELDS));
      return { status, user: toUser(created, sourceId) };
    },

    async update(userId, changes, scope) {
      return toUser(await update(userId, await changesBody(userId, changes, scope)), sourceId);
    },

    /** One update_user per user (TestRail has no bulk user update), all at once under the
     *  source's concurrency limit. */
    setActive: (userIds, active) =>
      eachKey(userIds, async (id) => toUser(await update(id, { is_active: active }), sourceId)),
  };
}
