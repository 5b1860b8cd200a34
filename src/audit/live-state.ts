/**
 * Whether a recorded change is in the vendor's live state now: how the trail settles an intent
 * whose outcome it never learned (a crash between intent and answer) or learned as UNKNOWN (a lost
 * answer). What a plan step can do is asked of the plan engine's check (plans/live-state.ts), with
 * the event read as a step (event-step.ts) or the plan's own step; the few changes no step makes
 * (an account's names, a group's own changes) are checked here. What the live state shows is the
 * answer; a read that fails, or a state the unified model does not read, is no answer.
 */
import type { SourceSession } from "../loaders/source-session.js";
import { isNotFound, SourceError } from "../model/errors.js";
import type { GroupRecord } from "../model/records.js";
import { isDone, readLiveState } from "../plans/live-state.js";
import { StepAction, type StepRecord } from "../plans/plan.js";
import { shown } from "../plans/step-values.js";
import type { AuditIntent, LinkStore } from "../store/store.js";
import type { Connector, ListPage, RequestScope } from "../vendors/connector.js";
import { eventAsStep, remoteIdOf } from "./event-step.js";

export type LiveAnswer =
  | { readonly applied: boolean; readonly why: string }
  /** The live state could not be read (or does not say): try again later. `outage`: the source
   *  itself failed (down, timing out, refusing Rollcall), so its other events can't be read either. */
  | { readonly unreadable: string; readonly outage?: boolean };

const yes = (why: string): LiveAnswer => ({ applied: true, why });
const no = (why: string): LiveAnswer => ({ applied: false, why });
const unreadable = (why: string): LiveAnswer => ({ unreadable: why });

type Fields = Readonly<Record<string, unknown>>;
const fieldsOf = (value: unknown): Fields => (value && typeof value === "object" ? (value as Fields) : {});

/** The one item of a batch read: the record, null when the vendor has no such object. */
async function one<T>(read: Promise<Array<T | Error>>): Promise<T | null> {
  const [answer] = await read;
  if (answer instanceof Error) {
    if (isNotFound(answer)) return null;
    throw answer;
  }
  return answer ?? null;
}

/** Pages through a list until `found` matches (or the list ends). */
async function anyListed<T>(
  page: (offset: number) => Promise<ListPage<T>>,
  found: (item: T) => boolean,
): Promise<boolean> {
  for (let offset = 0; ; ) {
    const { items, hasMore } = await page(offset);
    if (items.some(found)) return true;
    if (!hasMore || items.length === 0) return false;
    offset += items.length;
  }
}

const LIST_PAGE = 500;

async function checkAccountNames(event: AuditIntent, connector: Connector, scope: RequestScope) {
  const after = fieldsOf(event.after);
  const userId = remoteIdOf(event.target, "User");
  if (!userId) return unreadable(`the target ${event.target} is not a user`);
  const user = await one(connector.users.getMany([userId], scope));
  if (!user) return no("the account no longer exists");
  const readable = ["email", "firstName", "lastName", "login"] as const;
  const asked = readable.filter((k) => k in after);
  if (asked.length === 0) return unreadable("the change is to a field Rollcall does not read");
  const differs = asked.filter((k) => user[k] !== after[k]);
  return differs.length === 0 ? yes("the account shows the change") : no(`${differs.join(", ")} differ`);
}

/** A member of a group created with its members: the group is named by its name (it had no id yet). */
async function checkMemberByGroupName(event: AuditIntent, connector: Connector, scope: RequestScope) {
  const after = fieldsOf(event.after);
  const userId = remoteIdOf(event.target, "User");
  if (!userId || !connector.groups) return unreadable("this source's group members can't be read");
  const held = (await one(connector.groups.ofUsers([userId], scope))) ?? [];
  const member = held.some((g) => g.name === after.group);
  const join = after.member === true;
  return member === join
    ? yes(join ? "is a member" : "is not a member")
    : no(join ? "is not a member" : "is a member");
}

