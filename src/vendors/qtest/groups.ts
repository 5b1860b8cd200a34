import { isNotFound, NotFoundError } from "../../model/errors.js";
import type { GroupRecord, UserRecord } from "../../model/records.js";
import { eachKey, inKeyOrder, onlyUses, windowOf } from "../batch.js";
import type { GroupReader, RequestScope } from "../connector.js";
import { groupMemberIds, toGroup } from "./mapper.js";
import type { RawGroup } from "./raw-types.js";
import type { SharedReads } from "./reads.js";

/**
 * qTest user groups (`GET /groups`, v3 swagger UserGroupResource): one call answers every group
 * with its members (`users`) and authorities (`authority_names`, Rollcall's `grants`). There is no
 * by-id or per-user group read, so every batch is answered from that one list.
 */
export function createGroupReader(reads: SharedReads, sourceId: string, vendor: string): GroupReader {
  const missing = (id: string) => new NotFoundError(sourceId, vendor, "Group", id);

  async function all(scope: RequestScope): Promise<Array<{ raw: RawGroup; record: GroupRecord }>> {
    const groups = (await reads.groups(scope)).map((raw) => ({ raw, record: toGroup(raw, sourceId) }));
    scope.prime(groups.map((g) => g.record));
    return groups;
  }

  return {
    async getMany(ids, scope) {
      const groups = await all(scope);
      return inKeyOrder(ids, new Map(groups.map((g) => [g.record.remoteId, g.record])), missing);
    },

    async list({ filter, offset, limit }, scope) {
      const groups = await all(scope);
      return windowOf(
        groups.map((g) => g.record),
        offset,
        limit,
        onlyUses(filter, ["includeArchived"]),
      );
    },

    async ofUsers(userIds, scope) {
      const byUser = new Map<string, GroupRecord[]>();
      for (const { raw, record } of await all(scope))
        for (const userId of groupMemberIds(raw, sourceId)) {
          const groups = byUser.get(userId);
          if (groups) groups.push(record);
          else byUser.set(userId, [record]);
        }
      return userIds.map((id) => byUser.get(id) ?? []);
    },

    async members(groupIds, scope) {
      const groups = new Map((await all(scope)).map((g) => [g.record.remoteId, g.raw]));
      return eachKey(groupIds, async (groupId) => {
        const raw = groups.get(groupId);
        if (!raw) throw missing(groupId);
        // Members arrive as UserInfoVM (no status): the full records come through the user loader.
        const users = await scope.loadUsers(groupMemberIds(raw, sourceId));
        const failed = users.find((u): u is Error => u instanceof Error && !isNotFound(u));
        if (failed) throw failed;
        return users.filter((u): u is UserRecord => !(u instanceof Error));
      });
    },
  };
}
