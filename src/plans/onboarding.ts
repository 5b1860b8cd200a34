/**
 * Onboarding: the steps that give a person accounts on chosen sources, then roles on projects,
 * groups and teams there, each depending on its source's account step (an account before its
 * roles). A pure function of the person's existing accounts, the sources' live lists (projects,
 * roles, groups, teams) and what each source can do; anything already so gets no step.
 *
 * Names are resolved against the live lists at planning. A name that matches nothing (or several),
 * a role the vendor does not have, a list that could not be read: each is a step marked impossible
 * whose reason names the entry it came from (`templates.mobile-tester.grants[1].project`,
 * `input.grants[0].role`). Lists change apart from config, so one stale entry never blocks the
 * rest of an onboarding: the plan shows which entry to fix, and the others apply.
 */
import type { GroupRecord, ProjectRecord, TeamRecord } from "../model/records.js";
import { fromGlobalId } from "../schema/common/global-id.js";
import type { UnreadSource } from "./offboarding.js";
import type { AccountState, StepRecord } from "./plan.js";
import { StepAction } from "./plan.js";
import { type Ability, abilityFor, type SourceAbilities } from "./source-abilities.js";
import { accountLabel, groupLabel, projectLabel, teamLabel, unreadReason } from "./step-labels.js";
import { StepList, targetOf } from "./step-list.js";
import {
  ACTIVE,
  accountValue,
  INACTIVE,
  isAsWanted,
  MEMBER,
  roleValue,
  UNNAMED_ROLE,
} from "./step-values.js";

export interface NewPerson {
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
}

/** A role wanted on a project: `entry` names where it was asked, for messages. */
export interface WantedGrant {
  readonly entry: string;
  /** A project's name, remote id or global id. */
  readonly project: string;
  /** The vendor's role name; null for its default role. */
  readonly role: string | null;
}

/** A group or team to be in, by name, remote id or global id. */
export interface WantedMembership {
  readonly entry: string;
  readonly name: string;
}

/** A source's live lists; null where the source has none of them, an Error where a read failed. */
export interface SourceCatalogue {
  readonly projects: readonly ProjectRecord[] | Error | null;
  readonly roles: { readonly names: readonly string[]; readonly defaultRole: string | null } | Error | null;
  readonly groups: readonly GroupRecord[] | Error | null;
  readonly teams: readonly TeamRecord[] | Error | null;
}

/** What is wanted in one source, and what is there. */
export interface SourceWish {
  readonly source: SourceAbilities;
  /** The person's accounts in the source (found by email), with their access. */
  readonly accounts: readonly AccountState[];
  readonly grants: readonly WantedGrant[];
  readonly groups: readonly WantedMembership[];
  readonly teams: readonly WantedMembership[];
  readonly catalogue: SourceCatalogue;
}

export interface OnboardingInput {
  readonly person: NewPerson;
  readonly wishes: readonly SourceWish[];
  /** Sources whose accounts could not be looked up: nothing is planned there, and a step says why. */
  readonly unread: readonly UnreadSource[];
}

const IMPOSSIBLE = (reason: string): Ability => ({ possible: false, reason });

type Found<T> = { readonly found: T } | { readonly problem: string };

/** A listed object by global id (of this source), remote id or name (case-blind, exactly one). */
function lookUp<T extends { remoteId: string; name: string; sourceId: string }>(
  list: readonly T[] | Error | null,
  wanted: string,
  what: string,
  entry: string,
  source: SourceAbilities,
): Found<T> {
  if (list === null) return { problem: `${entry}: source "${source.id}" has no ${what}s` };
  if (list instanceof Error) return { problem: unreadReason(`the ${what}s`, source.id, list) };
  const gid = fromGlobalId(wanted);
  if (gid && gid.sourceId !== source.id)
    return { problem: `${entry}: "${wanted}" is in source "${gid.sourceId}", not "${source.id}"` };
  const id = gid?.remoteId ?? wanted;
  const byId = list.find((item) => item.remoteId === id);
  if (byId) return { found: byId };
  const same = (name: string) => name.trim().toLowerCase() === wanted.trim().toLowerCase();
  const named = list.filter((item) => same(item.name));
  if (named.length === 1) return { found: named[0] as T };
  if (named.length > 1)
    return {
      problem: `${entry}: ${named.length} ${what}s are named "${wanted}" in source "${source.id}" (ids ${named.map((n) => n.remoteId).join(", ")}): name one by id`,
    };
  const known = list.map((item) => item.name).slice(0, 20);
  return {
    problem: `${entry}: no ${what} "${wanted}" in source "${source.id}"${known.length > 0 ? ` (${what}s: ${known.join(", ")}${list.length > known.length ? ", …" : ""})` : ""}`,
  };
}

