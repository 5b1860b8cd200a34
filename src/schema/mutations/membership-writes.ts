/**
 * One source's team and group membership writes, shaped as mutation results: what the team and
 * group member mutations do, and what an applied plan step does (plans/run-step.ts), written once.
 */
import type { SourceSession } from "../../loaders/source-session.js";
import type { GroupRecord, TeamRecord, UserRecord } from "../../model/records.js";
import type { GroupWriter, MembershipOutcome, WriteOperation } from "../../vendors/connector-writes.js";
import { MutationStatus } from "./result.types.js";
import { done, failed, type ResultBase, unsupported } from "./result-shape.js";

export type TeamResultShape = ResultBase & { user: UserRecord | null; teams: TeamRecord[] | null };
export type GroupResultShape = ResultBase & { group: GroupRecord | null };

/** Adds a user to teams (join) or takes them out (leave); UNCHANGED when nothing needed sending. */
export async function changeTeamsIn(
  session: SourceSession,
  userId: string,
  teamIds: readonly string[],
  how: "join" | "leave",
): Promise<TeamResultShape> {
  const writer = session.connector.writes?.teams;
  if (!writer)
    return unsupported(session, "teamMembership", "change team memberships", { user: null, teams: null });
  try {
    const { status, now: after } = await writer[how](userId, teamIds, session);
    session.clear();
    session.prime(after);
    // UNCHANGED: the user already was (or wasn't) in every team named, and nothing was sent.
    return done(session, MutationStatus[status], { user: await session.users.load(userId), teams: after });
  } catch (error) {
    session.clear();
    return failed(session, error, { user: null, teams: null });
  }
}

/** A group write's answer: the group as it now stands, and what the write did. */
export interface GroupChange {
  readonly status: MutationStatus;
  readonly group: GroupRecord;
}

/** A member change: UPDATED, or UNCHANGED when the writer found nothing to change. */
export const membership = async (pending: Promise<MembershipOutcome<GroupRecord>>): Promise<GroupChange> => {
  const { status, now } = await pending;
  return { status: MutationStatus[status], group: now };
};

/** Runs one group write in one source and shapes its single result. */
export async function groupResult(
  session: SourceSession,
  /** Undefined when the vendor's writer lacks this operation (UNSUPPORTED_BY_SOURCE). */
  write: (writer: GroupWriter) => Promise<GroupChange> | undefined,
  unsupportedAs: { operation: WriteOperation; what: string } = { operation: "groups", what: "manage groups" },
): Promise<GroupResultShape> {
  const writer = session.connector.writes?.groups;
  const unavailable = () =>
    unsupported(session, unsupportedAs.operation, unsupportedAs.what, { group: null });
  if (!writer) return unavailable();
  try {
    const pending = write(writer);
    if (!pending) return unavailable();
    const { status, group } = await pending;
    session.clear();
    session.prime([group]);
    return done(session, status, { group });
  } catch (error) {
    session.clear();
    return failed(session, error, { group: null });
  }
}

/** Adds users to a group (add) or takes them out (remove, where the vendor lets anyone leave). */
export function changeGroupMembersIn(
  session: SourceSession,
  groupId: string,
  userIds: readonly string[],
  how: "add" | "remove",
): Promise<GroupResultShape> {
  if (how === "add") return groupResult(session, (w) => membership(w.addMembers(groupId, userIds, session)));
  return groupResult(
    session,
    (w) => {
      const pending = w.removeMembers?.(groupId, userIds, session);
      return pending && membership(pending);
    },
    { operation: "removeUsersFromGroup", what: "take users out of a group" },
  );
}
