import { isNotFound } from "../../model/errors.js";
import type { GroupRecord, UserRecord } from "../../model/records.js";
import type { RequestScope } from "../connector.js";
import type { TestResultsClient } from "./client.js";
import { type CustomerSummary, toCustomer, toUser } from "./mapper.js";

/** GUIDs are compared case-insensitively: .NET prints them lower case but accepts either. */
export const key = (id: string) => id.toLowerCase();

const byRemoteId = (a: UserRecord, b: UserRecord) => {
  const x = key(a.remoteId);
  const y = key(b.remoteId);
  return x < y ? -1 : x > y ? 1 : 0;
};

export interface Groups {
  readonly customer: CustomerSummary;
  readonly byId: ReadonlyMap<string, GroupRecord>;
}

export interface DirectoryEntry {
  readonly user: UserRecord;
  readonly group: GroupRecord;
}

/** Every user of the customer: the union of all group lists (a user is in exactly one group). */
export interface Directory {
  /** Ordered by id: the API promises no order, and ids never change, so pages stay stable. */
  readonly users: readonly UserRecord[];
  readonly byId: ReadonlyMap<string, DirectoryEntry>;
  /** Lower-case email → entry, archived accounts included (their email stays taken). */
  readonly byEmail: ReadonlyMap<string, DirectoryEntry>;
}

/** All these reads need of a request's scope: its once-per-operation memo. */
type Once = Pick<RequestScope, "once">;

export interface DirectoryReads {
  /** The customer and its user groups, read once per operation. */
  groupsOf(scope: Once): Promise<Groups>;
  /** One group's list, read once per operation. */
  groupUsersOf(scope: Once, groupId: string): Promise<UserRecord[]>;
  /** The whole directory, read once per operation: the customer plus every group's list. */
  directoryOf(scope: Once): Promise<Directory>;
  /** A scope of its own, for reading what a write left behind past the operation's earlier reads. */
  fresh(): Once;
}

function memo(): Once {
  const pending = new Map<string, Promise<unknown>>();
  return {
    once<T>(k: string, load: () => Promise<T>): Promise<T> {
      if (!pending.has(k)) pending.set(k, load());
      return pending.get(k) as Promise<T>;
    },
  };
}

/**
 * There is no "all users" and no user-by-id route: users are reachable only through their group's
 * list (doc page "Get Users"), so everything below is read once per operation and shared.
 */
export function directoryReads(client: TestResultsClient, sourceId: string): DirectoryReads {
  const groupsOf = (scope: Once): Promise<Groups> =>
    scope.once("customer", async () => {
      const customer = toCustomer(await client.currentCustomer(), sourceId);
      return { customer, byId: new Map(customer.groups.map((g) => [key(g.remoteId), g])) };
    });

  const groupUsersOf = (scope: Once, groupId: string): Promise<UserRecord[]> =>
    scope.once(`group-users:${key(groupId)}`, async () =>
      (await client.groupUsers(groupId)).map((u) => toUser(u, sourceId)),
    );

  const directoryOf = (scope: Once): Promise<Directory> =>
    scope.once("directory", async () => {
      const { customer } = await groupsOf(scope);
      const lists = await Promise.all(
        customer.groups.map((group) =>
          // A group deleted between the two calls has simply no users left.
          groupUsersOf(scope, group.remoteId).catch((error: unknown) => {
            if (isNotFound(error)) return [];
            throw error;
          }),
        ),
      );
      const byId = new Map<string, DirectoryEntry>();
      const byEmail = new Map<string, DirectoryEntry>();
      customer.groups.forEach((group, i) => {
        for (const user of lists[i] ?? []) {
          if (byId.has(key(user.remoteId))) continue;
          const entry = { user, group };
          byId.set(key(user.remoteId), entry);
          if (user.email) byEmail.set(user.email.toLowerCase(), entry);
        }
      });
      const users = [...byId.values()].map((e) => e.user).sort(byRemoteId);
      return { users, byId, byEmail };
    });

  return { groupsOf, groupUsersOf, directoryOf, fresh: memo };
}
