/**
 * Offboarding: the steps that take a person's access away, in one of three modes, for each account
 * the strongest action its vendor allows, and where it allows none a step marked impossible with the
 * vendor's reason. A pure function of the accounts' live state and what each source can do; an
 * account already as the mode wants it gets no step.
 *
 * - DEACTIVATE: every active account deactivated.
 * - REMOVE_ACCESS: every project role, group and team membership removed; accounts kept. Access
 *   through a group or team (`via`) goes by leaving that group or team, never by revoking the
 *   permission it derives. An instance-wide role is kept (it is neither): a step marked impossible
 *   says so, so nothing is left silently.
 * - DELETE_WHERE_POSSIBLE: deleted where the vendor deletes; else deactivated (the step's reason
 *   says why not deleted); else impossible with both reasons.
 *
 * A read that failed plans no guessed step: it becomes one step marked impossible whose reason says
 * what could not be read and why (so the plan shows the gap; planning again once the source answers
 * fills it).
 */
import type { UserRecord } from "../model/records.js";
import type { AccountState, StepRecord } from "./plan.js";
import { StepAction } from "./plan.js";
import { type Ability, abilityFor, type SourceAbilities } from "./source-abilities.js";
import { accountLabel, groupLabel, projectLabel, teamLabel, unreadReason, whoOf } from "./step-labels.js";
import { StepList, targetOf } from "./step-list.js";
import { ACTIVE, accountValue, INACTIVE, MEMBER, roleValue, UNNAMED_ROLE } from "./step-values.js";

export type OffboardingMode = "DEACTIVATE" | "REMOVE_ACCESS" | "DELETE_WHERE_POSSIBLE";

/** A source whose accounts could not be looked up at all. */
export interface UnreadSource {
  readonly sourceId: string;
  readonly error: Error;
}

interface Common {
  /** The person's email (or key), written on every step's target. */
  readonly email: string | null;
  readonly sources: ReadonlyMap<string, SourceAbilities>;
  readonly unread: readonly UnreadSource[];
}

/** REMOVE_ACCESS reads every account's access; the other modes need the accounts alone. */
export type OffboardingInput = Common &
  (
    | { readonly mode: "REMOVE_ACCESS"; readonly accounts: readonly AccountState[] }
    | { readonly mode: "DEACTIVATE" | "DELETE_WHERE_POSSIBLE"; readonly accounts: readonly UserRecord[] }
  );

/** Whether a mode needs each account's permissions, groups and teams read. */
export const readsAccess = (mode: OffboardingMode): mode is "REMOVE_ACCESS" => mode === "REMOVE_ACCESS";

const IMPOSSIBLE = (reason: string): Ability => ({ possible: false, reason });

export function planOffboarding(input: OffboardingInput): StepRecord[] {
  const steps = new StepList();
  const sourceOf = (id: string) => {
    const source = input.sources.get(id);
    if (!source) throw new Error(`no abilities given for source "${id}"`);
    return source;
  };
  for (const { sourceId, error } of input.unread)
    steps.add({
      sourceId,
      action: input.mode === "REMOVE_ACCESS" ? StepAction.REMOVE_FROM_PROJECT : modeAction(input.mode),
      target: targetOf({
        email: input.email,
        label: accountLabel(`every account of ${input.email ?? "this person"}`, sourceId),
      }),
      from: null,
      to: null,
      ability: IMPOSSIBLE(unreadReason("the person's accounts", sourceId, error)),
    });
  if (input.mode === "REMOVE_ACCESS")
    for (const state of input.accounts)
      removeAccess(steps, state, sourceOf(state.user.sourceId), input.email);
  else
    for (const user of input.accounts)
      if (input.mode === "DEACTIVATE") deactivate(steps, user, sourceOf(user.sourceId), input.email);
      else deleteWherePossible(steps, user, sourceOf(user.sourceId), input.email);
  return steps.all();
}

const modeAction = (mode: "DEACTIVATE" | "DELETE_WHERE_POSSIBLE") =>
  mode === "DEACTIVATE" ? StepAction.DEACTIVATE_ACCOUNT : StepAction.DELETE_ACCOUNT;

const accountTarget = (user: UserRecord, email: string | null) =>
  targetOf({ userId: user.remoteId, email, label: accountLabel(whoOf(user), user.sourceId) });

function deactivate(steps: StepList, user: UserRecord, source: SourceAbilities, email: string | null): void {
  if (accountValue(user) !== ACTIVE) return; // inactive already, or deleted
  steps.add({
    sourceId: user.sourceId,
    action: StepAction.DEACTIVATE_ACCOUNT,
    target: accountTarget(user, email),
    from: ACTIVE,
    to: INACTIVE,
    ability: abilityFor(source, StepAction.DEACTIVATE_ACCOUNT),
  });
}

