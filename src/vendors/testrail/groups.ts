import { isNotFound } from "../../model/errors.js";
import type { UserRecord } from "../../model/records.js";
import { eachKey, inKeyOrder, onlyUses, windowOf } from "../batch.js";
import type { GroupReader } from "../connector.js";
import { badResponse } from "../http/http-errors.js";
import type { Memo, TestRailClient } from "./client.js";
import { toGroup } from "./mapper.js";
import type { RawGroup, RawUser } from "./raw-types.js";
import type { TestRailReads } from "./reads.js";

/**
 * A group's `user_ids`. A group without them is an answer Rollcall cannot read, never "no members"
 * (and never a list to merge and write back: update_group's `user_ids` replaces the list).
 */
export function listedMembers(
  ids: readonly number[] | undefined,
  groupId: string | number,
  source: { readonly sourceId: string; readonly vendor: string },
): readonly number[] {
  if (Array.isArray(ids)) return ids;
  throw badResponse(source, `did not list the members of group ${groupId}`);
}

/** TestRail 7.5+ user groups. Users carry `group_ids` (7.3+), groups carry `user_ids`. */
export function testRailGroups(
  client: TestRailClient,
  reads: TestRailReads,
  source: { readonly sourceId: string; readonly vendor: string },
): GroupReader {
  const { sourceId } = source;
  const byId = async (memo: Memo) => new Map((await reads.groups(memo)).map((g) => [String(g.id), g]));

  /** `user_ids` of the list item, or of `get_group` when the list left them out [I]. */
  const memberIds = async (group: RawGroup, memo: Memo): Promise<readonly number[]> =>
    listedMembers(
      group.user_ids ?? (await client.getGroup(String(group.id), memo)).user_ids,
      group.id,
      source,
    );

  /** user id -> group ids, from the groups' side, for payloads older than `group_ids`. */
  const groupsByMember = async (groups: readonly RawGroup[], memo: Memo) => {
    const out = new Map<string, number[]>();
    const lists = await Promise.all(groups.map((g) => memberIds(g, memo)));
    lists.forEach((ids, i) => {
      const groupId = (groups[i] as RawGroup).id;
      for (const id of ids) out.set(String(id), [...(out.get(String(id)) ?? []), groupId]);
    });
    return out;
  };

  return {
    async getMany(ids, scope) {
      // One id: `get_group`. More: the group list, one call for up to 250 groups.
      if (ids.length === 1)
        return eachKey(ids, async (id) => toGroup(await client.getGroup(id, scope), sourceId));
      const all = await byId(scope);
      return inKeyOrder(ids, all, (id) => client.notFound("Group", id)).map((g) =>
        g instanceof Error ? g : toGroup(g, sourceId),
      );
    },

    async list({ filter, offset, limit }, scope) {
      const all = (await reads.groups(scope)).map((g) => toGroup(g, sourceId));
      scope.prime(all);
      // TestRail has no archive: "include archived" asks for nothing more.
      return windowOf(all, offset, limit, onlyUses(filter, ["includeArchived"]));
    },

    async ofUsers(userIds, scope) {
      const [users, groups] = await Promise.all([scope.loadUsers(userIds), byId(scope)]);
      const records = new Map([...groups].map(([id, g]) => [id, toGroup(g, sourceId)]));
      scope.prime([...records.values()]);
      const groupIdsOf = (user: UserRecord) => (user.raw as RawUser).group_ids;
      const fromGroups = users.some((u) => !(u instanceof Error) && !groupIdsOf(u))
        ? await groupsByMember([...groups.values()], scope)
        : null;
      return users.map((user) => {
        if (user instanceof Error) return user;
        const ids = groupIdsOf(user) ?? fromGroups?.get(user.remoteId) ?? [];
        return ids.flatMap((id) => records.get(String(id)) ?? []);
      });
    },

    async members(groupIds, scope) {
      const groups = await byId(scope);
      const lists = await eachKey(groupIds, async (id) => {
        const group = groups.get(id);
        if (!group) throw client.notFound("Group", id);
        return (await memberIds(group, scope)).map(String);
      });
      // One user batch for every group's members.
      const wanted = [...new Set(lists.flatMap((l) => (l instanceof Error ? [] : l)))];
      const loaded = await scope.loadUsers(wanted);
      const users = new Map<string, UserRecord | Error>(wanted.map((id, i) => [id, loaded[i] as UserRecord]));
      return lists.map((list) => {
        if (list instanceof Error) return list;
        // A member id that no longer resolves is skipped; any other failure fails the group.
        const failed = list.map((id) => users.get(id)).find((u) => u instanceof Error && !isNotFound(u));
        if (failed instanceof Error) return failed;
        return list.flatMap((id) => {
          const user = users.get(id);
          return user && !(user instanceof Error) ? [user] : [];
        });
      });
    },
  };
}
