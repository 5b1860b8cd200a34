/**
 * The access-as-code planner: live state + desired state → the steps between them. Pure: no reads,
 * no clock.
 *
 * For each selected source (config order), each listed person: an account where they should have
 * one (CREATE_ACCOUNT, their other steps there after it), `active` applied (DEACTIVATE/REACTIVATE),
 * then each grant (ASSIGN_ROLE, CHANGE_ROLE), group (ADD_TO_GROUP) and team (ADD_TO_TEAM). Then,
 * for each exclusive project, group and team, every holder the file does not list there is taken
 * off it (plan-exclusive.ts).
 *
 * What it does not know it does not guess: where a read failed, the step it would have weighed is
 * planned impossible with the failure as its reason (never applied), so the plan says what it
 * could not plan; so is a step the source cannot take, with the vendor's reason. States are
 * compared in the words the apply's live check uses (step-values.ts), so a plan applied and
 * planned again has no steps left.
 */
import type { NewPerson } from "../onboarding.js";
import { type AccountState, StepAction, type StepRecord, type StepTarget } from "../plan.js";
import { type Ability, abilityFor } from "../source-abilities.js";
import { accountLabel, projectLabel, unreadReason, whoOf } from "../step-labels.js";
import { type NewStep, StepList, targetOf } from "../step-list.js";
import { ACTIVE, accountValue, INACTIVE, isAsWanted, MEMBER, roleValue } from "../step-values.js";
import type { Catalogs, SourceCatalog } from "./catalog.js";
import type { AccessLiveState } from "./live-access.js";
import { planExclusiveIn } from "./plan-exclusive.js";
import { IMPOSSIBLE, idOf, type Kind, MEMBERSHIP, membershipsIn, nameOf } from "./plan-kit.js";
import {
  isUnchecked,
  type Resolved,
  type ResolvedDesiredState,
  type ResolvedPerson,
} from "./resolved-state.js";

export interface AccessPlanDraft {
  readonly steps: readonly StepRecord[];
  /**
   * What the file must say for the plan to be made, found only against the live state (a name for
   * an account to create), each naming its place: a non-empty list means no plan.
   */
  readonly problems: readonly string[];
  /** The accounts the CREATE_ACCOUNT steps create, by normalized email (the plan's request holds them). */
  readonly newAccounts: Readonly<Record<string, NewPerson>>;
}

/** The account steps act on: the one not deleted, or of several the one active; `many` when the
 *  file can't be read as meaning one of them. */
function accountToActOn(accounts: readonly AccountState[]): AccountState | "many" | null {
  const live = accounts.filter((a) => accountValue(a.user) !== null);
  if (live.length <= 1) return live[0] ?? null;
  const active = live.filter((a) => accountValue(a.user) === ACTIVE);
  return active.length === 1 ? (active[0] as AccountState) : "many";
}

