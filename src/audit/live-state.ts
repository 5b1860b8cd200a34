/**
 * Whether a recorded change is in the vendor's live state now: how the trail settles an intent
 * whose outcome it never learned (a crash between intent and answer) or learned as UNKNOWN (a lost
 * answer). One check per action, reading through the connector's readers only. What the live state
 * shows is the answer; a read that fails, or a state the unified model does not read, is no answer.
 */
import { isNotFound, SourceError } from "../model/errors.js";
import { matchesUserFilter } from "../model/filters.js";
import type { GroupRecord, PermissionRecord, UserRecord } from "../model/records.js";
import { StepAction } from "../plans/plan.js";
import { fromGlobalId } from "../schema/common/global-id.js";
import type { AuditIntent } from "../store/store.js";
import type { Connector, ListPage, RequestScope } from "../vendors/connector.js";

export type LiveAnswer =
  | { readonly applied: boolean; readonly why: string }
  /** The live state could not be read (or does not say): try again later. */
  | { readonly unreadable: string };

const yes = (why: string): LiveAnswer => ({ applied: true, why });
const no = (why: string): LiveAnswer => ({ applied: false, why });
const unreadable = (why: string): LiveAnswer => ({ unreadable: why });

type Fields = Readonly<Record<string, unknown>>;
const fieldsOf = (value: unknown): Fields => (value && typeof value === "object" ? (value as Fields) : {});

/** The remote id of a global id in the event's target or state, if it names this type. */
function remoteIdOf(id: unknown, type: "User" | "Project" | "Group" | "Team"): string | null {
  const parsed = typeof id === "string" ? fromGlobalId(id) : null;
  return parsed && parsed.type === type ? parsed.remoteId : null;
}

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

async function checkAccount(event: AuditIntent, connector: Connector, scope: RequestScope) {
  const after = fieldsOf(event.after);
  if (event.action === StepAction.CREATE_ACCOUNT) {
    const email = String(after.email ?? event.target);
    const filter = { email, includeArchived: true };
    const exists = await anyListed(
      (offset) => connector.users.list({ filter, offset, limit: LIST_PAGE }, scope),
      (user: UserRecord) => matchesUserFilter(user, filter),
    );
    return exists ? yes(`an account with ${email} exists`) : no(`no account has ${email}`);
  }
  const userId = remoteIdOf(event.target, "User");
  if (!userId) return unreadable(`the target ${event.target} is not a user`);
  const user = await one(connector.users.getMany([userId], scope));
  if (event.action === StepAction.DELETE_ACCOUNT)
    return !user || user.archived ? yes("the account is gone") : no("the account is still there");
  if (!user) return no("the account no longer exists");
  if (event.action === StepAction.UPDATE_ACCOUNT) {
    const readable = ["email", "firstName", "lastName", "login"] as const;
    const asked = readable.filter((k) => k in after);
    if (asked.length === 0) return unreadable("the change is to a field Rollcall does not read");
    const differs = asked.filter((k) => user[k] !== after[k]);
    return differs.length === 0 ? yes("the account shows the change") : no(`${differs.join(", ")} differ`);
  }
  const active = after.active === true;
  return user.active === active
    ? yes(`the account is ${active ? "active" : "inactive"}`)
    : no(`the account is ${user.active ? "active" : "inactive"}`);
}

async function checkProjectRole(event: AuditIntent, connector: Connector, scope: RequestScope) {
  const after = fieldsOf(event.after);
  const userId = remoteIdOf(event.target, "User");
  const projectId = remoteIdOf(after.project, "Project");
  if (!userId || !projectId || !connector.permissions)
    return unreadable("this source's project roles can't be read");
  const held = (await one(connector.permissions.ofUsers([userId], scope))) ?? [];
  const own = held.filter((p: PermissionRecord) => p.projectId === projectId && !p.via);
  if (event.action === StepAction.REMOVE_FROM_PROJECT)
    return own.length === 0 ? yes("no role of their own on the project") : no("still holds a role there");
  // A null role asked for the vendor's default: any role of their own there shows it.
  const role = after.role ?? null;
  const shows = own.some((p) => role === null || p.role === role);
  return shows ? yes("holds the role") : no("does not hold the role");
}

async function checkMembership(event: AuditIntent, connector: Connector, scope: RequestScope) {
  const after = fieldsOf(event.after);
  const userId = remoteIdOf(event.target, "User");
  const team = event.action === StepAction.ADD_TO_TEAM || event.action === StepAction.REMOVE_FROM_TEAM;
  const join = after.member === true;
  const reader = team ? connector.teams : connector.groups;
  if (!userId || !reader) return unreadable("this source's memberships can't be read");
  const container = team ? after.team : after.group;
  const containerId = remoteIdOf(container, team ? "Team" : "Group");
  const read: Promise<Array<Array<{ remoteId: string; name: string }> | Error>> = reader.ofUsers(
    [userId],
    scope,
  );
  const held = (await one(read)) ?? [];
  // A group created with its members is named in their events by its name (it had no id yet).
  const member = held.some((c) => (containerId ? c.remoteId === containerId : c.name === container));
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

const CHECKS: Record<StepAction, (e: AuditIntent, c: Connector, s: RequestScope) => Promise<LiveAnswer>> = {
  [StepAction.CREATE_ACCOUNT]: checkAccount,
  [StepAction.DEACTIVATE_ACCOUNT]: checkAccount,
  [StepAction.REACTIVATE_ACCOUNT]: checkAccount,
  [StepAction.DELETE_ACCOUNT]: checkAccount,
  [StepAction.UPDATE_ACCOUNT]: checkAccount,
  [StepAction.ASSIGN_ROLE]: checkProjectRole,
  [StepAction.CHANGE_ROLE]: checkProjectRole,
  [StepAction.REMOVE_FROM_PROJECT]: checkProjectRole,
  [StepAction.ADD_TO_GROUP]: checkMembership,
  [StepAction.REMOVE_FROM_GROUP]: checkMembership,
  [StepAction.ADD_TO_TEAM]: checkMembership,
  [StepAction.REMOVE_FROM_TEAM]: checkMembership,
  [StepAction.CREATE_GROUP]: checkGroup,
  [StepAction.UPDATE_GROUP]: checkGroup,
  [StepAction.DELETE_GROUP]: checkGroup,
};

/** Whether the event's change shows in its source's live state, or why that can't be told now. */
export async function liveState(
  event: AuditIntent,
  connector: Connector,
  scope: RequestScope,
): Promise<LiveAnswer> {
  const check = CHECKS[event.action as StepAction];
  if (!check) return unreadable(`no live check for action ${event.action}`);
  try {
    return await check(event, connector, scope);
  } catch (error) {
    // A source's words are already free of secrets; anything else is a bug, not for the record.
    return unreadable(error instanceof SourceError ? error.message : "the read failed unexpectedly");
  }
}
