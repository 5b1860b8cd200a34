/**
 * One source's account writes, shaped as mutation results: what `inviteUser`, `setUserActive` and
 * `deleteUsers` do per source, and what an applied plan step does (plans/run-step.ts), written once.
 */
import type { SourceSession } from "../../loaders/source-session.js";
import { Capability } from "../../model/capabilities.js";
import type { UserRecord } from "../../model/records.js";
import type { NewUser } from "../../vendors/connector-writes.js";
import { toGlobalId } from "../common/global-id.js";
import { MutationStatus } from "./result.types.js";
import { done, failed, type ResultBase, unsupported, writePerKey } from "./result-shape.js";

export type UserResultShape = ResultBase & { user: UserRecord | null };

/**
 * Deactivates (false) or reactivates (true) accounts of one source, a result per id in order. A
 * user already in the state asked for is UNCHANGED and costs no write; the writer is asked for the
 * rest (a user that can't be read is left to it, to answer as it does). Where the source can't make
 * the change at all, nothing is read: the writer's absence says why.
 */
export async function setActiveIn(
  session: SourceSession,
  userIds: readonly string[],
  active: boolean,
): Promise<UserResultShape[]> {
  const setActive = session.connector.writes?.users?.setActive;
  const can = session.connector.capabilities.has(
    active ? Capability.REACTIVATE_USERS : Capability.DEACTIVATE_USERS,
  );
  const current = setActive && can ? await session.users.loadMany(userIds) : [];
  const unchanged = userIds.map((_id, i) => {
    const user = current[i];
    return user && !(user instanceof Error) && user.active === active ? user : null;
  });
  const toWrite = userIds.filter((_id, i) => unchanged[i] === null);
  const written =
    toWrite.length === 0
      ? []
      : await writePerKey({
          session,
          keys: toWrite,
          write: setActive && (() => setActive(toWrite, active, session)),
          unsupportedAs: active
            ? { operation: "reactivateUser", what: "reactivate users" }
            : { operation: "deactivateUser", what: "deactivate users" },
          status: MutationStatus.UPDATED,
          shape: (_id, user) => ({ user }),
          onDone: (user) => session.prime([user]),
        });
  let next = 0;
  return unchanged.map((user) =>
    user ? done(session, MutationStatus.UNCHANGED, { user }) : (written[next++] as UserResultShape),
  );
}

/** Deletes accounts of one source where its vendor deletes; a result per id, with its global id. */
export function deleteIn(
  session: SourceSession,
  userIds: readonly string[],
): Promise<Array<ResultBase & { id: string }>> {
  const remove = session.connector.writes?.users?.remove;
  return writePerKey({
    session,
    keys: userIds,
    write: remove && (() => remove(userIds, session)),
    unsupportedAs: { operation: "deleteUsers", what: "delete users" },
    status: MutationStatus.DELETED,
    shape: (id) => ({ id: toGlobalId(session.sourceId, "User", id) }),
  });
}

/**
 * Creates one account in one source: CREATED, or ALREADY_EXISTS with the existing account (nothing
 * is created twice). A vendor that can't take a password still gets the account, and the result
 * warns that the person sets one through the vendor's own flow.
 */
export async function inviteIn(session: SourceSession, person: NewUser): Promise<UserResultShape> {
  const writer = session.connector.writes?.users;
  if (!writer) return unsupported(session, "inviteUser", "invite users", { user: null });
  const dropsPassword = person.password !== undefined && !writer.setsPassword;
  const { vendor } = session.connector.source;
  const warnings = dropsPassword
    ? [
        `${vendor} can't set a password over its API, so none was sent: the person sets one through ${vendor}'s own reset or invitation flow`,
      ]
    : [];
  try {
    const outcome = await writer.invite(
      { ...person, password: dropsPassword ? undefined : person.password },
      session,
    );
    session.clear();
    session.prime([outcome.user]);
    if (outcome.status === "CREATED")
      return { ...done(session, MutationStatus.CREATED, { user: outcome.user }), warnings };
    // The state is as asked, so this is no error: the status says what happened, and a
    // warning says it in words (a client that reads "error is not null" as failure is right).
    return {
      ...done(session, MutationStatus.ALREADY_EXISTS, { user: outcome.user }),
      warnings: [
        `An account with email ${person.email} already exists in source "${session.sourceId}": it is the one returned, and nothing was created`,
      ],
    };
  } catch (error) {
    session.clear();
    return failed(session, error, { user: null });
  }
}
