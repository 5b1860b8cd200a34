/**
 * The access-as-code planner: live state + desired state → the steps between them. Pure: no reads,
 * no clock, no ids beyond the steps' own.
 *
 * For each selected source (config order), each listed person: an account where they should have
 * one (CREATE_ACCOUNT, the rest of their steps there depending on it), `active` applied
 * (DEACTIVATE/REACTIVATE), then each grant (ASSIGN_ROLE, CHANGE_ROLE), group (ADD_TO_GROUP) and team
 * (ADD_TO_TEAM). Then, for each exclusive project, group and team, every holder the file does not
 * list there is taken off it (REMOVE_FROM_PROJECT, REMOVE_FROM_GROUP, REMOVE_FROM_TEAM).
 *
 * What it does not know it does not guess: where a read failed, the step it would have weighed is
 * planned IMPOSSIBLE with the failure as its reason (never applied), so the plan says what it
 * could not plan; so is a step the source cannot take, with the vendor's reason.
 */
import { SourceError } from "../../model/errors.js";
import type { PermissionRecord } from "../../model/records.js";
import { type AccountState, StepAction, type StepRecord, type StepTarget } from "../plan.js";
import type { Catalogs } from "./catalog.js";
import type { AccessLiveState, Holder } from "./live-access.js";
import {
  isUnchecked,
  type Resolved,
  type ResolvedDesiredState,
  type ResolvedPerson,
  targetKey,
} from "./resolved-state.js";

/** `from` of a role the vendor reports the access of, but not the role (level UNKNOWN). */
export const UNREPORTED_ROLE = "(role not reported)";
/** `from`/`to` of memberships and account states. */
export const MEMBER = "member";
export const ACTIVE = "active";
export const INACTIVE = "inactive";

export interface AccessPlanDraft {
  readonly steps: readonly StepRecord[];
  /**
   * What the file must say for the plan to be made, found only against the live state (a name for
   * an account to create), each naming its place: a non-empty list means no plan.
   */
  readonly problems: readonly string[];
  /** For each CREATE_ACCOUNT step (by id), the account to create. */
  readonly newAccounts: ReadonlyMap<string, NewAccount>;
}

export interface NewAccount {
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
}

/** A failure as a reason reads it: its code (for a source's failure) and message. */
export function describeFailure(error: Error): string {
  return error instanceof SourceError ? `${error.code}: ${error.message}` : error.message;
}

const unread = (what: string, error: Error) =>
  `not planned: ${what} could not be read (${describeFailure(error)}); plan again once the source answers`;

const sameRole = (a: string | null, b: string) => a !== null && a.toLowerCase() === b.toLowerCase();

const labelOf = (holder: Holder) =>
  holder.user?.email ?? holder.user?.login ?? holder.user?.displayName ?? `account ${holder.userId}`;

const nameOf = (ref: Resolved) => (isUnchecked(ref) ? ref.written : ref.name);

type StepInput = Omit<StepRecord, "id" | "state" | "result" | "attempts" | "finishedAt" | "dependsOn"> & {
  readonly dependsOn?: readonly string[];
};

