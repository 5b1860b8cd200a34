/**
 * The exclusive part of an access plan: for each exclusive project, group and team of a source,
 * every holder the file does not list on it is taken off it (REMOVE_FROM_PROJECT,
 * REMOVE_FROM_GROUP, REMOVE_FROM_TEAM) — listed people too, where the file does not list them
 * there. A holder is listed by their account or by the person it belongs to (a link, else its
 * email). What can't be told is not planned: holders that could not be read, an account whose
 * owner can't be told, access held only through a group or team (taken away by leaving that).
 */
import type { PermissionRecord } from "../../model/records.js";
import { StepAction, type StepTarget } from "../plan.js";
import type { Ability } from "../source-abilities.js";
import { projectLabel, unreadReason, whoOf } from "../step-labels.js";
import { targetOf } from "../step-list.js";
import { MEMBER, roleValue, UNNAMED_ROLE } from "../step-values.js";
import type { AccessLiveState, Holder } from "./live-access.js";
import { IMPOSSIBLE, idOf, type Kind, MEMBERSHIP, membershipsIn, type Planning } from "./plan-kit.js";
import {
  isUnchecked,
  type Resolved,
  type ResolvedDesiredState,
  type ResolvedPerson,
  targetKey,
} from "./resolved-state.js";

const holderName = (holder: Holder) => (holder.user ? whoOf(holder.user) : `account ${holder.userId}`);

/** The roles held through groups or teams, for a step's `from`. */
function viaRoles(permissions: readonly PermissionRecord[]): string {
  return [...new Set(permissions.map((p) => p.role ?? UNNAMED_ROLE))].sort().join(", ");
}

/** The steps that take what one source's exclusive targets hold away from those the file does not list. */
export function planExclusiveIn(
  planning: Planning,
  desired: ResolvedDesiredState,
  live: AccessLiveState,
  sourceId: string,
): void {
  const { steps, can } = planning;

  /** Whether the file lists a holder on a target: by their account, or by the person it belongs to. */
  function listedOn(lists: (person: ResolvedPerson) => boolean): (holder: Holder) => boolean {
    const keys = new Set<string>();
    const accountIds = new Set<string>();
    for (const person of desired.people.filter(lists)) {
      keys.add(person.key);
      const found = live.accounts.get(person.key)?.get(sourceId);
      if (Array.isArray(found)) for (const a of found) accountIds.add(a.user.remoteId);
    }
    return (holder) =>
      accountIds.has(holder.userId) || (holder.personKey !== null && keys.has(holder.personKey));
  }

  const UNTOLD = (holder: Holder) =>
    `Rollcall could not read account ${holder.userId}, so whether the file lists the person it belongs to can't be told: nothing is planned for it`;

  function planExclusiveProject(ref: Resolved): void {
    const add = (target: StepTarget, from: string | null, ability: Ability) =>
      steps.add({ sourceId, action: StepAction.REMOVE_FROM_PROJECT, target, from, to: null, ability });
    const everyone = (name: string) =>
      targetOf({
        projectId: idOf(ref),
        label: projectLabel("every holder the file does not list", name, sourceId),
      });
    if (isUnchecked(ref))
      return void add(
        everyone(ref.written),
        null,
        IMPOSSIBLE(unreadReason("the projects", sourceId, ref.error)),
      );
    const holders = live.projectHolders.get(targetKey(ref));
    if (holders === undefined) throw new Error(`the holders of ${ref.name} (${sourceId}) were not read`);
    if (holders instanceof Error)
      return void add(
        everyone(ref.name),
        null,
        IMPOSSIBLE(unreadReason(`who holds ${ref.name}`, sourceId, holders)),
      );
    const listed = listedOn((p) =>
      p.grants.some((g) => idOf(g.project) === ref.id && g.project.sourceId === sourceId),
    );
    for (const holder of holders) {
      // An explicit "no access" role is not access to take away.
      const held = holder.permissions.filter((p) => p.projectId === ref.id && p.level !== "NONE");
      if (held.length === 0 || listed(holder)) continue;
      const target = targetOf({
        userId: holder.userId,
        email: holder.user?.email,
        projectId: ref.id,
        label: projectLabel(holderName(holder), ref.name, sourceId),
      });
      if (holder.personKey === null) {
        add(target, roleValue(held, ref.id) ?? viaRoles(held), IMPOSSIBLE(UNTOLD(holder)));
        continue;
      }
      const direct = roleValue(held, ref.id);
      if (direct !== null) add(target, direct, can(sourceId, StepAction.REMOVE_FROM_PROJECT));
      const through = held.filter((p) => p.via);
      if (through.length > 0) {
        const vias = [...new Set(through.map((p) => `${p.via?.type.toLowerCase()} ${p.via?.remoteId}`))].join(
          ", ",
        );
        add(
          target,
          viaRoles(through),
          IMPOSSIBLE(
            `${holderName(holder)} holds ${ref.name} through ${vias}, not on their own: take them out of it, or mark it exclusive too`,
          ),
        );
      }
    }
  }

  function planExclusiveMembers(kind: Kind, ref: Resolved): void {
    const spec = MEMBERSHIP[kind];
    const add = (target: StepTarget, from: string | null, ability: Ability) =>
      steps.add({ sourceId, action: spec.remove, target, from, to: null, ability });
    const everyone = (name: string) =>
      targetOf({
        [spec.id]: idOf(ref),
        label: spec.label("every member the file does not list", name, sourceId),
      });
    if (isUnchecked(ref))
      return void add(
        everyone(ref.written),
        null,
        IMPOSSIBLE(unreadReason(`the ${kind}s`, sourceId, ref.error)),
      );
    const members = (kind === "group" ? live.groupMembers : live.teamMembers).get(targetKey(ref));
    if (members === undefined) throw new Error(`the members of ${ref.name} (${sourceId}) were not read`);
    if (members instanceof Error)
      return void add(
        everyone(ref.name),
        null,
        IMPOSSIBLE(unreadReason(`the members of ${ref.name}`, sourceId, members)),
      );
    const listed = listedOn((p) => membershipsIn(p, kind, sourceId).some((m) => idOf(m.target) === ref.id));
    for (const member of members) {
      if (listed(member)) continue;
      const target = targetOf({
        userId: member.userId,
        email: member.user?.email,
        [spec.id]: ref.id,
        label: spec.label(holderName(member), ref.name, sourceId),
      });
      add(
        target,
        MEMBER,
        member.personKey === null ? IMPOSSIBLE(UNTOLD(member)) : can(sourceId, spec.remove),
      );
    }
  }

  const mine = <T extends { target: Resolved }>(list: readonly T[]) =>
    list.filter((e) => e.target.sourceId === sourceId);
  for (const { target } of mine(desired.exclusive.projects)) planExclusiveProject(target);
  for (const { target } of mine(desired.exclusive.groups)) planExclusiveMembers("group", target);
  for (const { target } of mine(desired.exclusive.teams)) planExclusiveMembers("team", target);
}