export function planAccess(options: {
  readonly desired: ResolvedDesiredState;
  readonly live: AccessLiveState;
  readonly catalogs: Catalogs;
}): AccessPlanDraft {
  const { desired, live, catalogs } = options;
  const steps = new StepList();
  const problems: string[] = [];
  const newAccounts: Record<string, NewPerson> = {};
  const catalogOf = (sourceId: string): SourceCatalog => {
    const catalog = catalogs.get(sourceId);
    if (!catalog) throw new Error(`no catalog for source "${sourceId}"`);
    return catalog;
  };
  const can = (sourceId: string, action: StepAction) => abilityFor(catalogOf(sourceId).abilities, action);

  /** Everything the person wants in a source, each planned impossible for one reason. */
  function notPlanned(person: ResolvedPerson, sourceId: string, reason: string, withAccount: boolean): void {
    const email = person.email;
    if (withAccount)
      steps.add({
        sourceId,
        action: StepAction.CREATE_ACCOUNT,
        target: targetOf({ email, label: accountLabel(email, sourceId) }),
        from: null,
        to: ACTIVE,
        ability: IMPOSSIBLE(reason),
      });
    for (const grant of person.grants.filter((g) => g.project.sourceId === sourceId))
      steps.add({
        sourceId,
        action: StepAction.ASSIGN_ROLE,
        target: targetOf({
          email,
          projectId: idOf(grant.project),
          label: projectLabel(email, nameOf(grant.project), sourceId),
        }),
        from: null,
        to: grant.role,
        ability: IMPOSSIBLE(reason),
      });
    for (const kind of ["group", "team"] as const)
      for (const m of membershipsIn(person, kind, sourceId))
        steps.add({ ...join(kind, sourceId, { email }, m.target), ability: IMPOSSIBLE(reason) });
  }

  function join(
    kind: Kind,
    sourceId: string,
    who: Partial<StepTarget> & { email: string },
    ref: Resolved,
  ): NewStep {
    const spec = MEMBERSHIP[kind];
    return {
      sourceId,
      action: spec.add,
      target: targetOf({ ...who, [spec.id]: idOf(ref), label: spec.label(who.email, nameOf(ref), sourceId) }),
      from: null,
      to: MEMBER,
      ability: can(sourceId, spec.add),
    };
  }

  /** The steps of one person in one source whose accounts could be looked up. */
  function planPerson(person: ResolvedPerson, sourceId: string, accounts: readonly AccountState[]): void {
    const { email } = person;
    const wantsAccount = person.accountSources.includes(sourceId) && person.active !== false;
    const account = accountToActOn(accounts);

    if (account === null) {
      if (!wantsAccount) return; // no account: none to deactivate, none wanted
      const create = steps.add({
        sourceId,
        action: StepAction.CREATE_ACCOUNT,
        target: targetOf({ email, label: accountLabel(email, sourceId) }),
        from: null,
        to: ACTIVE,
        ability: can(sourceId, StepAction.CREATE_ACCOUNT),
      });
      if (create.possible) {
        if (person.firstName === null || person.lastName === null)
          problems.push(
            `${person.place}: ${email} has no account in source "${sourceId}" and the plan creates one: give name (first and last) or firstName and lastName`,
          );
        else newAccounts[person.key] = { email, firstName: person.firstName, lastName: person.lastName };
      }
      planGrants(person, sourceId, null, [create]);
      for (const kind of ["group", "team"] as const) planMemberships(person, kind, sourceId, null, [create]);
      return;
    }

    if (person.active !== undefined && person.activeSources.includes(sourceId))
      for (const { user } of accounts) {
        const now = accountValue(user);
        const wanted = person.active ? ACTIVE : INACTIVE;
        if (now === null || now === wanted) continue;
        const action = person.active ? StepAction.REACTIVATE_ACCOUNT : StepAction.DEACTIVATE_ACCOUNT;
        steps.add({
          sourceId,
          action,
          target: targetOf({ userId: user.remoteId, email, label: accountLabel(whoOf(user), sourceId) }),
          from: now,
          to: wanted,
          ability: can(sourceId, action),
        });
      }
    // An inactive person's grants stay in the file for when they come back; they are not planned now.
    if (person.active === false || !person.accountSources.includes(sourceId)) return;
    if (account === "many") {
      const ids = accounts.map((a) => a.user.remoteId).join(", ");
      notPlanned(
        person,
        sourceId,
        `${email} has ${accounts.length} accounts in source "${sourceId}" (${ids}): the file does not say which one it means. Deactivate the others, or link the one meant to another person`,
        false,
      );
      return;
    }
    planGrants(person, sourceId, account, []);
    for (const kind of ["group", "team"] as const) planMemberships(person, kind, sourceId, account, []);
  }

  /** The person's grants in a source: on their account, or on the one `after` creates (null). */
  function planGrants(
    person: ResolvedPerson,
    sourceId: string,
    account: AccountState | null,
    after: readonly StepRecord[],
  ): void {
    const { email } = person;
    for (const grant of person.grants.filter((g) => g.project.sourceId === sourceId)) {
      const { project } = grant;
      const add = (from: string | null, ability: Ability) =>
        steps.add({
          sourceId,
          action: from === null ? StepAction.ASSIGN_ROLE : StepAction.CHANGE_ROLE,
          target: targetOf({
            userId: account?.user.remoteId,
            email,
            projectId: idOf(project),
            label: projectLabel(email, nameOf(project), sourceId),
          }),
          from,
          to: grant.role,
          ability,
          after,
        });
      if (isUnchecked(project)) {
        add(null, IMPOSSIBLE(unreadReason("the projects", sourceId, project.error)));
        continue;
      }
      const permissions = account?.permissions ?? [];
      if (permissions instanceof Error) {
        add(null, IMPOSSIBLE(unreadReason(`the project roles of ${email}`, sourceId, permissions)));
        continue;
      }
      const now = roleValue(permissions, project.id);
      if (isAsWanted(now, grant.role)) continue;
      add(
        now,
        grant.roleUnchecked
          ? IMPOSSIBLE(unreadReason("the project roles", sourceId, grant.roleUnchecked))
          : can(sourceId, StepAction.ASSIGN_ROLE),
      );
    }
  }

  function planMemberships(
    person: ResolvedPerson,
    kind: Kind,
    sourceId: string,
    account: AccountState | null,
    after: readonly StepRecord[],
  ): void {
    const who = { userId: account?.user.remoteId, email: person.email };
    const now = account ? (kind === "group" ? account.groups : account.teams) : [];
    for (const { target: ref } of membershipsIn(person, kind, sourceId)) {
      const step = join(kind, sourceId, who, ref);
      if (isUnchecked(ref))
        steps.add({ ...step, ability: IMPOSSIBLE(unreadReason(`the ${kind}s`, sourceId, ref.error)), after });
      else if (now instanceof Error)
        steps.add({
          ...step,
          ability: IMPOSSIBLE(unreadReason(`the ${kind}s of ${person.email}`, sourceId, now)),
          after,
        });
      else if (!now.some((item) => item.remoteId === ref.id)) steps.add({ ...step, after });
    }
  }

  for (const sourceId of desired.sources) {
    for (const person of desired.people) {
      const concerned =
        person.accountSources.includes(sourceId) ||
        (person.active !== undefined && person.activeSources.includes(sourceId));
      if (!concerned) continue;
      const found = live.accounts.get(person.key)?.get(sourceId);
      if (found === undefined)
        throw new Error(`the accounts of ${person.email} in "${sourceId}" were not read`);
      if (found instanceof Error) planUnreadPerson(person, sourceId, found);
      else planPerson(person, sourceId, found);
    }
    planExclusiveIn({ steps, can }, desired, live, sourceId);
  }

  /** The person's accounts in the source could not be looked up: nothing of theirs there is planned. */
  function planUnreadPerson(person: ResolvedPerson, sourceId: string, error: Error): void {
    const reason = unreadReason(`the accounts of ${person.email}`, sourceId, error);
    if (person.active !== undefined && person.activeSources.includes(sourceId))
      steps.add({
        sourceId,
        action: person.active ? StepAction.REACTIVATE_ACCOUNT : StepAction.DEACTIVATE_ACCOUNT,
        target: targetOf({ email: person.email, label: accountLabel(person.email, sourceId) }),
        from: null,
        to: person.active ? ACTIVE : INACTIVE,
        ability: IMPOSSIBLE(reason),
      });
    if (person.active === false || !person.accountSources.includes(sourceId)) return;
    notPlanned(person, sourceId, reason, true);
  }

  return { steps: steps.all(), problems, newAccounts };
}