function deleteWherePossible(
  steps: StepList,
  user: UserRecord,
  source: SourceAbilities,
  email: string | null,
): void {
  const now = accountValue(user);
  if (now === null) return; // deleted already
  const deletion = abilityFor(source, StepAction.DELETE_ACCOUNT);
  const target = accountTarget(user, email);
  if (deletion.possible) {
    steps.add({
      sourceId: user.sourceId,
      action: StepAction.DELETE_ACCOUNT,
      target,
      from: now,
      to: null,
      ability: deletion,
    });
    return;
  }
  const deactivation = abilityFor(source, StepAction.DEACTIVATE_ACCOUNT);
  if (deactivation.possible) {
    if (now === INACTIVE) return; // the strongest the vendor allows is done already
    steps.add({
      sourceId: user.sourceId,
      action: StepAction.DEACTIVATE_ACCOUNT,
      target,
      from: ACTIVE,
      to: INACTIVE,
      // Possible, and the reason says why this is not the deletion asked for.
      ability: { possible: true, reason: `${deletion.reason}; deactivated instead` },
    });
    return;
  }
  steps.add({
    sourceId: user.sourceId,
    action: StepAction.DELETE_ACCOUNT,
    target,
    from: now,
    to: null,
    ability: IMPOSSIBLE(`${deletion.reason}; and ${deactivation.reason}`),
  });
}

function removeAccess(
  steps: StepList,
  state: AccountState,
  source: SourceAbilities,
  email: string | null,
): void {
  const { user } = state;
  const who = whoOf(user);
  const sourceId = user.sourceId;
  // Groups and teams to leave: those listed, and those a permission comes through (by id, once).
  const groups = new Map<string, string>();
  const teams = new Map<string, string>();
  const unread = (what: string, action: StepAction, error: Error) =>
    steps.add({
      sourceId,
      action,
      target: targetOf({ userId: user.remoteId, email, label: accountLabel(`${what} of ${who}`, sourceId) }),
      from: null,
      to: null,
      ability: IMPOSSIBLE(unreadReason(`the ${what} of ${who}`, sourceId, error)),
    });

  if (state.groups instanceof Error) unread("groups", StepAction.REMOVE_FROM_GROUP, state.groups);
  else for (const g of state.groups) groups.set(g.remoteId, g.name);
  if (state.teams instanceof Error) unread("teams", StepAction.REMOVE_FROM_TEAM, state.teams);
  else for (const t of state.teams) teams.set(t.remoteId, t.name);

  if (state.permissions instanceof Error)
    unread("project roles", StepAction.REMOVE_FROM_PROJECT, state.permissions);
  else {
    const projects = new Map<string, string>();
    for (const p of state.permissions) {
      if (p.via?.type === "Group") {
        if (!groups.has(p.via.remoteId)) groups.set(p.via.remoteId, `#${p.via.remoteId}`);
      } else if (p.via?.type === "Team") {
        if (!teams.has(p.via.remoteId)) teams.set(p.via.remoteId, `#${p.via.remoteId}`);
      } else if (p.projectId !== null) projects.set(p.projectId, p.project?.name ?? `project ${p.projectId}`);
      else
        steps.add({
          sourceId,
          action: StepAction.CHANGE_ROLE,
          target: targetOf({
            userId: user.remoteId,
            email,
            label: accountLabel(`the instance-wide role of ${who}`, sourceId),
          }),
          from: p.role ?? UNNAMED_ROLE,
          to: null,
          ability: IMPOSSIBLE(
            "An instance-wide role is not a project, group or team membership, and REMOVE_ACCESS keeps accounts: it stays. Deactivate or delete the account (mode DEACTIVATE or DELETE_WHERE_POSSIBLE) to end it",
          ),
        });
    }
    for (const [projectId, name] of projects)
      steps.add({
        sourceId,
        action: StepAction.REMOVE_FROM_PROJECT,
        target: targetOf({
          userId: user.remoteId,
          email,
          projectId,
          label: projectLabel(who, name, sourceId),
        }),
        from: roleValue(state.permissions, projectId),
        to: null,
        ability: abilityFor(source, StepAction.REMOVE_FROM_PROJECT),
      });
  }
  for (const [groupId, name] of groups)
    steps.add({
      sourceId,
      action: StepAction.REMOVE_FROM_GROUP,
      target: targetOf({ userId: user.remoteId, email, groupId, label: groupLabel(who, name, sourceId) }),
      from: MEMBER,
      to: null,
      ability: abilityFor(source, StepAction.REMOVE_FROM_GROUP),
    });
  for (const [teamId, name] of teams)
    steps.add({
      sourceId,
      action: StepAction.REMOVE_FROM_TEAM,
      target: targetOf({ userId: user.remoteId, email, teamId, label: teamLabel(who, name, sourceId) }),
      from: MEMBER,
      to: null,
      ability: abilityFor(source, StepAction.REMOVE_FROM_TEAM),
    });
}