/** The account a source's steps act on: an active one first, else one not deleted. */
function accountOf(accounts: readonly AccountState[]): AccountState | null {
  return (
    accounts.find((a) => accountValue(a.user) === ACTIVE) ??
    accounts.find((a) => accountValue(a.user) !== null) ??
    null
  );
}

export function planOnboarding(input: OnboardingInput): StepRecord[] {
  const steps = new StepList();
  const { email } = input.person;
  for (const { sourceId, error } of input.unread)
    steps.add({
      sourceId,
      action: StepAction.CREATE_ACCOUNT,
      target: targetOf({ email, label: accountLabel(email, sourceId) }),
      from: null,
      to: ACTIVE,
      ability: IMPOSSIBLE(unreadReason("the person's accounts", sourceId, error)),
    });
  for (const wish of input.wishes) planSource(steps, wish, email);
  return steps.all();
}

function planSource(steps: StepList, wish: SourceWish, email: string): void {
  const { source, catalogue } = wish;
  const sourceId = source.id;
  const existing = accountOf(wish.accounts);
  const userId = existing?.user.remoteId ?? null;

  // Groups first resolved: a new account joins the first one as it is created (some vendors keep
  // every user in exactly one group, and take it only then).
  const joining = abilityFor(source, StepAction.ADD_TO_GROUP).possible;
  const groups = wish.groups.map((g) => ({
    wanted: g,
    at: lookUp(catalogue.groups, g.name, "group", `${g.entry}.group`, source),
  }));
  const firstGroup = joining && !existing ? groups.find((g) => "found" in g.at) : undefined;
  const joinedAtCreate = firstGroup && "found" in firstGroup.at ? firstGroup.at.found : null;

  let accountStep: StepRecord | null = null;
  if (!existing)
    accountStep = steps.add({
      sourceId,
      action: StepAction.CREATE_ACCOUNT,
      target: targetOf({
        email,
        groupId: joinedAtCreate?.remoteId,
        label:
          accountLabel(email, sourceId) + (joinedAtCreate ? `, joining group ${joinedAtCreate.name}` : ""),
      }),
      from: null,
      to: ACTIVE,
      ability: abilityFor(source, StepAction.CREATE_ACCOUNT),
    });
  else if (accountValue(existing.user) === INACTIVE)
    accountStep = steps.add({
      sourceId,
      action: StepAction.REACTIVATE_ACCOUNT,
      target: targetOf({ userId, email, label: accountLabel(email, sourceId) }),
      from: INACTIVE,
      to: ACTIVE,
      ability: abilityFor(source, StepAction.REACTIVATE_ACCOUNT),
    });
  const after = [accountStep];
  const target = (fields: { projectId?: string; groupId?: string; teamId?: string; label: string }) =>
    targetOf({ userId, email, ...fields });
  /** What the account holds now, or the read's failure; nothing when there is no account yet. */
  const held = <T>(read: (state: AccountState) => T | Error): T | Error | null =>
    existing ? read(existing) : null;

  for (const grant of wish.grants) {
    const label = (project: string) => projectLabel(email, project, sourceId);
    const add = (
      fields: { projectId?: string; label: string },
      from: string | null,
      to: string | null,
      ability: Ability,
    ) =>
      steps.add({
        sourceId,
        action: from === null ? StepAction.ASSIGN_ROLE : StepAction.CHANGE_ROLE,
        target: target(fields),
        from,
        to,
        ability,
        after,
      });
    const can = abilityFor(source, StepAction.ASSIGN_ROLE);
    if (!can.possible) {
      add({ label: label(grant.project) }, null, grant.role, can);
      continue;
    }
    const project = lookUp(catalogue.projects, grant.project, "project", `${grant.entry}.project`, source);
    if ("problem" in project) {
      add({ label: label(grant.project) }, null, grant.role, IMPOSSIBLE(project.problem));
      continue;
    }
    const { remoteId: projectId, name } = project.found;
    const role = resolveRole(catalogue.roles, grant, source);
    if ("problem" in role) {
      add({ projectId, label: label(name) }, null, grant.role, IMPOSSIBLE(role.problem));
      continue;
    }
    const permissions = held((s) => s.permissions);
    if (permissions instanceof Error) {
      add(
        { projectId, label: label(name) },
        null,
        role.found,
        IMPOSSIBLE(unreadReason(`the project roles of ${email}`, sourceId, permissions)),
      );
      continue;
    }
    const now = permissions ? roleValue(permissions, projectId) : null;
    if (!isAsWanted(now, role.found)) add({ projectId, label: label(name) }, now, role.found, can);
  }

  for (const { wanted, at } of groups) {
    if (joinedAtCreate && "found" in at && at.found.remoteId === joinedAtCreate.remoteId) continue;
    const memberships = held((s) => s.groups);
    membership(steps, {
      sourceId,
      action: StepAction.ADD_TO_GROUP,
      at,
      label: (name) => groupLabel(email, name, sourceId),
      wanted,
      now: memberships,
      what: `the groups of ${email}`,
      target: (groupId, label) => target({ groupId, label }),
      ability: abilityFor(source, StepAction.ADD_TO_GROUP),
      after,
    });
  }
  for (const wanted of wish.teams)
    membership(steps, {
      sourceId,
      action: StepAction.ADD_TO_TEAM,
      at: lookUp(catalogue.teams, wanted.name, "team", `${wanted.entry}.team`, source),
      label: (name) => teamLabel(email, name, sourceId),
      wanted,
      now: held((s) => s.teams),
      what: `the teams of ${email}`,
      target: (teamId, label) => target({ teamId, label }),
      ability: abilityFor(source, StepAction.ADD_TO_TEAM),
      after,
    });
}