export function planAccess(options: {
  readonly desired: ResolvedDesiredState;
  readonly live: AccessLiveState;
  readonly catalogs: Catalogs;
}): AccessPlanDraft {
  const { desired, live, catalogs } = options;
  const steps: StepRecord[] = [];
  const problems: string[] = [];
  const newAccounts = new Map<string, NewAccount>();

  function add(input: StepInput): StepRecord {
    const step: StepRecord = {
      ...input,
      id: `s${steps.length + 1}`,
      dependsOn: input.dependsOn ?? [],
      state: input.possible ? "PENDING" : "IMPOSSIBLE",
      result: null,
      attempts: 0,
      finishedAt: null,
    };
    steps.push(step);
    return step;
  }

  /** Possible unless the source refuses the action (then its reason). */
  function can(sourceId: string, action: StepAction): { possible: boolean; reason: string | null } {
    const refusal = catalogs.get(sourceId)?.refusals[action];
    return refusal === undefined ? { possible: true, reason: null } : { possible: false, reason: refusal };
  }

  const target = (partial: Partial<StepTarget> & { label: string }): StepTarget => ({
    userId: null,
    email: null,
    projectId: null,
    groupId: null,
    teamId: null,
    ...partial,
  });

  /** The steps of one person in one source whose accounts could be looked up. */
  function planPerson(person: ResolvedPerson, sourceId: string, accounts: readonly AccountState[]): void {
    const wantsAccount = person.accountSources.includes(sourceId) && person.active !== false;
    const at = (what: string) => `${person.email} ${what} (${sourceId})`;

    if (accounts.length === 0) {
      if (!wantsAccount) return; // no account: nothing to deactivate, none wanted
      const create = add({
        sourceId,
        action: StepAction.CREATE_ACCOUNT,
        target: target({ email: person.email, label: `${person.email} (${sourceId})` }),
        from: null,
        to: ACTIVE,
        ...can(sourceId, StepAction.CREATE_ACCOUNT),
      });
      if (create.possible) {
        if (person.firstName === null || person.lastName === null)
          problems.push(
            `${person.place}: ${person.email} has no account in source "${sourceId}" and the plan creates one: give name (first and last) or firstName and lastName`,
          );
        else
          newAccounts.set(create.id, {
            email: person.email,
            firstName: person.firstName,
            lastName: person.lastName,
          });
      }
      const after = (input: StepInput): StepInput =>
        create.possible
          ? { ...input, dependsOn: [create.id] }
          : {
              ...input,
              possible: false,
              reason: `needs the account step ${create.id} first, which is impossible: ${create.reason}`,
            };
      for (const grant of person.grants.filter((g) => g.project.sourceId === sourceId)) {
        const project = grant.project;
        if (isUnchecked(project)) {
          add(unreadGrant(person, sourceId, grant, `the projects of source "${sourceId}"`, project.error));
          continue;
        }
        add(
          after({
            sourceId,
            action: StepAction.ASSIGN_ROLE,
            target: target({ email: person.email, projectId: project.id, label: at(`on ${project.name}`) }),
            from: null,
            to: grant.role,
            ...roleChange(sourceId, grant.roleUnchecked),
          }),
        );
      }
      for (const kind of ["group", "team"] as const)
        for (const membership of (kind === "group" ? person.groups : person.teams).filter(
          (m) => m.target.sourceId === sourceId,
        )) {
          const ref = membership.target;
          if (isUnchecked(ref)) {
            add(
              unreadMembership(
                person,
                sourceId,
                kind,
                ref,
                `the ${kind}s of source "${sourceId}"`,
                ref.error,
              ),
            );
            continue;
          }
          add(after(join(kind, sourceId, { email: person.email }, ref.id, at(`in ${ref.name}`))));
        }
      return;
    }

    if (person.active !== undefined && person.activeSources.includes(sourceId))
      for (const account of accounts) {
        if (account.user.active === person.active) continue;
        const action = person.active ? StepAction.REACTIVATE_ACCOUNT : StepAction.DEACTIVATE_ACCOUNT;
        add({
          sourceId,
          action,
          target: target({
            userId: account.user.remoteId,
            email: person.email,
            label: `${person.email} (${sourceId}, account ${account.user.remoteId})`,
          }),
          from: account.user.active ? ACTIVE : INACTIVE,
          to: person.active ? ACTIVE : INACTIVE,
          ...can(sourceId, action),
        });
      }
    // An inactive person's grants are kept in the file for when they come back, not planned now.
    if (person.active === false || !person.accountSources.includes(sourceId)) return;

    const grants = person.grants.filter((g) => g.project.sourceId === sourceId);
    const groups = person.groups.filter((m) => m.target.sourceId === sourceId);
    const teams = person.teams.filter((m) => m.target.sourceId === sourceId);
    if (accounts.length > 1) {
      // Which account the file means is not for Rollcall to pick.
      const ids = accounts.map((a) => a.user.remoteId).join(", ");
      const reason = `${person.email} has ${accounts.length} accounts in source "${sourceId}" (${ids}): not planned, since the file does not say which one it means; deactivate or unlink the others`;
      for (const grant of grants)
        add({
          sourceId,
          action: StepAction.ASSIGN_ROLE,
          target: target({ email: person.email, label: at(`on ${nameOf(grant.project)}`) }),
          from: null,
          to: grant.role,
          possible: false,
          reason,
        });
      for (const [kind, list] of [
        ["group", groups],
        ["team", teams],
      ] as const)
        for (const m of list)
          add({
            ...join(kind, sourceId, { email: person.email }, null, at(`in ${nameOf(m.target)}`)),
            possible: false,
            reason,
          });
      return;
    }
    const account = accounts[0] as AccountState;
    const userId = account.user.remoteId;

    for (const grant of grants) {
      const project = grant.project;
      if (isUnchecked(project)) {
        add(unreadGrant(person, sourceId, grant, `the projects of source "${sourceId}"`, project.error));
        continue;
      }
      if (account.permissions instanceof Error) {
        add(unreadGrant(person, sourceId, grant, `${person.email}'s roles`, account.permissions));
        continue;
      }
      const held = account.permissions.filter((p) => p.projectId === project.id && !p.via);
      if (held.some((p) => sameRole(p.role, grant.role))) continue;
      add({
        sourceId,
        action: held.length === 0 ? StepAction.ASSIGN_ROLE : StepAction.CHANGE_ROLE,
        target: target({
          userId,
          email: person.email,
          projectId: project.id,
          label: at(`on ${project.name}`),
        }),
        from: held.length === 0 ? null : rolesOf(held),
        to: grant.role,
        ...roleChange(sourceId, grant.roleUnchecked),
      });
    }

    for (const [kind, list] of [
      ["group", groups],
      ["team", teams],
    ] as const) {
      const current = kind === "group" ? account.groups : account.teams;
      for (const membership of list) {
        const ref = membership.target;
        if (isUnchecked(ref)) {
          add(
            unreadMembership(person, sourceId, kind, ref, `the ${kind}s of source "${sourceId}"`, ref.error),
          );
          continue;
        }
        if (current instanceof Error) {
          add(unreadMembership(person, sourceId, kind, ref, `${person.email}'s ${kind}s`, current));
          continue;
        }
        if (current.some((c) => c.remoteId === ref.id)) continue;
        add(join(kind, sourceId, { userId, email: person.email }, ref.id, at(`in ${ref.name}`)));
      }
    }
  }

  /** A role to give: impossible where the source assigns none, or its role list could not be read. */
  function roleChange(sourceId: string, roleUnchecked: Error | null) {
    if (roleUnchecked)
      return { possible: false, reason: unread(`the project roles of source "${sourceId}"`, roleUnchecked) };
    return can(sourceId, StepAction.ASSIGN_ROLE);
  }

  /** A grant that could not be weighed: `what` could not be read. */
  function unreadGrant(
    person: ResolvedPerson,
    sourceId: string,
    grant: { readonly role: string; readonly project: Resolved },
    what: string,
    error: Error,
  ): StepInput {
    const projectId = isUnchecked(grant.project) ? null : grant.project.id;
    return {
      sourceId,
      action: StepAction.ASSIGN_ROLE,
      target: target({
        email: person.email,
        projectId,
        label: `${person.email} on ${nameOf(grant.project)} (${sourceId})`,
      }),
      from: null,
      to: grant.role,
      possible: false,
      reason: unread(what, error),
    };
  }

  /** A membership that could not be weighed: `what` could not be read. */
  function unreadMembership(
    person: ResolvedPerson,
    sourceId: string,
    kind: "group" | "team",
    ref: Resolved,
    what: string,
    error: Error,
  ): StepInput {
    const id = isUnchecked(ref) ? null : ref.id;
    return {
      ...join(kind, sourceId, { email: person.email }, id, `${person.email} in ${nameOf(ref)} (${sourceId})`),
      possible: false,
      reason: unread(what, error),
    };
  }

  function join(
    kind: "group" | "team",
    sourceId: string,
    who: { userId?: string; email: string },
    id: string | null,
    label: string,
  ): StepInput {
    const action = kind === "group" ? StepAction.ADD_TO_GROUP : StepAction.ADD_TO_TEAM;
    return {
      sourceId,
      action,
      target: target({ ...who, ...(kind === "group" ? { groupId: id } : { teamId: id }), label }),
      from: null,
      to: MEMBER,
      ...can(sourceId, action),
    };
  }

  /** The accounts and person keys the file lists on an exclusive target (they keep it). */
  function listedOn(sourceId: string, listed: (person: ResolvedPerson) => boolean) {
    const keys = new Set<string>();
    const accountIds = new Set<string>();
    for (const person of desired.people.filter(listed)) {
      keys.add(person.key);
      const found = live.accounts.get(person.key)?.get(sourceId);
      if (Array.isArray(found)) for (const a of found) accountIds.add(a.user.remoteId);
    }
    return {
      keeps: (holder: Holder) =>
        accountIds.has(holder.userId) || (holder.personKey !== null && keys.has(holder.personKey)),
    };
  }

  function planExclusiveProject(ref: Resolved, sourceId: string): void {
    const base = { sourceId, action: StepAction.REMOVE_FROM_PROJECT, to: null } as const;
    const everyone = (name: string) =>
      target({ label: `holders of ${name} the file does not list (${sourceId})` });
    if (isUnchecked(ref)) {
      add({
        ...base,
        target: everyone(ref.written),
        from: null,
        possible: false,
        reason: unread(`the projects of source "${sourceId}"`, ref.error),
      });
      return;
    }
    const holders = live.projectHolders.get(targetKey(ref));
    if (holders === undefined) throw new Error(`the holders of ${ref.name} (${sourceId}) were not read`);
    if (holders instanceof Error) {
      add({
        ...base,
        target: everyone(ref.name),
        from: null,
        possible: false,
        reason: unread(`who holds ${ref.name}`, holders),
      });
      return;
    }
    const { keeps } = listedOn(sourceId, (p) =>
      p.grants.some((g) => !isUnchecked(g.project) && targetKey(g.project) === targetKey(ref)),
    );
    for (const holder of holders) {
      // Explicitly no access (a "no access" role) is not access to take away.
      const holds = holder.permissions.filter((p) => p.projectId === ref.id && p.level !== "NONE");
      if (holds.length === 0 || keeps(holder)) continue;
      const where = target({
        userId: holder.userId,
        email: holder.user?.email ?? null,
        projectId: ref.id,
        label: `${labelOf(holder)} on ${ref.name} (${sourceId})`,
      });
      if (holder.personKey === null) {
        add({
          ...base,
          target: where,
          from: rolesOf(holds),
          possible: false,
          reason: `not planned: account ${holder.userId} could not be read, so whether the file lists its holder can't be told`,
        });
        continue;
      }
      const direct = holds.filter((p) => !p.via);
      const through = holds.filter((p) => p.via);
      if (direct.length > 0)
        add({
          ...base,
          target: where,
          from: rolesOf(direct),
          ...can(sourceId, StepAction.REMOVE_FROM_PROJECT),
        });
      if (through.length > 0) {
        const vias = [...new Set(through.map((p) => `${p.via?.type.toLowerCase()} ${p.via?.remoteId}`))].join(
          ", ",
        );
        add({
          ...base,
          target: where,
          from: rolesOf(through),
          possible: false,
          reason: `held through ${vias}, not on its own: take them out of it, or mark it exclusive too`,
        });
      }
    }
  }

  function planExclusiveMembers(kind: "group" | "team", ref: Resolved, sourceId: string): void {
    const action = kind === "group" ? StepAction.REMOVE_FROM_GROUP : StepAction.REMOVE_FROM_TEAM;
    const base = { sourceId, action, to: null } as const;
    const idOf = (id: string | null) => (kind === "group" ? { groupId: id } : { teamId: id });
    const everyone = (name: string) =>
      target({ ...idOf(null), label: `members of ${name} the file does not list (${sourceId})` });
    if (isUnchecked(ref)) {
      add({
        ...base,
        target: everyone(ref.written),
        from: null,
        possible: false,
        reason: unread(`the ${kind}s of source "${sourceId}"`, ref.error),
      });
      return;
    }
    const members = (kind === "group" ? live.groupMembers : live.teamMembers).get(targetKey(ref));
    if (members === undefined) throw new Error(`the members of ${ref.name} (${sourceId}) were not read`);
    if (members instanceof Error) {
      add({
        ...base,
        target: { ...everyone(ref.name), ...idOf(ref.id) },
        from: null,
        possible: false,
        reason: unread(`the members of ${ref.name}`, members),
      });
      return;
    }
    const { keeps } = listedOn(sourceId, (p) =>
      (kind === "group" ? p.groups : p.teams).some(
        (m) => !isUnchecked(m.target) && targetKey(m.target) === targetKey(ref),
      ),
    );
    for (const member of members) {
      if (keeps(member)) continue;
      const where = target({
        userId: member.userId,
        email: member.user?.email ?? null,
        ...idOf(ref.id),
        label: `${labelOf(member)} in ${ref.name} (${sourceId})`,
      });
      if (member.personKey === null) {
        add({
          ...base,
          target: where,
          from: MEMBER,
          possible: false,
          reason: `not planned: account ${member.userId} could not be read, so whether the file lists its holder can't be told`,
        });
        continue;
      }
      add({ ...base, target: where, from: MEMBER, ...can(sourceId, action) });
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
      if (found instanceof Error) {
        planUnreadPerson(person, sourceId, found);
        continue;
      }
      planPerson(person, sourceId, found);
    }
    for (const { target: ref } of desired.exclusive.projects.filter((e) => e.target.sourceId === sourceId))
      planExclusiveProject(ref, sourceId);
    for (const { target: ref } of desired.exclusive.groups.filter((e) => e.target.sourceId === sourceId))
      planExclusiveMembers("group", ref, sourceId);
    for (const { target: ref } of desired.exclusive.teams.filter((e) => e.target.sourceId === sourceId))
      planExclusiveMembers("team", ref, sourceId);
  }

  /** The person's accounts in the source could not be looked up: nothing of theirs there is planned. */
  function planUnreadPerson(person: ResolvedPerson, sourceId: string, error: Error): void {
    const what = `${person.email}'s accounts in source "${sourceId}"`;
    const reason = unread(what, error);
    const label = `${person.email} (${sourceId})`;
    if (person.active !== undefined && person.activeSources.includes(sourceId))
      add({
        sourceId,
        action: person.active ? StepAction.REACTIVATE_ACCOUNT : StepAction.DEACTIVATE_ACCOUNT,
        target: target({ email: person.email, label }),
        from: null,
        to: person.active ? ACTIVE : INACTIVE,
        possible: false,
        reason,
      });
    if (person.active === false || !person.accountSources.includes(sourceId)) return;
    add({
      sourceId,
      action: StepAction.CREATE_ACCOUNT,
      target: target({ email: person.email, label }),
      from: null,
      to: ACTIVE,
      possible: false,
      reason,
    });
    for (const grant of person.grants.filter((g) => g.project.sourceId === sourceId))
      add(unreadGrant(person, sourceId, grant, what, error));
    for (const [kind, list] of [
      ["group", person.groups],
      ["team", person.teams],
    ] as const)
      for (const m of list.filter((m) => m.target.sourceId === sourceId))
        add(unreadMembership(person, sourceId, kind, m.target, what, error));
  }

  return { steps, problems, newAccounts };
}

/** The roles a set of permissions names, for a step's `from`. */
function rolesOf(permissions: readonly PermissionRecord[]): string {
  const names = [...new Set(permissions.map((p) => p.role ?? UNREPORTED_ROLE))];
  return names.join(", ");
}
