import type { GroupRecord } from "../model/records.js";
import { StepAction } from "../plans/plan.js";
import { globalIdOf, toGlobalId } from "../schema/common/global-id.js";
import type { RequestScope, SourceDescriptor } from "../vendors/connector.js";
import type {
  GroupChanges,
  GroupWriter,
  MembershipOutcome,
  TeamMembershipWriter,
} from "../vendors/connector-writes.js";
import type { AuditTrail, Intended } from "./audit-trail.js";
import { groupLoaded, groupsLoaded, teamsLoaded, usersLoaded } from "./known-before.js";
import { applied, unchanged } from "./outcome-parts.js";

type Kind = "team" | "group";

/**
 * One event per (user, team or group) of a membership change. The writer answers for the batch:
 * UNCHANGED when nothing was sent; UPDATED when it changed something, where a pair the operation
 * already knew to be as asked is UNCHANGED and the others APPLIED.
 */
function membershipChange<T>(options: {
  trail: AuditTrail;
  source: SourceDescriptor;
  scope: RequestScope;
  kind: Kind;
  join: boolean;
  pairs: ReadonlyArray<{ userId: string; containerId: string }>;
  send: () => Promise<MembershipOutcome<T>>;
}): Promise<MembershipOutcome<T>> {
  const { source, scope, kind, join, pairs } = options;
  const action =
    kind === "team"
      ? join
        ? StepAction.ADD_TO_TEAM
        : StepAction.REMOVE_FROM_TEAM
      : join
        ? StepAction.ADD_TO_GROUP
        : StepAction.REMOVE_FROM_GROUP;
  const memberBefore = pairs.map(({ userId, containerId }) => {
    const held = kind === "team" ? teamsLoaded(scope, userId) : groupsLoaded(scope, userId);
    return held ? held.some((c) => c.remoteId === containerId) : undefined;
  });
  const describe = (): Intended[] => {
    const users = usersLoaded(
      scope,
      pairs.map((p) => p.userId),
    );
    return pairs.map(({ userId, containerId }, i) => {
      const container = toGlobalId(source.id, kind === "team" ? "Team" : "Group", containerId);
      const member = memberBefore[i];
      return {
        target: toGlobalId(source.id, "User", userId),
        action,
        before: member === undefined ? null : { [kind]: container, member },
        after: { [kind]: container, member: join },
        account: { remoteId: userId, user: users.get(userId) ?? null },
      };
    });
  };
  return options.trail.write(source, describe, options.send, ({ status }) =>
    memberBefore.map((member) =>
      status === "UNCHANGED" || member === join
        ? unchanged("Already so: nothing was sent for it.")
        : applied(),
    ),
  );
}

export function auditedTeamWriter(
  writer: TeamMembershipWriter,
  source: SourceDescriptor,
  trail: AuditTrail,
): TeamMembershipWriter {
  const change = (join: boolean) => (userId: string, teamIds: readonly string[], scope: RequestScope) =>
    membershipChange({
      trail,
      source,
      scope,
      kind: "team",
      join,
      pairs: teamIds.map((containerId) => ({ userId, containerId })),
      send: () => (join ? writer.join(userId, teamIds, scope) : writer.leave(userId, teamIds, scope)),
    });
  return { join: change(true), leave: change(false) };
}

/** A group's fields an update may change, as the group held them. */
function heldGroupFields(group: GroupRecord | null, changes: GroupChanges) {
  if (!group) return null;
  return {
    ...(changes.name !== undefined && { name: group.name }),
    ...(changes.description !== undefined && { description: group.description }),
    ...(changes.grants !== undefined && { grants: group.grants }),
  };
}

export function auditedGroupWriter(
  writer: GroupWriter,
  source: SourceDescriptor,
  trail: AuditTrail,
): GroupWriter {
  const groupId = (id: string) => toGlobalId(source.id, "Group", id);
  const { removeMembers } = writer;
  const members = (join: boolean) => (id: string, userIds: readonly string[], scope: RequestScope) =>
    membershipChange({
      trail,
      source,
      scope,
      kind: "group",
      join,
      pairs: userIds.map((userId) => ({ userId, containerId: id })),
      send: () =>
        join
          ? writer.addMembers(id, userIds, scope)
          : (removeMembers as NonNullable<typeof removeMembers>).call(writer, id, userIds, scope),
    });
  return {
    create: (group, scope) => {
      const userIds = group.userIds ?? [];
      const after = {
        name: group.name,
        ...(group.description !== undefined && { description: group.description }),
        ...(group.grants !== undefined && { grants: group.grants }),
      };
      return trail.write(
        source,
        () => {
          const users = usersLoaded(scope, userIds);
          return [
            { target: group.name, action: StepAction.CREATE_GROUP, before: null, after },
            // Its first members join with it: each is a change of that person's access.
            ...userIds.map((userId) => ({
              target: toGlobalId(source.id, "User", userId),
              action: StepAction.ADD_TO_GROUP,
              before: null,
              after: { group: group.name, member: true },
              account: { remoteId: userId, user: users.get(userId) ?? null },
            })),
          ];
        },
        () => writer.create(group, scope),
        (created) => [applied(`Created ${globalIdOf(created)}`), ...userIds.map(() => applied())],
      );
    },
    update: (id, changes, scope) => {
      const { version: _version, ...fields } = changes;
      return trail.write(
        source,
        () => [
          {
            target: groupId(id),
            action: StepAction.UPDATE_GROUP,
            before: heldGroupFields(groupLoaded(scope, id), changes),
            after: Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
          },
        ],
        () => writer.update(id, changes, scope),
        () => [applied()],
      );
    },
    remove: (id, scope) =>
      trail.write(
        source,
        () => {
          const before = groupLoaded(scope, id);
          return [
            {
              target: groupId(id),
              action: StepAction.DELETE_GROUP,
              before: before && { name: before.name, description: before.description },
              after: null,
            },
          ];
        },
        () => writer.remove(id, scope),
        () => [applied()],
      ),
    addMembers: members(true),
    removeMembers: removeMembers && members(false),
  };
}