/** The role a grant asks for, checked against the vendor's list: its default when none is named. */
function resolveRole(
  roles: SourceCatalogue["roles"],
  grant: WantedGrant,
  source: SourceAbilities,
): { readonly found: string } | { readonly problem: string } {
  const entry = `${grant.entry}.role`;
  if (roles === null) return { problem: `${entry}: source "${source.id}" has no project roles` };
  if (roles instanceof Error) return { problem: unreadReason("the project roles", source.id, roles) };
  if (grant.role === null) return { found: roles.defaultRole ?? UNNAMED_ROLE };
  const name = roles.names.find((n) => n.toLowerCase() === grant.role?.toLowerCase());
  if (name) return { found: name };
  return {
    problem: `${entry}: "${grant.role}" is not a project role in source "${source.id}" (one of: ${roles.names.join(", ")})`,
  };
}

function membership<T extends { remoteId: string; name: string }>(
  steps: StepList,
  step: {
    sourceId: string;
    action: StepAction.ADD_TO_GROUP | StepAction.ADD_TO_TEAM;
    at: Found<T>;
    wanted: WantedMembership;
    label: (name: string) => string;
    now: readonly T[] | Error | null;
    what: string;
    target: (id: string | undefined, label: string) => ReturnType<typeof targetOf>;
    ability: Ability;
    after: ReadonlyArray<StepRecord | null>;
  },
): void {
  const add = (id: string | undefined, name: string, ability: Ability) =>
    steps.add({
      sourceId: step.sourceId,
      action: step.action,
      target: step.target(id, step.label(name)),
      from: null,
      to: MEMBER,
      ability,
      after: step.after,
    });
  if (!step.ability.possible) return void add(undefined, step.wanted.name, step.ability);
  if ("problem" in step.at) return void add(undefined, step.wanted.name, IMPOSSIBLE(step.at.problem));
  const { remoteId, name } = step.at.found;
  if (step.now instanceof Error)
    return void add(remoteId, name, IMPOSSIBLE(unreadReason(step.what, step.sourceId, step.now)));
  if (step.now?.some((item) => item.remoteId === remoteId)) return;
  add(remoteId, name, step.ability);
}
