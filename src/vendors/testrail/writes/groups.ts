import { InputError, isNotFound } from "../../../model/errors.js";
import type { RequestScope } from "../../connector.js";
import type { GroupChanges, GroupWriter } from "../../connector-writes.js";
import { createOnce, readBack, sendOnceThenSettle } from "../../write-rules/index.js";
import { listedMembers } from "../groups.js";
import { toGroup } from "../mapper.js";
import type { RawGroup } from "../raw-types.js";
import { FRESH, type WriteContext } from "./context.js";
import { checkUsers } from "./members.js";
import { refusedAs } from "./refusals.js";

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

const sameMembers = (a: readonly number[] | undefined, b: readonly number[]) => {
  const set = new Set(a ?? []);
  return set.size === new Set(b).size && b.every((id) => set.has(id));
};

/**
 * User groups (7.5+, REFERENCE §5.2): add_group, update_group, delete_group. A TestRail group is
 * a name and members: no description, no grants (its roles come from project overrides), no
 * version. update_group's `user_ids` replaces the whole member list, so adding or removing
 * members reads get_group, merges and writes the list back (not atomic: a change made in TestRail
 * in between is overwritten).
 */
export function testRailGroupWriter(ctx: WriteContext): GroupWriter {
  const { client, reads, sourceId } = ctx;

  /** What TestRail groups cannot hold is refused, not dropped. */
  const refuseExtras = (changes: Pick<GroupChanges, "description" | "grants" | "version">) => {
    if (changes.grants !== undefined && changes.grants.length > 0)
      throw new InputError(
        "TestRail groups grant nothing themselves: their roles are set per project",
        "input.grants",
      );
    if (changes.description !== undefined)
      throw new InputError("TestRail groups have no description", "input.description");
    if (changes.version !== undefined)
      throw new InputError("TestRail groups carry no version to check", "input.version");
  };

  /**
   * Rollcall keeps group names unique in a source [I]: the name is how a create whose answer was
   * lost is found again, and how a repeated createGroup is told from a new group.
   */
  const checkNameFree = async (name: string, exceptId?: string) => {
    const taken = (await reads.groups(FRESH)).find(
      (g) => sameName(g.name, name) && String(g.id) !== exceptId,
    );
    if (taken)
      throw new InputError(`Source "${sourceId}" already has a group named "${taken.name}"`, "input.name");
  };

  /** Writes a merged member list, once; a lost answer is settled by reading the group back. A
   *  group shown without `user_ids` is not taken as empty: the list written would replace its
   *  members. */
  const writeMembers = async (groupId: string, members: (current: readonly number[]) => number[]) => {
    const group = await client.getGroup(groupId, FRESH);
    const next = members(listedMembers(group.user_ids, groupId, ctx));
    // Everyone already is (or isn't) a member: nothing to send.
    if (sameMembers(group.user_ids, next))
      return { status: "UNCHANGED", now: toGroup(group, sourceId) } as const;
    const now = await sendOnceThenSettle(
      () => client.updateGroup(groupId, { user_ids: next }),
      readBack(
        () => client.getGroup(groupId, FRESH),
        (read) => sameMembers(read.user_ids, next),
      ),
    );
    return { status: "UPDATED", now: toGroup(now, sourceId) } as const;
  };

  const userIdsIn = async (scope: RequestScope, ids: readonly string[], field: string) =>
    checkUsers(scope, ids, field, sourceId);

  return {
    async create(group, scope) {
      refuseExtras(group);
      await checkNameFree(group.name);
      const userIds = await userIdsIn(scope, group.userIds ?? [], "input.members");
      const { created } = await createOnce({
        send: () => client.addGroup({ name: group.name, user_ids: userIds }),
        find: async () => (await reads.groups(FRESH)).find((g) => sameName(g.name, group.name)) ?? null,
      }).catch(refusedAs({ name: "input.name", user_ids: "input.members" }));
      return toGroup(created, sourceId);
    },

    async update(groupId, changes) {
      refuseExtras(changes);
      if (changes.name === undefined) return toGroup(await client.getGroup(groupId, FRESH), sourceId);
      const name = changes.name;
      await checkNameFree(name, groupId);
      const updated = await sendOnceThenSettle<RawGroup>(
        () => client.updateGroup(groupId, { name }).catch(refusedAs({ name: "input.name" })),
        readBack(
          () => client.getGroup(groupId, FRESH),
          (now) => now.name === name,
        ),
      );
      return toGroup(updated, sourceId);
    },

    async remove(groupId) {
      await sendOnceThenSettle<unknown>(
        () => client.deleteGroup(groupId),
        // Settled when the group is gone; still there: the delete's own failure stands.
        () =>
          client.getGroup(groupId, FRESH).then(
            () => null,
            (error: unknown) => (isNotFound(error) ? true : null),
          ),
      );
    },

    async addMembers(groupId, userIds, scope) {
      const adding = await userIdsIn(scope, userIds, "input.users");
      return writeMembers(groupId, (current) => [...new Set([...current, ...adding])]);
    },

    async removeMembers(groupId, userIds) {
      // Someone who is not a member is already as asked: nothing to check for them.
      const leaving = new Set(userIds.map(Number));
      return writeMembers(groupId, (current) => current.filter((id) => !leaving.has(id)));
    },
  };
}
