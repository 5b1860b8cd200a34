import { InputError, NotFoundError, UnsupportedError } from "../../../model/errors.js";
import type { GroupRecord, UserRecord } from "../../../model/records.js";
import { eachKey } from "../../batch.js";
import type { RequestScope } from "../../connector.js";
import type { NewUser, UserChanges, UserWriter } from "../../connector-writes.js";
import { fullName } from "../../mapping.js";
import { createOnce, outcomeUnknown, sendOnceThenSettle } from "../../write-rules/index.js";
import { type Groups, key } from "../directory.js";
import { toUser } from "../mapper.js";
import type { RawNewUser, RawUser, RawUserUpdate } from "../raw-types.js";
import type { WriteContext } from "./context.js";
import { groupById, groupNamed } from "./group-choice.js";
import { refusedAs } from "./refusals.js";

const sameText = (a: string | null | undefined, b: string | null | undefined) =>
  (a ?? "").toLowerCase() === (b ?? "").toLowerCase();

/** Accounts sign in with their email (`POST /api/token/login` takes `Email`): no other login exists. */
function checkLogin(ctx: WriteContext, login: string | undefined, email: string | null): void {
  if (login !== undefined && !sameText(login, email))
    throw new UnsupportedError(
      ctx.sourceId,
      ctx.vendor,
      `${ctx.vendor} accounts sign in with their email; a login of their own ("${login}") cannot be set`,
      "input.login",
    );
}

/**
 * Create User needs its one `UserGroup` (doc page "Create new User"): one of `input.groups` in
 * this source, or [I] the group named by `globalRole`, a user's group being its instance-wide role.
 */
function checkGroupGiven(ctx: WriteContext, user: NewUser): void {
  const ids = user.groupIds ?? [];
  if (ids.length > 1)
    throw new InputError(
      `A ${ctx.vendor} user is in exactly one user group: give one of source "${ctx.sourceId}"'s groups, not ${ids.length}`,
      "input.groups",
    );
  if (ids.length === 0 && user.globalRole === undefined)
    throw new InputError(
      `${ctx.vendor} puts every user in one user group: give one of source "${ctx.sourceId}"'s groups in \`input.groups\``,
      "input.groups",
    );
}

function groupForInvite(ctx: WriteContext, groups: Groups, user: NewUser): GroupRecord {
  const id = user.groupIds?.[0];
  const byId = id === undefined ? undefined : groupById(ctx, groups, id, "input.groups");
  const byName =
    user.globalRole === undefined ? undefined : groupNamed(ctx, groups, user.globalRole, "input.globalRole");
  if (byId && byName && byId.remoteId !== byName.remoteId)
    throw new InputError(
      `\`input.globalRole\` names group "${byName.name}" but \`input.groups\` names "${byId.name}"; a user is in one group`,
      "input.globalRole",
    );
  return (byId ?? byName) as GroupRecord;
}

/** DisplayName is the API's only name: a change to it needs both halves (no split is stored). */
function displayNameChange(changes: UserChanges): string | undefined {
  const { firstName, lastName } = changes;
  if (firstName === undefined && lastName === undefined) return undefined;
  if (firstName === undefined || lastName === undefined) {
    const missing = firstName === undefined ? "input.firstName" : "input.lastName";
    throw new InputError(
      "TestResults.io keeps one DisplayName, not a first and last name: give both `input.firstName` and `input.lastName`",
      missing,
    );
  }
  return fullName(firstName, lastName, "");
}

/** The current DisplayName as sent, not the record's fallback to the email. */
const displayNameOf = (user: UserRecord) => (user.raw as RawUser).DisplayName ?? null;

export function testResultsUserWriter(ctx: WriteContext): UserWriter {
  const { client, reads, sourceId } = ctx;

  /** The user as the vendor now lists it in one group, read past the operation's earlier reads. */
  const listedIn = async (groupId: string, match: (u: UserRecord) => boolean) =>
    (await reads.groupUsersOf(reads.fresh(), groupId)).find(match) ?? null;

  return {
    async invite(user: NewUser, scope: RequestScope) {
      checkGroupGiven(ctx, user);
      checkLogin(ctx, user.login, user.email);
      const group = groupForInvite(ctx, await reads.groupsOf(scope), user);
      const existing = (await reads.directoryOf(scope)).byEmail.get(user.email.toLowerCase());
      if (existing) return { status: "ALREADY_EXISTS", user: existing.user };
      // [I] Create User takes no password (doc page "Create new User"): the account sets its own
      // through the reset flow, so a password given here is not sent anywhere.
      const body: RawNewUser = {
        DisplayName: fullName(user.firstName, user.lastName, user.email),
        Email: user.email,
        UserGroup: { Id: group.remoteId },
      };
      const { created } = await createOnce({
        send: async () => toUser(await client.createUser(body), sourceId),
        find: () => listedIn(group.remoteId, (u) => sameText(u.email, user.email)),
      }).catch(refusedAs(ctx, "User", user.email));
      return { status: "CREATED", user: created };
    },

    async update(userId: string, changes: UserChanges, scope: RequestScope) {
      const displayName = displayNameChange(changes);
      const [groups, directory] = await Promise.all([reads.groupsOf(scope), reads.directoryOf(scope)]);
      const entry = directory.byId.get(key(userId));
      if (!entry || entry.user.archived) throw new NotFoundError(sourceId, ctx.vendor, "User", userId);
      const email = changes.email ?? (entry.user.email as string);
      checkLogin(ctx, changes.login, email);
      const holder = directory.byEmail.get(email.toLowerCase());
      if (holder && key(holder.user.remoteId) !== key(userId))
        throw new InputError(
          `${email} is the email of another account in source "${sourceId}" (${holder.user.remoteId})`,
          "input.email",
        );
      const group =
        changes.globalRole === undefined
          ? entry.group
          : groupNamed(ctx, groups, changes.globalRole, "input.globalRole");
      // [I] The page's body has the three fields and no word on omitted ones, so all three go,
      // the unchanged ones as just read; DataVersion rides inside UserData (see raw-types).
      const version = changes.version ?? entry.user.version ?? null;
      const body: RawUserUpdate = {
        UserData: {
          DisplayName: displayName ?? displayNameOf(entry.user),
          Email: email,
          UserGroup: { Id: group.remoteId },
          DataVersion: version,
        },
      };
      return sendOnceThenSettle(
        async () =>
          toUser(await client.updateUser(userId, body).catch(refusedAs(ctx, "User", userId)), sourceId),
        () =>
          listedIn(
            group.remoteId,
            (u) =>
              key(u.remoteId) === key(userId) &&
              u.version !== version &&
              u.email === body.UserData.Email &&
              displayNameOf(u) === body.UserData.DisplayName,
          ),
      );
    },

    // No batch route: one DELETE /api/users/{uId} per user (doc page "Delete User"), side by side.
    async remove(userIds: readonly string[], _scope: RequestScope) {
      const answers = await eachKey(userIds, async (id) => {
        await client.deleteUser(id).catch(refusedAs(ctx, "User", id));
        return true as const;
      });
      if (!answers.some(outcomeUnknown)) return answers;
      // One directory read settles every delete whose answer was lost: gone or archived is done;
      // still there (or an unreadable directory) leaves the delete's own failure standing.
      const after = await reads.directoryOf(reads.fresh()).catch(() => null);
      return answers.map((answer, i) => {
        if (!outcomeUnknown(answer) || !after) return answer;
        const entry = after.byId.get(key(userIds[i] as string));
        return !entry || entry.user.archived ? (true as const) : answer;
      });
    },
  };
}
