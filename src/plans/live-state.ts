/**
 * The live state of one step's target, read just before the step runs: whether it is already as
 * the step wants (then nothing is sent), and how it differs from what the plan saw (a stale plan).
 * `stepAlreadyDone` is also what settles a write a crash left without an outcome (the audit trail).
 */
import type { SourceSession } from "../loaders/source-session.js";
import { isNotFound } from "../model/errors.js";
import { accountsWithEmail, accountToActOn } from "./account-lookup.js";
import { StepAction, type StepRecord } from "./plan.js";
import { accountValue, isAsWanted, memberValue, roleValue } from "./step-values.js";

export interface LiveState {
  /** The account the step acts on (null: none yet, for a step on an account still to be created). */
  readonly userId: string | null;
  /** The target's state, in the words of the step's `from` and `to` (plans/step-values.ts). */
  readonly value: string | null;
  /** The step's account no longer exists. */
  readonly gone: boolean;
}

/** Steps that take something away: an account that is gone has nothing left to take. */
const TAKES_AWAY: ReadonlySet<StepAction> = new Set([
  StepAction.DEACTIVATE_ACCOUNT,
  StepAction.DELETE_ACCOUNT,
  StepAction.REMOVE_FROM_PROJECT,
  StepAction.REMOVE_FROM_GROUP,
  StepAction.REMOVE_FROM_TEAM,
]);

const ACCOUNT_ACTIONS: ReadonlySet<StepAction> = new Set([
  StepAction.CREATE_ACCOUNT,
  StepAction.DEACTIVATE_ACCOUNT,
  StepAction.REACTIVATE_ACCOUNT,
  StepAction.DELETE_ACCOUNT,
]);

/** Whether a live state is what the step makes (or, for a step taking access away, its account is gone). */
export function isDone(step: StepRecord, live: LiveState): boolean {
  return isAsWanted(live.value, step.to) || (live.gone && TAKES_AWAY.has(step.action));
}

/** A relation of the account, or null when the account is gone (a read's NOT_FOUND). */
async function relationOf<T>(
  load: (() => Promise<T>) | undefined,
  what: string,
  step: StepRecord,
): Promise<T | null> {
  if (!load) throw new Error(`source "${step.sourceId}" has no ${what} to read for step ${step.id}`);
  try {
    return await load();
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/** Reads the step's target as it is now (through the session's loaders). Throws when a read fails. */
export async function readLiveState(session: SourceSession, step: StepRecord): Promise<LiveState> {
  const { target } = step;
  let userId = target.userId;
  if (userId === null) {
    if (target.email === null) throw new Error(`step ${step.id} names neither an account nor an email`);
    userId = accountToActOn(await accountsWithEmail(session, target.email))?.remoteId ?? null;
    if (userId === null) return { userId: null, value: null, gone: false };
  }
  const id = userId;
  if (ACCOUNT_ACTIONS.has(step.action)) {
    const user = await relationOf(() => session.users.load(id), "users", step);
    return { userId, value: accountValue(user), gone: user === null };
  }
  switch (step.action) {
    case StepAction.ASSIGN_ROLE:
    case StepAction.CHANGE_ROLE:
    case StepAction.REMOVE_FROM_PROJECT: {
      const loader = session.permissionsOfUser;
      const permissions = await relationOf(loader && (() => loader.load(id)), "permissions", step);
      const projectId = target.projectId;
      if (projectId === null) throw new Error(`step ${step.id} names no project`);
      return { userId, value: permissions && roleValue(permissions, projectId), gone: permissions === null };
    }
    case StepAction.ADD_TO_GROUP:
    case StepAction.REMOVE_FROM_GROUP: {
      const loader = session.groupsOfUser;
      const groups = await relationOf(loader && (() => loader.load(id)), "groups", step);
      return {
        userId,
        value: memberValue(groups?.some((g) => g.remoteId === target.groupId) ?? false),
        gone: groups === null,
      };
    }
    case StepAction.ADD_TO_TEAM:
    case StepAction.REMOVE_FROM_TEAM: {
      const loader = session.teamsOfUser;
      const teams = await relationOf(loader && (() => loader.load(id)), "teams", step);
      return {
        userId,
        value: memberValue(teams?.some((t) => t.remoteId === target.teamId) ?? false),
        gone: teams === null,
      };
    }
    default:
      throw new Error(`Rollcall's plan engine does not apply ${step.action} steps`);
  }
}

/** Whether the step's target is already as the step wants it (nothing would be sent). */
export async function stepAlreadyDone(session: SourceSession, step: StepRecord): Promise<boolean> {
  return isDone(step, await readLiveState(session, step));
}
