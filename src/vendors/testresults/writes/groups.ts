import { InputError, NotFoundError, SourceError } from "../../../model/errors.js";
import type { GroupRecord } from "../../../model/records.js";
import type { RequestScope } from "../../connector.js";
import type { GroupChanges, GroupWriter, NewGroup } from "../../connector-writes.js";
import { nonEmpty } from "../../mapping.js";
import { createOnce, sendOnceThenSettle } from "../../write-rules/index.js";
import { type Groups, key } from "../directory.js";
import { toGroup } from "../mapper.js";
import type { RawGroupUpdate, RawNewGroup, RawUserGroup } from "../raw-types.js";
import { canonicalPermission, joinPermissions, USAGE_PERMISSIONS } from "../usage-permissions.js";
import type { WriteContext } from "./context.js";
import { sameName } from "./group-choice.js";
import { moveInto, moversOf } from "./moves.js";
import { refusedAs, vendorRefusal } from "./refusals.js";

/** `UsagePermission` in the vendor's spelling: at least one (doc page "Create new User Group"),
 *  each one of the known permissions. */
function usagePermission(grants: readonly string[] | undefined, field: string): string {
  if (!grants || grants.length === 0)
    throw new InputError(
      `A TestResults.io user group grants at least one usage permission (one of: ${USAGE_PERMISSIONS.join(", ")})`,
      field,
    );
  const names = grants.map((grant, i) => {
    const name = canonicalPermission(grant);
    if (!name)
      throw new InputError(
        `"${grant}" is not a TestResults.io usage permission (one of: ${USAGE_PERMISSIONS.join(", ")})`,
        `${field}[${i}]`,
      );
    return name;
  });
  return joinPermissions([...new Set(names)]);
}

/** [I] No doc page says whether names are unique; Rollcall keeps them so, as it never duplicates. */
function checkNameFree(ctx: WriteContext, groups: Groups, name: string, except?: string): void {
  const other = sameName(groups, name, except);
  if (other)
    throw new InputError(
      `Source "${ctx.sourceId}" already has a user group named "${other.name}" (${other.remoteId})`,
      "input.name",
    );
}

function liveGroup(ctx: WriteContext, groups: Groups, groupId: string): GroupRecord {
  const group = groups.byId.get(key(groupId));
  // An archived group is a deleted one (REFERENCE §4.3: soft delete via `Archived`).
  if (!group || group.archived) throw new NotFoundError(ctx.sourceId, ctx.vendor, "Group", groupId);
  return group;
}

export function testResultsGroupWriter(ctx: WriteContext): GroupWriter {
  const { client, reads, sourceId, vendor } = ctx;

  /** The customer's groups as they now stand, past the operation's earlier reads. */
  const groupsNow = () => reads.groupsOf(reads.fresh());

  return {
    async create(group: NewGroup, scope: RequestScope) {
      const body: RawNewGroup = {
        Name: group.name,
        Description: nonEmpty(group.description),
        UsagePermission: usagePermission(group.grants, "input.grants"),
      };
      const groups = await reads.groupsOf(scope);
      checkNameFree(ctx, groups, group.name);
      const members = group.userIds?.length
        ? moversOf(ctx, await reads.directoryOf(scope), group.userIds, "input.members")
        : [];
      const { created } = await createOnce({
        send: async () => toGroup(await client.createGroup(body), sourceId),
        find: async () => sameName(await groupsNow(), group.name) ?? null,
      }).catch(refusedAs(ctx, "Group", group.name));
      try {
        await moveInto(ctx, created, members);
      } catch (error) {
        if (!(error instanceof SourceError)) throw error;
        throw new SourceError(`Group "${created.name}" (${created.remoteId}) was created. ${error.message}`, {
          code: error.code,
          sourceId,
          vendor,
          httpStatus: error.httpStatus,
          retryable: error.retryable,
        });
      }
      return created;
    },

    async update(groupId: string, changes: GroupChanges, scope: RequestScope) {
      const grants =
        changes.grants === undefined ? undefined : usagePermission(changes.grants, "input.grants");
      const groups = await reads.groupsOf(scope);
      const current = liveGroup(ctx, groups, groupId);
      if (changes.name !== undefined) checkNameFree(ctx, groups, changes.name, groupId);
      const raw = current.raw as RawUserGroup;
      // [I] The page's body has all three fields: unchanged ones go as just read, with the
      // DataVersion the caller last read (or the one just read) beside them.
      const body: RawGroupUpdate = {
        Name: changes.name ?? raw.Name,
        Description: changes.description === undefined ? raw.Description : nonEmpty(changes.description),
        UsagePermission: grants ?? raw.UsagePermission,
        DataVersion: changes.version ?? raw.DataVersion ?? null,
      };
      return sendOnceThenSettle(
        async () =>
          toGroup(await client.updateGroup(groupId, body).catch(refusedAs(ctx, "Group", groupId)), sourceId),
        async () => {
          const now = (await groupsNow()).byId.get(key(groupId));
          const raw = now?.raw as RawUserGroup | undefined;
          const applied =
            raw?.DataVersion !== body.DataVersion &&
            raw?.Name === body.Name &&
            raw?.Description === body.Description &&
            raw?.UsagePermission === body.UsagePermission;
          return applied ? (now as GroupRecord) : null;
        },
      );
    },

    async remove(groupId: string, scope: RequestScope) {
      const members = await reads.membersOf(scope, groupId).catch((error: unknown) => {
        throw vendorRefusal(ctx, error, "Group", groupId);
      });
      // [I] Every user needs its one group (Create User requires it), so the simulator, like the
      // database behind the real API, refuses to delete a group still holding accounts.
      const holding = members.filter((u) => !u.archived);
      if (holding.length > 0)
        throw new InputError(
          `Group ${groupId} still holds ${holding.length} account(s) (${holding
            .slice(0, 3)
            .map((u) => u.email)
            .join(", ")}${holding.length > 3 ? ", …" : ""}); ` +
            "move them to another group with addUsersToGroup first",
          "input.group",
        );
      await sendOnceThenSettle<unknown>(
        () => client.deleteGroup(groupId).catch(refusedAs(ctx, "Group", groupId)),
        async () => {
          const now = (await groupsNow()).byId.get(key(groupId));
          return !now || now.archived ? true : null;
        },
      );
    },

    async addMembers(groupId: string, userIds: readonly string[], scope: RequestScope) {
      const [groups, directory] = await Promise.all([reads.groupsOf(scope), reads.directoryOf(scope)]);
      const group = liveGroup(ctx, groups, groupId);
      const moved = await moveInto(ctx, group, moversOf(ctx, directory, userIds, "input.users"));
      // Moving users changes their rows, not the group's: it stands as read.
      return { status: moved > 0 ? "UPDATED" : "UNCHANGED", now: group } as const;
    },
  };
}
