/**
 * One step sent to its vendor through the same code the mutations use (schema/mutations/*-writes.ts,
 * project-access.ts): the writes, their checks and their answers are written once.
 */
import type { RequestContext } from "../loaders/request-context.js";
import { ErrorCode } from "../model/errors.js";
import { deleteIn, inviteIn, setActiveIn } from "../schema/mutations/account-writes.js";
import { changeGroupMembersIn, changeTeamsIn } from "../schema/mutations/membership-writes.js";
import { applyAccess } from "../schema/mutations/project-access.js";
import { MutationStatus } from "../schema/mutations/result.types.js";
import type { ResultBase } from "../schema/mutations/result-shape.js";
import type { NewPerson } from "./onboarding.js";
import { StepAction, type StepRecord } from "./plan.js";
import { UNNAMED_ROLE } from "./step-values.js";

export interface StepRun {
  /** The result as the mutation would answer it: its status, error and warnings. */
  readonly status: MutationStatus;
  readonly error: { readonly code: string; readonly message: string } | null;
  readonly warnings: readonly string[];
}

/** What creating an account needs beyond the step: the person's names, and a password where a
 *  vendor needs one (given to the apply, never stored). */
export interface NewAccount extends NewPerson {
  readonly password?: string;
}

const NOT_SENT: ReadonlySet<MutationStatus> = new Set([
  MutationStatus.UNCHANGED,
  MutationStatus.ALREADY_EXISTS,
]);

/** Whether the vendor was sent a change (false: it found the state already so). */
export const wasSent = (run: StepRun): boolean => run.error === null && !NOT_SENT.has(run.status);

const shaped = (result: ResultBase): StepRun => ({
  status: result.status,
  error: result.error && { code: result.error.code, message: result.error.message },
  warnings: result.warnings,
});

const refused = (message: string): StepRun => ({
  status: MutationStatus.FAILED,
  error: { code: ErrorCode.BAD_USER_INPUT, message },
  warnings: [],
});

/**
 * Sends `step` to its source, acting on account `userId` (the one it names, or the one found or
 * created since). `account` is what a CREATE_ACCOUNT step creates.
 */
export async function runStep(
  ctx: RequestContext,
  step: StepRecord,
  userId: string | null,
  account: NewAccount | null,
): Promise<StepRun> {
  const session = ctx.session(step.sourceId);
  const { target } = step;
  if (step.action === StepAction.CREATE_ACCOUNT) {
    if (!account || target.email === null)
      return refused(`Step ${step.id} creates an account, but the plan does not hold the person's names`);
    return shaped(
      await inviteIn(session, {
        ...account,
        email: target.email,
        groupIds: target.groupId === null ? undefined : [target.groupId],
      }),
    );
  }
  if (userId === null)
    return refused(`Step ${step.id}: ${target.label} has no account in source "${step.sourceId}" to act on`);
  const field = (name: string) => {
    const value = target[name as "projectId" | "groupId" | "teamId"];
    if (value === null) throw new Error(`step ${step.id} names no ${name}`);
    return value;
  };
  switch (step.action) {
    case StepAction.DEACTIVATE_ACCOUNT:
    case StepAction.REACTIVATE_ACCOUNT: {
      const [result] = await setActiveIn(session, [userId], step.action === StepAction.REACTIVATE_ACCOUNT);
      return shaped(result as ResultBase);
    }
    case StepAction.DELETE_ACCOUNT: {
      const [result] = await deleteIn(session, [userId]);
      return shaped(result as ResultBase);
    }
    case StepAction.ASSIGN_ROLE:
    case StepAction.CHANGE_ROLE:
    case StepAction.REMOVE_FROM_PROJECT: {
      const grant = step.action !== StepAction.REMOVE_FROM_PROJECT;
      const { results } = await applyAccess(ctx, grant ? "grant" : "revoke", [
        {
          sourceId: step.sourceId,
          userId,
          projectId: field("projectId"),
          // A role the vendor does not name is its default role: the grant asks for none.
          role: grant && step.to !== UNNAMED_ROLE ? step.to : null,
          roleField: "step.to",
        },
      ]);
      return shaped(results[0] as ResultBase);
    }
    case StepAction.ADD_TO_GROUP:
    case StepAction.REMOVE_FROM_GROUP:
      return shaped(
        await changeGroupMembersIn(
          session,
          field("groupId"),
          [userId],
          step.action === StepAction.ADD_TO_GROUP ? "add" : "remove",
        ),
      );
    case StepAction.ADD_TO_TEAM:
    case StepAction.REMOVE_FROM_TEAM:
      return shaped(
        await changeTeamsIn(
          session,
          userId,
          [field("teamId")],
          step.action === StepAction.ADD_TO_TEAM ? "join" : "leave",
        ),
      );
    default:
      return refused(`Rollcall's plan engine does not apply ${step.action} steps`);
  }
}