async function checkGroup(event: AuditIntent, connector: Connector, scope: RequestScope) {
  const groups = connector.groups;
  if (!groups) return unreadable("this source's groups can't be read");
  const after = fieldsOf(event.after);
  if (event.action === StepAction.CREATE_GROUP) {
    const name = String(after.name ?? event.target);
    const filter = { nameContains: name, includeArchived: false };
    const exists = await anyListed(
      (offset) => groups.list({ filter, offset, limit: LIST_PAGE }, scope),
      (g: GroupRecord) => g.name === name,
    );
    return exists ? yes(`a group named ${name} exists`) : no(`no group is named ${name}`);
  }
  const groupId = remoteIdOf(event.target, "Group");
  if (!groupId) return unreadable(`the target ${event.target} is not a group`);
  const group = await one(groups.getMany([groupId], scope));
  if (event.action === StepAction.DELETE_GROUP)
    return !group || group.archived ? yes("the group is gone") : no("the group is still there");
  if (!group) return no("the group no longer exists");
  const sorted = (grants: unknown) => JSON.stringify([...(grants as string[])].sort());
  const differs: string[] = (["name", "description"] as const).filter(
    (k) => k in after && group[k] !== after[k],
  );
  if ("grants" in after && sorted(group.grants) !== sorted(after.grants)) differs.push("grants");
  return differs.length === 0 ? yes("the group shows the change") : no(`${differs.join(", ")} differ`);
}

/** The changes no plan step makes. */
const OWN_CHECKS: Partial<
  Record<StepAction, (e: AuditIntent, c: Connector, s: RequestScope) => Promise<LiveAnswer>>
> = {
  [StepAction.UPDATE_ACCOUNT]: checkAccountNames,
  [StepAction.ADD_TO_GROUP]: checkMemberByGroupName,
  [StepAction.CREATE_GROUP]: checkGroup,
  [StepAction.UPDATE_GROUP]: checkGroup,
  [StepAction.DELETE_GROUP]: checkGroup,
};

/** The actions whose change is to Rollcall's own store (a link), not to a vendor. */
export const LINK_ACTIONS: ReadonlySet<string> = new Set([
  StepAction.LINK_ACCOUNT,
  StepAction.UNLINK_ACCOUNT,
]);

/**
 * Whether a link event's change shows in the store: the account's link is the person its `after`
 * names (none for an unlink). The store is its live state, so no vendor is asked.
 */
export async function linkState(event: AuditIntent, links: Pick<LinkStore, "all">): Promise<LiveAnswer> {
  const userId = remoteIdOf(event.target, "User");
  if (!userId) return unreadable(`the target ${event.target} is not a user`);
  const wanted = fieldsOf(event.after).person ?? null;
  let held: string | null;
  try {
    const link = (await links.all()).find(
      (l) => l.account.sourceId === event.sourceId && l.account.remoteId === userId,
    );
    held = link?.personKey ?? null;
  } catch {
    // The store's own words (a file, a database) stay out of the record.
    return unreadable("Rollcall's store could not be read");
  }
  const found = `the store links it to ${held ?? "no person"}, the change makes it ${wanted ?? "no person"}`;
  return held === wanted ? yes(found) : no(found);
}

/**
 * Whether the event's change shows in its source's live state, or why that can't be told now.
 * `planStep` is the plan's own step when the event was one (its target and `to` as planned).
 */
export async function liveState(
  event: AuditIntent,
  session: SourceSession,
  planStep: StepRecord | null = null,
): Promise<LiveAnswer> {
  try {
    const step = planStep ?? eventAsStep(event);
    if (step) {
      const live = await readLiveState(session, step);
      const found = `it is ${shown(live.value)}${live.gone ? " (the account is gone)" : ""}, the change makes it ${shown(step.to)}`;
      return isDone(step, live) ? yes(found) : no(found);
    }
    const check = OWN_CHECKS[event.action as StepAction];
    if (!check) return unreadable(`no live check for action ${event.action}`);
    return await check(event, session.connector, session);
  } catch (error) {
    // A source's words are already free of secrets; anything else is a bug, not for the record.
    if (error instanceof SourceError) return { unreadable: error.message, outage: !isNotFound(error) };
    return unreadable("the read failed unexpectedly");
  }
}
